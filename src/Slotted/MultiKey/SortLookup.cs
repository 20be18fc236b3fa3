using Slotted.Topology;

namespace Slotted.MultiKey;

/// <summary>
/// Resolves SORT's BY/GET patterns for many elements at once, from whichever slots the named keys
/// live in: plain keys with MGET per slot (which, like the server's lookup, gives nil for a key
/// that is not a string), hash fields with HMGET per key (a key that is not a hash gives nil, as
/// the server's lookup does, instead of WRONGTYPE). All reads are sent together.
/// </summary>
internal static class SortLookup
{
    /// <summary>The values for every element and pattern, element-major (element 0's patterns first); null where nothing is found.</summary>
    public static async ValueTask<RedisValue[]> ResolveAsync(MultiKeyRunner run, IReadOnlyList<byte[]> patterns, IReadOnlyList<byte[]> elements, bool readOnly)
    {
        var values = new RedisValue[elements.Count * patterns.Count];
        var stringKeys = new Dictionary<byte[], List<int>>(BinaryOrder.Instance);
        var hashKeys = new Dictionary<byte[], Dictionary<byte[], List<int>>>(BinaryOrder.Instance);
        for (int e = 0; e < elements.Count; e++)
        {
            for (int p = 0; p < patterns.Count; p++)
            {
                int at = e * patterns.Count + p;
                if (SortPattern.IsElement(patterns[p]))
                {
                    values[at] = elements[e];
                    continue;
                }
                if (!SortPattern.TrySubstitute(patterns[p], elements[e], out var key, out var field)) continue;
                if (field is null)
                {
                    if (!stringKeys.TryGetValue(key, out var uses)) stringKeys[key] = uses = [];
                    uses.Add(at);
                }
                else
                {
                    if (!hashKeys.TryGetValue(key, out var fields)) hashKeys[key] = fields = new(BinaryOrder.Instance);
                    if (!fields.TryGetValue(field, out var uses)) fields[field] = uses = [];
                    uses.Add(at);
                }
            }
        }

        var commands = new List<SlotCommand>();
        var fills = new List<List<List<int>>>(); // per command: per reply element, the output positions
        var stringList = new List<RedisKey>(stringKeys.Count);
        var stringUses = new List<List<int>>(stringKeys.Count);
        foreach (var (key, uses) in stringKeys)
        {
            stringList.Add(key);
            stringUses.Add(uses);
        }
        foreach (var group in SlotGrouping.BySlot(stringList))
        {
            commands.Add(new(KeyspaceEmulation.WithKeys("MGET", group.Keys), group.Slot));
            var fill = new List<List<int>>(group.Indexes.Count);
            foreach (int i in group.Indexes) fill.Add(stringUses[i]);
            fills.Add(fill);
        }
        foreach (var (key, fields) in hashKeys)
        {
            var parts = new RedisValue[fields.Count + 2];
            parts[0] = "HMGET";
            parts[1] = key;
            var fill = new List<List<int>>(fields.Count);
            int i = 2;
            foreach (var (field, uses) in fields)
            {
                parts[i++] = field;
                fill.Add(uses);
            }
            commands.Add(new(parts, HashSlot.Get(key)));
            fills.Add(fill);
        }
        if (commands.Count == 0) return values;

        var replies = await run.RawAllAsync(commands, readOnly).ConfigureAwait(false);
        for (int c = 0; c < replies.Length; c++)
        {
            var reply = replies[c];
            if (reply.IsError)
            {
                if (reply.ErrorPrefix == "WRONGTYPE") continue; // not a hash: the server's lookup finds nothing
                RedisCluster.ThrowIfError(reply);
            }
            var fill = fills[c];
            for (int i = 0; i < fill.Count; i++)
            {
                var value = reply[i].Value;
                foreach (int at in fill[i]) values[at] = value;
            }
        }
        return values;
    }
}

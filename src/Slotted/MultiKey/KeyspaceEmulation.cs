using Slotted.Diagnostics;

namespace Slotted.MultiKey;

/// <summary>
/// DEL / UNLINK / EXISTS / TOUCH, MSET and MSETNX over keys in any slots (MGET: <see cref="MGetEmulation"/>): one native command
/// per slot, all sent together, replies put back in the caller's order.
/// </summary>
internal static class KeyspaceEmulation
{
    /// <summary>A counting command (DEL, UNLINK, EXISTS, TOUCH): the sum of the per-slot counts.</summary>
    public static async ValueTask<long> CountAsync(MultiKeyRunner run, string command, IReadOnlyList<RedisKey> keys, bool readOnly)
    {
        Guard.Keys(keys);
        var groups = SlotGrouping.BySlot(keys);
        var commands = new SlotCommand[groups.Count];
        for (int i = 0; i < commands.Length; i++) commands[i] = new(WithKeys(command, groups[i].Keys), groups[i].Slot);
        var scope = commands.Length > 1 ? Telemetry.StartOperation(command, 0, emulated: true) : default;
        try
        {
            var replies = await run.RunAllAsync(commands, readOnly).ConfigureAwait(false);
            long sum = 0;
            foreach (var reply in replies) sum += reply.ToInt64();
            scope.Complete(null);
            return sum;
        }
        catch (Exception ex)
        {
            scope.Complete(ex);
            throw;
        }
    }

    public static async ValueTask MSetAsync(MultiKeyRunner run, IEnumerable<KeyValuePair<RedisKey, RedisValue>> pairs)
    {
        var (groups, list) = GroupPairs(pairs);
        var commands = new SlotCommand[groups.Count];
        for (int i = 0; i < commands.Length; i++) commands[i] = new(WithPairs("MSET", groups[i], list), groups[i].Slot);
        var scope = commands.Length > 1 ? Telemetry.StartOperation("MSET", 0, emulated: true) : default;
        try
        {
            await run.RunAllAsync(commands, readOnly: false).ConfigureAwait(false);
            scope.Complete(null);
        }
        catch (Exception ex)
        {
            scope.Complete(ex);
            throw;
        }
    }

    /// <summary>
    /// MSETNX. One slot: the native command. Several: (1) EXISTS per slot, all together; if any key
    /// exists nothing is written and the answer is false. (2) MSETNX per slot, all together. If every
    /// group was written the answer is true; if a key appeared between (1) and (2) in some slot, the
    /// keys of the slots that were written are deleted again and the answer is false.
    /// </summary>
    public static async ValueTask<bool> MSetNxAsync(MultiKeyRunner run, IEnumerable<KeyValuePair<RedisKey, RedisValue>> pairs)
    {
        var (groups, list) = GroupPairs(pairs);
        if (groups.Count == 1)
            return (await run.RunAsync(WithPairs("MSETNX", groups[0], list), groups[0].Slot, readOnly: false).ConfigureAwait(false)).ToInt64() == 1;

        var checks = new SlotCommand[groups.Count];
        for (int i = 0; i < checks.Length; i++) checks[i] = new(WithKeys("EXISTS", Distinct(groups[i].Keys)), groups[i].Slot);
        foreach (var reply in await run.RunAllAsync(checks, readOnly: false).ConfigureAwait(false))
        {
            if (reply.ToInt64() != 0) return false;
        }

        var writes = new SlotCommand[groups.Count];
        for (int i = 0; i < writes.Length; i++) writes[i] = new(WithPairs("MSETNX", groups[i], list), groups[i].Slot);
        var results = await run.RawAllAsync(writes, readOnly: false).ConfigureAwait(false);
        bool all = true;
        foreach (var r in results) all &= !r.IsError && r.ToInt64() == 1;
        if (all) return true;

        var undo = new List<SlotCommand>();
        for (int i = 0; i < results.Length; i++)
        {
            if (!results[i].IsError && results[i].ToInt64() == 1) undo.Add(new(WithKeys("DEL", Distinct(groups[i].Keys)), groups[i].Slot));
        }
        if (undo.Count > 0) await run.RunAllAsync(undo, readOnly: false).ConfigureAwait(false);
        foreach (var r in results) RedisCluster.ThrowIfError(r);
        return false;
    }

    internal static RedisValue[] WithKeys(string command, IReadOnlyList<RedisKey> keys)
    {
        var parts = new RedisValue[keys.Count + 1];
        parts[0] = command;
        for (int i = 0; i < keys.Count; i++) parts[i + 1] = keys[i];
        return parts;
    }

    internal static List<RedisKey> Distinct(IReadOnlyList<RedisKey> keys)
    {
        var seen = new HashSet<RedisKey>();
        var result = new List<RedisKey>(keys.Count);
        foreach (var k in keys) if (seen.Add(k)) result.Add(k);
        return result;
    }

    private static (List<SlotGroup> Groups, List<KeyValuePair<RedisKey, RedisValue>> Pairs) GroupPairs(IEnumerable<KeyValuePair<RedisKey, RedisValue>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var list = new List<KeyValuePair<RedisKey, RedisValue>>(pairs);
        if (list.Count == 0) throw new ArgumentException("At least one key/value pair is required.", nameof(pairs));
        var keys = new RedisKey[list.Count];
        for (int i = 0; i < list.Count; i++)
        {
            Guard.Key(list[i].Key, nameof(pairs));
            Guard.Value(list[i].Value, nameof(pairs));
            keys[i] = list[i].Key;
        }
        return (SlotGrouping.BySlot(keys), list);
    }

    private static RedisValue[] WithPairs(string command, SlotGroup group, List<KeyValuePair<RedisKey, RedisValue>> pairs)
    {
        var parts = new RedisValue[1 + group.Indexes.Count * 2];
        parts[0] = command;
        for (int i = 0; i < group.Indexes.Count; i++)
        {
            var pair = pairs[group.Indexes[i]];
            parts[1 + i * 2] = pair.Key;
            parts[2 + i * 2] = pair.Value;
        }
        return parts;
    }
}

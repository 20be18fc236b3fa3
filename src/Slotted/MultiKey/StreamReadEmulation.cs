using Slotted.Topology;

namespace Slotted.MultiKey;

/// <summary>
/// XREAD / XREADGROUP over streams in any slots, without BLOCK: one native command per slot, all
/// sent together, the streams put back in the caller's order. Each stream is read by exactly the
/// command the server would have run for it (COUNT and the id apply per stream), so the reply is
/// the native one; only the moment each slot is read differs. With BLOCK the call must wait on one
/// node, so streams in several slots are refused (<see cref="BlockingSlot"/>).
/// </summary>
internal static class StreamReadEmulation
{
    /// <summary>
    /// Reads <paramref name="streams"/> with <paramref name="head"/> (<c>XREAD [COUNT n]</c> or
    /// <c>XREADGROUP GROUP g c [COUNT n] [NOACK]</c>); streams with nothing to read are left out, as natively.
    /// </summary>
    public static async ValueTask<StreamReadResult[]> ReadAsync(MultiKeyRunner run, RedisValue[] head, IReadOnlyList<StreamPosition> streams, bool readOnly)
    {
        var keys = Keys(streams);
        var groups = SlotGrouping.BySlot(keys);
        if (groups.Count == 1)
            return StreamReplies.ReadResults(await run.RunAsync(Parts(head, streams, groups[0].Indexes), groups[0].Slot, readOnly).ConfigureAwait(false));

        var commands = new SlotCommand[groups.Count];
        for (int i = 0; i < commands.Length; i++) commands[i] = new(Parts(head, streams, groups[i].Indexes), groups[i].Slot);
        var replies = await run.RunAllAsync(commands, readOnly).ConfigureAwait(false);

        // A slot's reply lists its streams in the order they were named (those with entries only):
        // walk the group's keys alongside it to find each result's place in the caller's list.
        var byPosition = new StreamReadResult?[streams.Count];
        int found = 0;
        for (int g = 0; g < groups.Count; g++)
        {
            var indexes = groups[g].Indexes;
            int next = 0;
            foreach (var result in StreamReplies.ReadResults(replies[g]))
            {
                while (next < indexes.Count && keys[indexes[next]] != result.Key) next++;
                if (next == indexes.Count) throw new RedisProtocolException($"XREAD answered for stream '{result.Key}', which was not asked for in that order.");
                byPosition[indexes[next++]] = result;
                found++;
            }
        }
        var merged = new StreamReadResult[found];
        int m = 0;
        foreach (var r in byPosition) if (r is { } result) merged[m++] = result;
        return merged;
    }

    /// <summary>
    /// The one slot a blocking read waits on. Blocking on several slots at once cannot be done: each
    /// slot may live on another node, and one wait that ends when any of them gets an entry — taking
    /// entries (or, for a group, delivering them) from that one only — has no cluster equivalent.
    /// </summary>
    /// <exception cref="RedisCrossSlotException">The streams are in different slots (nothing is sent).</exception>
    public static int BlockingSlot(IReadOnlyList<StreamPosition> streams)
    {
        var keys = Keys(streams);
        if (SlotGrouping.TryGetSingleSlot(keys, out int slot)) return slot;
        int other = 1;
        while (HashSlot.Get(keys[other]) == slot) other++;
        throw new RedisCrossSlotException(
            $"A blocking XREAD/XREADGROUP waits on one node, but streams '{keys[0]}' (slot {slot}) and '{keys[other]}' (slot {HashSlot.Get(keys[other])}) " +
            "are in different slots: blocking on several slots at once cannot be done atomically. Put the streams in one slot with a {hash tag} " +
            "(e.g. '{orders}:eu' and '{orders}:us'), or read without BLOCK, which is emulated across slots.");
    }

    /// <summary><c>head... STREAMS key... id...</c> for the streams at <paramref name="indexes"/> (all when null).</summary>
    public static RedisValue[] Parts(RedisValue[] head, IReadOnlyList<StreamPosition> streams, IReadOnlyList<int>? indexes = null)
    {
        int n = indexes?.Count ?? streams.Count;
        var parts = new RedisValue[head.Length + 1 + 2 * n];
        head.CopyTo(parts, 0);
        parts[head.Length] = "STREAMS";
        for (int i = 0; i < n; i++)
        {
            var stream = streams[indexes?[i] ?? i];
            parts[head.Length + 1 + i] = stream.Key;
            parts[head.Length + 1 + n + i] = stream.Id;
        }
        return parts;
    }

    /// <summary>The streams' keys, after checking the list: not empty, no null or empty key, no null id.</summary>
    public static RedisKey[] Keys(IReadOnlyList<StreamPosition> streams)
    {
        ArgumentNullException.ThrowIfNull(streams);
        if (streams.Count == 0) throw new ArgumentException("At least one stream is required.", nameof(streams));
        var keys = new RedisKey[streams.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            Guard.Key(streams[i].Key, nameof(streams));
            Guard.Value(streams[i].Id, nameof(streams));
            keys[i] = streams[i].Key;
        }
        return keys;
    }
}

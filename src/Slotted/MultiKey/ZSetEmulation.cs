namespace Slotted.MultiKey;

/// <summary>
/// ZUNION / ZINTER / ZDIFF (+STORE) across slots. Each input is read whole with
/// <c>ZUNION 1 key WITHSCORES</c> — which, like the native commands, accepts a sorted set or a
/// plain set (members scoring 1), treats a missing key as empty and refuses other types — all
/// inputs at once; then <see cref="ZSetAlgebra"/> combines them exactly as the server would.
/// Inputs that share one slot are combined by the server itself.
/// </summary>
internal static class ZSetEmulation
{
    public static async ValueTask<List<SortedSetEntry>> CombineAsync(MultiKeyRunner run, ZSetOperation operation, IReadOnlyList<RedisKey> keys,
        IReadOnlyList<double>? weights, Aggregate aggregate, bool readOnly)
    {
        Check(operation, keys, weights, aggregate);
        if (SlotGrouping.TryGetSingleSlot(keys, out int slot))
        {
            var parts = Parts(Name(operation), null, keys, weights, aggregate, withScores: true);
            return ScoredReply.Read(await run.RunAsync(parts, slot, readOnly).ConfigureAwait(false));
        }
        var reads = new SlotCommand[keys.Count];
        for (int i = 0; i < reads.Length; i++) reads[i] = new(["ZUNION", 1, keys[i], "WITHSCORES"], Topology.HashSlot.Get(keys[i]));
        var replies = await run.RunAllAsync(reads, readOnly).ConfigureAwait(false);
        var inputs = new IReadOnlyList<SortedSetEntry>[replies.Length];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = ScoredReply.Read(replies[i]);
        return ZSetAlgebra.Combine(operation, inputs, weights, aggregate);
    }

    public static async ValueTask<long> StoreAsync(MultiKeyRunner run, ZSetOperation operation, RedisKey destination, IReadOnlyList<RedisKey> keys,
        IReadOnlyList<double>? weights, Aggregate aggregate)
    {
        Guard.Key(destination, nameof(destination));
        Check(operation, keys, weights, aggregate);
        if (SlotGrouping.TryGetSingleSlot(destination, keys, out int slot))
        {
            var parts = Parts(Name(operation) + "STORE", destination, keys, weights, aggregate, withScores: false);
            return (await run.RunAsync(parts, slot, readOnly: false).ConfigureAwait(false)).ToInt64();
        }
        var entries = await CombineAsync(run, operation, keys, weights, aggregate, readOnly: false).ConfigureAwait(false);
        await DestinationWriter.ReplaceWithSortedSetAsync(run, destination, entries).ConfigureAwait(false);
        return entries.Count;
    }

    private static void Check(ZSetOperation operation, IReadOnlyList<RedisKey> keys, IReadOnlyList<double>? weights, Aggregate aggregate)
    {
        Guard.Keys(keys);
        if (weights is not null && weights.Count != keys.Count)
            throw new ArgumentException($"Give one weight per key ({keys.Count}), or none.", nameof(weights));
        if (weights is not null)
        {
            foreach (double w in weights) if (double.IsNaN(w)) throw new ArgumentException("A weight cannot be NaN.", nameof(weights));
        }
        if (aggregate is not (Aggregate.Sum or Aggregate.Min or Aggregate.Max)) throw new ArgumentOutOfRangeException(nameof(aggregate));
        if (operation == ZSetOperation.Diff && (weights is not null || aggregate != Aggregate.Sum))
            throw new ArgumentException("ZDIFF takes no weights and no aggregate.");
    }

    private static string Name(ZSetOperation operation) => operation switch
    {
        ZSetOperation.Union => "ZUNION",
        ZSetOperation.Inter => "ZINTER",
        _ => "ZDIFF",
    };

    private static RedisValue[] Parts(string command, RedisKey? destination, IReadOnlyList<RedisKey> keys, IReadOnlyList<double>? weights,
        Aggregate aggregate, bool withScores)
    {
        var parts = new List<RedisValue>(keys.Count * 2 + 6) { command };
        if (destination is { } d) parts.Add(d);
        parts.Add(keys.Count);
        foreach (var k in keys) parts.Add(k);
        if (weights is not null)
        {
            parts.Add("WEIGHTS");
            foreach (double w in weights) parts.Add(w);
        }
        if (aggregate != Aggregate.Sum)
        {
            parts.Add("AGGREGATE");
            parts.Add(aggregate == Aggregate.Min ? "MIN" : "MAX");
        }
        if (withScores) parts.Add("WITHSCORES");
        return [.. parts];
    }
}

using Slotted.Topology;

namespace Slotted.MultiKey;

/// <summary>
/// PFCOUNT of several keys and PFMERGE across slots. A HyperLogLog is a plain string, so the
/// sketches that live in other slots are read with GET and written with MSET into scratch keys in
/// the slot where the server will do the work (the first key's for PFCOUNT, the destination's for
/// PFMERGE); the server then runs the native command over the local keys and the scratch keys, so
/// the registers are merged and the estimate computed by Redis itself — the answer is the
/// cardinality of the union, exactly as if all keys were in one slot. The scratch keys are deleted
/// afterwards. A value that is not a valid sketch is refused by the server as it would be natively.
/// </summary>
internal static class HyperLogLogEmulation
{
    public static async ValueTask<long> CountAsync(MultiKeyRunner run, IReadOnlyList<RedisKey> keys)
    {
        Guard.Keys(keys);
        if (SlotGrouping.TryGetSingleSlot(keys, out int slot))
            return (await run.RunAsync(KeyspaceEmulation.WithKeys("PFCOUNT", keys), slot, readOnly: false).ConfigureAwait(false)).ToInt64();
        int target = HashSlot.Get(keys[0]);
        var (local, temps) = await GatherAsync(run, target, keys).ConfigureAwait(false);
        try
        {
            local.AddRange(temps);
            return (await run.RunAsync(KeyspaceEmulation.WithKeys("PFCOUNT", local), target, readOnly: false).ConfigureAwait(false)).ToInt64();
        }
        finally
        {
            await DestinationWriter.DeleteQuietlyAsync(run, temps).ConfigureAwait(false);
        }
    }

    public static async ValueTask MergeAsync(MultiKeyRunner run, RedisKey destination, IReadOnlyList<RedisKey> sources)
    {
        Guard.Key(destination, nameof(destination));
        ArgumentNullException.ThrowIfNull(sources);
        foreach (var s in sources) Guard.Key(s, nameof(sources));
        int target = HashSlot.Get(destination);
        var parts = new List<RedisValue> { "PFMERGE", destination };
        if (SlotGrouping.TryGetSingleSlot(destination, sources, out _))
        {
            foreach (var s in sources) parts.Add(s);
            await run.RunAsync([.. parts], target, readOnly: false).ConfigureAwait(false);
            return;
        }
        var (local, temps) = await GatherAsync(run, target, sources).ConfigureAwait(false);
        try
        {
            foreach (var k in local) parts.Add(k);
            foreach (var k in temps) parts.Add(k);
            await run.RunAsync([.. parts], target, readOnly: false).ConfigureAwait(false);
        }
        finally
        {
            await DestinationWriter.DeleteQuietlyAsync(run, temps).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Splits <paramref name="keys"/> into those already in <paramref name="target"/> and copies of
    /// the others (missing ones skipped, as the server skips them) in scratch keys there.
    /// </summary>
    private static async ValueTask<(List<RedisKey> Local, List<RedisKey> Temps)> GatherAsync(MultiKeyRunner run, int target, IReadOnlyList<RedisKey> keys)
    {
        var local = new List<RedisKey>();
        var remote = new List<RedisKey>();
        foreach (var k in KeyspaceEmulation.Distinct(keys))
        {
            if (HashSlot.Get(k) == target) local.Add(k);
            else remote.Add(k);
        }
        var reads = new SlotCommand[remote.Count];
        for (int i = 0; i < reads.Length; i++) reads[i] = new(["GET", remote[i]], HashSlot.Get(remote[i]));
        var values = await run.RunAllAsync(reads, readOnly: false).ConfigureAwait(false);
        var temps = new List<RedisKey>();
        var mset = new List<RedisValue> { "MSET" };
        foreach (var v in values)
        {
            if (v.IsNull) continue;
            var temp = SlotTags.TempKey(target);
            temps.Add(temp);
            mset.Add(temp);
            mset.Add(v.Value);
        }
        if (temps.Count > 0)
        {
            try
            {
                await run.RunAsync([.. mset], target, readOnly: false).ConfigureAwait(false);
            }
            catch
            {
                await DestinationWriter.DeleteQuietlyAsync(run, temps).ConfigureAwait(false);
                throw;
            }
        }
        return (local, temps);
    }
}

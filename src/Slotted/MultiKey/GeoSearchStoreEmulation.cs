using Slotted.Topology;

namespace Slotted.MultiKey;

/// <summary>
/// GEOSEARCHSTORE across slots. The search runs on the source's node with the same origin, shape,
/// order and COUNT [ANY], so it finds the same members the native command would; the destination is
/// then written as a sorted set by <see cref="DestinationWriter"/>. Scores: the members' geohashes,
/// read exactly with GEOSEARCH ... WITHHASH; with STOREDIST the distances, which WITHDIST rounds to 4
/// decimals while STOREDIST keeps the full double, so the source's server stores them in a scratch key
/// in the source's slot and they are read back from there (ZRANGE ... WITHSCORES is exact).
/// </summary>
internal static class GeoSearchStoreEmulation
{
    public static async ValueTask<long> StoreAsync(MultiKeyRunner run, RedisKey destination, RedisKey source, GeoSearchOrigin from, GeoSearchShape by,
        GeoSearchOrder order, long? count, bool any, bool storeDistances)
    {
        Guard.Key(destination, nameof(destination));
        Guard.Key(source, nameof(source));
        int slot = HashSlot.Get(source);
        if (HashSlot.Get(destination) == slot)
        {
            var native = RedisCluster.GeoSearchParts("GEOSEARCHSTORE", destination, source, from, by, order, count, any, GeoSearchDetails.None, storeDistances);
            return (await run.RunAsync(native, slot, readOnly: false).ConfigureAwait(false)).ToInt64();
        }
        List<SortedSetEntry> entries;
        if (storeDistances)
        {
            var temp = SlotTags.TempKey(slot);
            var parts = RedisCluster.GeoSearchParts("GEOSEARCHSTORE", temp, source, from, by, order, count, any, GeoSearchDetails.None, storeDistances: true);
            try
            {
                await run.RunAsync(parts, slot, readOnly: false).ConfigureAwait(false);
                entries = ScoredReply.Read(await run.RunAsync(["ZRANGE", temp, 0, -1, "WITHSCORES"], slot, readOnly: false).ConfigureAwait(false));
            }
            finally
            {
                await DestinationWriter.DeleteQuietlyAsync(run, [temp]).ConfigureAwait(false);
            }
        }
        else
        {
            // [member, hash] pairs read like WITHSCORES pairs (a 52-bit hash is exact as a double).
            var parts = RedisCluster.GeoSearchParts("GEOSEARCH", null, source, from, by, order, count, any, GeoSearchDetails.Hash, storeDistances: false);
            entries = ScoredReply.Read(await run.RunAsync(parts, slot, readOnly: false).ConfigureAwait(false));
        }
        await DestinationWriter.ReplaceWithSortedSetAsync(run, destination, entries).ConfigureAwait(false);
        return entries.Count;
    }
}

using Slotted.MultiKey;

namespace Slotted;

public sealed partial class RedisCluster
{
    /// <summary>
    /// GEOSEARCHSTORE: runs <see cref="GeoSearchAsync"/> on <paramref name="source"/> and stores what it
    /// finds at <paramref name="destination"/> as a geo set (scores are the members' geohashes) or, with
    /// <paramref name="storeDistances"/>, as a sorted set scored by distance from the origin in the
    /// shape's unit (STOREDIST). Returns how many members were stored; the destination is replaced and
    /// an empty result deletes it (https://redis.io/docs/latest/commands/geosearchstore/).
    /// </summary>
    /// <remarks>
    /// In one slot the native, atomic command. Otherwise the search runs on the source's node with the
    /// same options (GEOSEARCH ... WITHHASH; with STOREDIST a GEOSEARCHSTORE into a scratch key in the
    /// source's slot, read back and deleted, because WITHDIST rounds distances the store keeps whole),
    /// then the result is written to a scratch key in the destination's slot and RENAMEd over the
    /// destination, so readers see the old value or the new one. The source may change between the
    /// search and the write. This replaces GEORADIUS ... STORE / STOREDIST, which are deprecated.
    /// </remarks>
    /// <param name="destination">Where to store the result.</param>
    /// <param name="source">The geo set searched.</param>
    /// <param name="from">Where to measure from.</param>
    /// <param name="by">The area.</param>
    /// <param name="order">Which members a count keeps: nearest (ASC, the default with a count) or farthest (DESC).</param>
    /// <param name="count">At most this many members (COUNT).</param>
    /// <param name="any">Stop at the first <paramref name="count"/> found (ANY; needs a count).</param>
    /// <param name="storeDistances">Score by distance instead of geohash (STOREDIST).</param>
    /// <param name="cancellationToken">Cancels the wait for the replies.</param>
    /// <exception cref="ArgumentException">As <see cref="GeoSearchAsync"/>, or a bad destination key.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="GeoSearchAsync"/>.</exception>
    /// <exception cref="RedisWrongTypeException">The source is not a sorted set.</exception>
    public ValueTask<long> GeoSearchStoreAsync(RedisKey destination, RedisKey source, GeoSearchOrigin from, GeoSearchShape by,
        GeoSearchOrder order = GeoSearchOrder.Unsorted, long? count = null, bool any = false, bool storeDistances = false, CancellationToken cancellationToken = default) =>
        GeoSearchStoreEmulation.StoreAsync(AsyncRunner(cancellationToken), destination, source, from, by, order, count, any, storeDistances);

    /// <inheritdoc cref="GeoSearchStoreAsync"/>
    public long GeoSearchStore(RedisKey destination, RedisKey source, GeoSearchOrigin from, GeoSearchShape by,
        GeoSearchOrder order = GeoSearchOrder.Unsorted, long? count = null, bool any = false, bool storeDistances = false) =>
        MultiKeyRunner.Complete(GeoSearchStoreEmulation.StoreAsync(SyncRunner, destination, source, from, by, order, count, any, storeDistances));
}

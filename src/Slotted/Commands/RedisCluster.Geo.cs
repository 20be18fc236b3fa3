namespace Slotted;

// Geospatial commands (https://redis.io/docs/latest/develop/data-types/geospatial/). A geo set is a
// sorted set whose scores are 52-bit geohashes, so ZRANGE, ZREM and the other sorted-set commands
// work on it too. GEORADIUS and GEORADIUSBYMEMBER are deprecated and have no typed methods (GEOSEARCH
// does what they did; ExecuteAsync still sends them). GEOSEARCHSTORE is in MultiKey/RedisCluster.MultiKey.Geo.cs.
public sealed partial class RedisCluster
{
    /// <summary>
    /// GEOADD of one member: stores <paramref name="member"/> at the position (its score becomes the
    /// position's geohash). Returns true when the member was added (with <paramref name="changed"/>:
    /// added or moved). See https://redis.io/docs/latest/commands/geoadd/.
    /// </summary>
    /// <param name="key">The geo set (a sorted set).</param>
    /// <param name="member">The member.</param>
    /// <param name="longitude">Degrees east, -180 to 180.</param>
    /// <param name="latitude">Degrees north, -85.05112878 to 85.05112878.</param>
    /// <param name="condition">Only add new members (NX) or only move existing ones (XX).</param>
    /// <param name="changed">Count moved members too, not only new ones (CH).</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    /// <exception cref="ArgumentOutOfRangeException">The position is outside Redis's limits (checked before sending), or <paramref name="condition"/> is not a <see cref="SetCondition"/>.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="member"/> is null.</exception>
    public async ValueTask<bool> GeoAddAsync(RedisKey key, RedisValue member, double longitude, double latitude, SetCondition condition = SetCondition.Always,
        bool changed = false, CancellationToken cancellationToken = default) =>
        (await RunAsync(GeoAddParts(key, [new(member, longitude, latitude)], condition, changed), key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64() == 1;

    /// <summary>GEOADD of one member (synchronous).</summary>
    public bool GeoAdd(RedisKey key, RedisValue member, double longitude, double latitude, SetCondition condition = SetCondition.Always, bool changed = false) =>
        Run(GeoAddParts(key, [new(member, longitude, latitude)], condition, changed), key, readOnly: false).ToInt64() == 1;

    /// <summary>
    /// GEOADD of many members in one command: returns how many were added (with <paramref name="changed"/>:
    /// added or moved). Options as in <see cref="GeoAddAsync(RedisKey, RedisValue, double, double, SetCondition, bool, CancellationToken)"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="entries"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A position is outside Redis's limits (nothing is sent).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="entries"/> or a member is null.</exception>
    public async ValueTask<long> GeoAddAsync(RedisKey key, IEnumerable<GeoEntry> entries, SetCondition condition = SetCondition.Always,
        bool changed = false, CancellationToken cancellationToken = default) =>
        (await RunAsync(GeoAddParts(key, entries, condition, changed), key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>GEOADD of many members (synchronous).</summary>
    public long GeoAdd(RedisKey key, IEnumerable<GeoEntry> entries, SetCondition condition = SetCondition.Always, bool changed = false) =>
        Run(GeoAddParts(key, entries, condition, changed), key, readOnly: false).ToInt64();

    /// <summary>
    /// GEODIST: the distance between two members in <paramref name="unit"/> (Redis rounds it to 4
    /// decimals and assumes a spherical Earth, error up to 0.5%); null when either member, or the key,
    /// is missing. See https://redis.io/docs/latest/commands/geodist/.
    /// </summary>
    /// <exception cref="ArgumentNullException">A member is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not a <see cref="GeoUnit"/>.</exception>
    public async ValueTask<double?> GeoDistAsync(RedisKey key, RedisValue member1, RedisValue member2, GeoUnit unit = GeoUnit.Meters,
        CancellationToken cancellationToken = default) =>
        TypedReplies.NullableDouble(await RunAsync(GeoDistParts(key, member1, member2, unit), key, readOnly: true, cancellationToken).ConfigureAwait(false));

    /// <summary>GEODIST (synchronous).</summary>
    public double? GeoDist(RedisKey key, RedisValue member1, RedisValue member2, GeoUnit unit = GeoUnit.Meters) =>
        TypedReplies.NullableDouble(Run(GeoDistParts(key, member1, member2, unit), key, readOnly: true));

    /// <summary>GEOHASH of one member: its 11-character standard geohash (as geohash.org reads it); null when it is not in the set.</summary>
    public async ValueTask<string?> GeoHashAsync(RedisKey key, RedisValue member, CancellationToken cancellationToken = default) =>
        (await GeoHashAsync(key, [member], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>GEOHASH of one member (synchronous).</summary>
    public string? GeoHash(RedisKey key, RedisValue member) => GeoHash(key, [member])[0];

    /// <summary>GEOHASH: the standard geohash of each of <paramref name="members"/>, in order, null for each one not in the set (https://redis.io/docs/latest/commands/geohash/).</summary>
    public ValueTask<string?[]> GeoHashAsync(RedisKey key, params RedisValue[] members) => GeoHashAsync(key, members, CancellationToken.None);

    /// <inheritdoc cref="GeoHashAsync(RedisKey, RedisValue[])"/>
    public async ValueTask<string?[]> GeoHashAsync(RedisKey key, RedisValue[] members, CancellationToken cancellationToken) =>
        (await RunAsync(CommandParts.KeyValues("GEOHASH", key, members, nameof(members)), key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToStringArray();

    /// <summary>GEOHASH (synchronous).</summary>
    public string?[] GeoHash(RedisKey key, params RedisValue[] members) =>
        Run(CommandParts.KeyValues("GEOHASH", key, members, nameof(members)), key, readOnly: true).ToStringArray();

    /// <summary>GEOPOS of one member: its position; null when it is not in the set.</summary>
    public async ValueTask<GeoPosition?> GeoPosAsync(RedisKey key, RedisValue member, CancellationToken cancellationToken = default) =>
        (await GeoPosAsync(key, [member], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>GEOPOS of one member (synchronous).</summary>
    public GeoPosition? GeoPos(RedisKey key, RedisValue member) => GeoPos(key, [member])[0];

    /// <summary>
    /// GEOPOS: the position of each of <paramref name="members"/>, in order, null for each one not in
    /// the set. Positions are the centres of the cells Redis stored, within about 0.6 m of those added
    /// (https://redis.io/docs/latest/commands/geopos/).
    /// </summary>
    public ValueTask<GeoPosition?[]> GeoPosAsync(RedisKey key, params RedisValue[] members) => GeoPosAsync(key, members, CancellationToken.None);

    /// <inheritdoc cref="GeoPosAsync(RedisKey, RedisValue[])"/>
    public async ValueTask<GeoPosition?[]> GeoPosAsync(RedisKey key, RedisValue[] members, CancellationToken cancellationToken) =>
        TypedReplies.GeoPositions(await RunAsync(CommandParts.KeyValues("GEOPOS", key, members, nameof(members)), key, readOnly: true, cancellationToken).ConfigureAwait(false));

    /// <summary>GEOPOS (synchronous).</summary>
    public GeoPosition?[] GeoPos(RedisKey key, params RedisValue[] members) =>
        TypedReplies.GeoPositions(Run(CommandParts.KeyValues("GEOPOS", key, members, nameof(members)), key, readOnly: true));

    /// <summary>
    /// GEOSEARCH: the members inside <paramref name="by"/> (a circle or a box) around
    /// <paramref name="from"/> (a member or a position). See https://redis.io/docs/latest/commands/geosearch/.
    /// </summary>
    /// <remarks>
    /// GEORADIUS and GEORADIUSBYMEMBER are deprecated since Redis 6.2 and have no typed methods:
    /// GEOSEARCH covers both (<see cref="GeoSearchOrigin.FromPosition"/> / <see cref="GeoSearchOrigin.FromMember"/>
    /// with <see cref="GeoSearchShape.ByRadius"/>), and their STORE options are
    /// <see cref="GeoSearchStoreAsync"/>. <see cref="ExecuteAsync(string, RedisValue[])"/> still sends them.
    /// </remarks>
    /// <param name="key">The geo set.</param>
    /// <param name="from">Where to measure from: <see cref="GeoSearchOrigin.FromMember"/> or <see cref="GeoSearchOrigin.FromPosition"/>.</param>
    /// <param name="by">The area: <see cref="GeoSearchShape.ByRadius"/> or <see cref="GeoSearchShape.ByBox"/>.</param>
    /// <param name="order">Nearest first (ASC), farthest first (DESC), or Redis's order.</param>
    /// <param name="count">At most this many members (COUNT); without <paramref name="any"/> the nearest ones.</param>
    /// <param name="any">Stop as soon as <paramref name="count"/> members are found, not necessarily the nearest (ANY; needs a count).</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    /// <exception cref="ArgumentException"><paramref name="from"/> or <paramref name="by"/> is <c>default</c>, or <paramref name="any"/> without a count.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive, or <paramref name="order"/> is not a <see cref="GeoSearchOrder"/>.</exception>
    /// <exception cref="RedisServerException">Searching from a member that is not in the set (Redis: "could not decode requested zset member").</exception>
    public async ValueTask<RedisValue[]> GeoSearchAsync(RedisKey key, GeoSearchOrigin from, GeoSearchShape by, GeoSearchOrder order = GeoSearchOrder.Unsorted,
        long? count = null, bool any = false, CancellationToken cancellationToken = default) =>
        (await RunAsync(GeoSearchParts("GEOSEARCH", null, key, from, by, order, count, any, GeoSearchDetails.None, storeDistances: false), key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToValueArray();

    /// <summary>GEOSEARCH (synchronous).</summary>
    public RedisValue[] GeoSearch(RedisKey key, GeoSearchOrigin from, GeoSearchShape by, GeoSearchOrder order = GeoSearchOrder.Unsorted, long? count = null, bool any = false) =>
        Run(GeoSearchParts("GEOSEARCH", null, key, from, by, order, count, any, GeoSearchDetails.None, storeDistances: false), key, readOnly: true).ToValueArray();

    /// <summary>
    /// GEOSEARCH ... WITHCOORD WITHDIST WITHHASH: as <see cref="GeoSearchAsync"/>, each member with the
    /// <paramref name="details"/> asked for (the others null in the result); distances are in the shape's unit.
    /// </summary>
    /// <remarks>As <see cref="GeoSearchAsync"/>.</remarks>
    /// <exception cref="ArgumentException">As <see cref="GeoSearchAsync"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="GeoSearchAsync"/>, or <paramref name="details"/> has unknown flags.</exception>
    public async ValueTask<GeoSearchResult[]> GeoSearchWithDetailsAsync(RedisKey key, GeoSearchOrigin from, GeoSearchShape by, GeoSearchDetails details = GeoSearchDetails.All,
        GeoSearchOrder order = GeoSearchOrder.Unsorted, long? count = null, bool any = false, CancellationToken cancellationToken = default) =>
        TypedReplies.GeoSearchResults(await RunAsync(GeoSearchParts("GEOSEARCH", null, key, from, by, order, count, any, details, storeDistances: false), key, readOnly: true, cancellationToken).ConfigureAwait(false), details);

    /// <summary>GEOSEARCH with details (synchronous).</summary>
    public GeoSearchResult[] GeoSearchWithDetails(RedisKey key, GeoSearchOrigin from, GeoSearchShape by, GeoSearchDetails details = GeoSearchDetails.All,
        GeoSearchOrder order = GeoSearchOrder.Unsorted, long? count = null, bool any = false) =>
        TypedReplies.GeoSearchResults(Run(GeoSearchParts("GEOSEARCH", null, key, from, by, order, count, any, details, storeDistances: false), key, readOnly: true), details);

    private static RedisValue[] GeoAddParts(RedisKey key, IEnumerable<GeoEntry> entries, SetCondition condition, bool changed)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var parts = new List<RedisValue>(entries.TryGetNonEnumeratedCount(out int n) ? 4 + 3 * n : 16) { "GEOADD", key };
        switch (condition)
        {
            case SetCondition.Always: break;
            case SetCondition.NotExists: parts.Add("NX"); break;
            case SetCondition.Exists: parts.Add("XX"); break;
            default: throw new ArgumentOutOfRangeException(nameof(condition));
        }
        if (changed) parts.Add("CH");
        int options = parts.Count;
        foreach (var entry in entries)
        {
            Guard.Value(entry.Member, "member");
            CommandParts.Coordinates(entry.Longitude, entry.Latitude);
            parts.Add(entry.Longitude);
            parts.Add(entry.Latitude);
            parts.Add(entry.Member);
        }
        if (parts.Count == options) throw new ArgumentException("At least one member is required.", nameof(entries));
        return [.. parts];
    }

    private static RedisValue[] GeoDistParts(RedisKey key, RedisValue member1, RedisValue member2, GeoUnit unit)
    {
        Guard.Value(member1, nameof(member1));
        Guard.Value(member2, nameof(member2));
        return ["GEODIST", key, member1, member2, CommandParts.UnitName(unit)];
    }

    /// <summary>
    /// <c>GEOSEARCH key ...</c> or <c>GEOSEARCHSTORE destination key ...</c>: origin, shape, order,
    /// COUNT [ANY], the WITH flags (GEOSEARCH) or STOREDIST (GEOSEARCHSTORE), all checked first.
    /// </summary>
    internal static RedisValue[] GeoSearchParts(string command, RedisKey? destination, RedisKey key, GeoSearchOrigin from, GeoSearchShape by,
        GeoSearchOrder order, long? count, bool any, GeoSearchDetails details, bool storeDistances)
    {
        if (from.Member.IsNull && from.Position is null)
            throw new ArgumentException("Give an origin: GeoSearchOrigin.FromMember or GeoSearchOrigin.FromPosition.", nameof(from));
        if (!by.IsSet) throw new ArgumentException("Give a shape: GeoSearchShape.ByRadius or GeoSearchShape.ByBox.", nameof(by));
        if (order is not (GeoSearchOrder.Unsorted or GeoSearchOrder.Ascending or GeoSearchOrder.Descending)) throw new ArgumentOutOfRangeException(nameof(order));
        if (count is { } c) CommandParts.Positive(c, nameof(count));
        else if (any) throw new ArgumentException("ANY needs a count (Redis refuses ANY without COUNT).", nameof(any));
        if ((details & ~GeoSearchDetails.All) != 0) throw new ArgumentOutOfRangeException(nameof(details));

        var parts = new List<RedisValue>(20) { command };
        if (destination is { } d) parts.Add(d);
        parts.Add(key);
        if (from.Position is { } p)
        {
            parts.Add("FROMLONLAT");
            parts.Add(p.Longitude);
            parts.Add(p.Latitude);
        }
        else
        {
            parts.Add("FROMMEMBER");
            parts.Add(from.Member);
        }
        if (by.IsBox)
        {
            parts.Add("BYBOX");
            parts.Add(by.Width);
            parts.Add(by.Height);
        }
        else
        {
            parts.Add("BYRADIUS");
            parts.Add(by.Radius);
        }
        parts.Add(CommandParts.UnitName(by.Unit));
        if (order != GeoSearchOrder.Unsorted) parts.Add(order == GeoSearchOrder.Ascending ? "ASC" : "DESC");
        if (count is { } n)
        {
            parts.Add("COUNT");
            parts.Add(n);
            if (any) parts.Add("ANY");
        }
        if ((details & GeoSearchDetails.Position) != 0) parts.Add("WITHCOORD");
        if ((details & GeoSearchDetails.Distance) != 0) parts.Add("WITHDIST");
        if ((details & GeoSearchDetails.Hash) != 0) parts.Add("WITHHASH");
        if (storeDistances) parts.Add("STOREDIST");
        return [.. parts];
    }
}

namespace Slotted;

/// <summary>
/// Where GEOSEARCH measures from: a member of the set (<c>FROMMEMBER</c>) or a position
/// (<c>FROMLONLAT</c>). See https://redis.io/docs/latest/commands/geosearch/.
/// </summary>
public readonly record struct GeoSearchOrigin
{
    private GeoSearchOrigin(RedisValue member, GeoPosition? position)
    {
        Member = member;
        Position = position;
    }

    /// <summary>The member searched from, or <see cref="RedisValue.Null"/> when searching from <see cref="Position"/>.</summary>
    public RedisValue Member { get; }

    /// <summary>The position searched from, or null when searching from <see cref="Member"/>.</summary>
    public GeoPosition? Position { get; }

    /// <summary>Search around a member of the set (<c>FROMMEMBER</c>); Redis fails the search when the member is not in it.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="member"/> is null.</exception>
    public static GeoSearchOrigin FromMember(RedisValue member)
    {
        Guard.Value(member, nameof(member));
        return new(member, null);
    }

    /// <summary>Search around a position (<c>FROMLONLAT</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The longitude is outside -180..180 or the latitude outside ±85.05112878.</exception>
    public static GeoSearchOrigin FromPosition(double longitude, double latitude)
    {
        CommandParts.Coordinates(longitude, latitude);
        return new(RedisValue.Null, new GeoPosition(longitude, latitude));
    }

    /// <summary>A search around <paramref name="position"/> (<c>FROMLONLAT</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The position is outside Redis's limits.</exception>
    public static implicit operator GeoSearchOrigin(GeoPosition position) => FromPosition(position.Longitude, position.Latitude);
}

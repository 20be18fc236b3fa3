namespace Slotted;

/// <summary>What GEOSEARCH returns with each member (<c>WITHCOORD</c>, <c>WITHDIST</c>, <c>WITHHASH</c>); combine with <c>|</c>.</summary>
[Flags]
public enum GeoSearchDetails
{
    /// <summary>The member only.</summary>
    None = 0,
    /// <summary>Its position (<c>WITHCOORD</c>).</summary>
    Position = 1,
    /// <summary>Its distance from the origin, in the shape's unit (<c>WITHDIST</c>, rounded by Redis to 4 decimals).</summary>
    Distance = 2,
    /// <summary>Its 52-bit geohash, the sorted-set score Redis keeps (<c>WITHHASH</c>).</summary>
    Hash = 4,
    /// <summary>Position, distance and hash.</summary>
    All = Position | Distance | Hash,
}

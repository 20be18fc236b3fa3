namespace Slotted;

/// <summary>One member found by GEOSEARCH, with the details asked for (<see cref="GeoSearchDetails"/>); a detail not asked for is null.</summary>
/// <param name="Member">The member.</param>
/// <param name="Distance">Its distance from the origin in the shape's unit (<c>WITHDIST</c>; 4 decimals).</param>
/// <param name="Hash">Its 52-bit geohash integer (<c>WITHHASH</c>), the member's score in the sorted set.</param>
/// <param name="Position">Its position (<c>WITHCOORD</c>).</param>
public readonly record struct GeoSearchResult(RedisValue Member, double? Distance, long? Hash, GeoPosition? Position);

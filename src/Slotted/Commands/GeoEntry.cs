namespace Slotted;

/// <summary>A member with the position to store it at, for GEOADD of many members.</summary>
/// <param name="Member">The member.</param>
/// <param name="Longitude">Degrees east, -180 to 180.</param>
/// <param name="Latitude">Degrees north, -85.05112878 to 85.05112878.</param>
public readonly record struct GeoEntry(RedisValue Member, double Longitude, double Latitude);

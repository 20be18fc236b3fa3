namespace Slotted;

/// <summary>
/// A point on the map as Redis keeps it, longitude first (as GEOADD and GEOPOS order them). Positions
/// read back are the centre of the 52-bit geohash cell the member was stored in, so they differ from
/// the ones added by up to about 0.6 m. The coordinates read the same whether the server sent them as
/// RESP2 bulk strings or RESP3 doubles.
/// </summary>
/// <param name="Longitude">Degrees east, -180 to 180.</param>
/// <param name="Latitude">Degrees north, -85.05112878 to 85.05112878 (the limits of the Web Mercator projection Redis uses).</param>
public readonly record struct GeoPosition(double Longitude, double Latitude);

namespace Slotted;

/// <summary>The distance unit of GEODIST and GEOSEARCH (<c>m</c>, <c>km</c>, <c>mi</c>, <c>ft</c>; https://redis.io/docs/latest/commands/geodist/).</summary>
public enum GeoUnit
{
    /// <summary>Meters (<c>m</c>, Redis's default).</summary>
    Meters,
    /// <summary>Kilometers (<c>km</c>).</summary>
    Kilometers,
    /// <summary>Miles (<c>mi</c>).</summary>
    Miles,
    /// <summary>Feet (<c>ft</c>).</summary>
    Feet,
}

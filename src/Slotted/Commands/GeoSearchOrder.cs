namespace Slotted;

/// <summary>How GEOSEARCH orders what it finds (by distance from the origin).</summary>
public enum GeoSearchOrder
{
    /// <summary>No order asked for: Redis's order, except that with a count (and without ANY) Redis sorts nearest first.</summary>
    Unsorted,
    /// <summary>Nearest first (<c>ASC</c>).</summary>
    Ascending,
    /// <summary>Farthest first (<c>DESC</c>).</summary>
    Descending,
}

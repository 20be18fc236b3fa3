namespace Slotted;

/// <summary>
/// The area GEOSEARCH looks in, centred on its origin: a circle (<c>BYRADIUS</c>) or an axis-aligned
/// box (<c>BYBOX</c>). Distances in the results are in the shape's unit. See
/// https://redis.io/docs/latest/commands/geosearch/.
/// </summary>
public readonly record struct GeoSearchShape
{
    private GeoSearchShape(bool isBox, double radius, double width, double height, GeoUnit unit)
    {
        IsBox = isBox;
        Radius = radius;
        Width = width;
        Height = height;
        Unit = unit;
        IsSet = true;
    }

    /// <summary>True for a box (<see cref="Width"/> × <see cref="Height"/>), false for a circle (<see cref="Radius"/>).</summary>
    public bool IsBox { get; }

    /// <summary>The circle's radius (0 for a box).</summary>
    public double Radius { get; }

    /// <summary>The box's width, east to west (0 for a circle).</summary>
    public double Width { get; }

    /// <summary>The box's height, north to south (0 for a circle).</summary>
    public double Height { get; }

    /// <summary>The unit of the sizes and of the distances returned.</summary>
    public GeoUnit Unit { get; }

    /// <summary>False for <c>default</c>, which names no shape and is refused.</summary>
    internal bool IsSet { get; }

    /// <summary>A circle of <paramref name="radius"/> around the origin (<c>BYRADIUS radius unit</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="radius"/> is negative or not finite, or <paramref name="unit"/> is not a <see cref="GeoUnit"/>.</exception>
    public static GeoSearchShape ByRadius(double radius, GeoUnit unit = GeoUnit.Meters)
    {
        Size(radius, nameof(radius));
        CommandParts.UnitName(unit);
        return new(false, radius, 0, 0, unit);
    }

    /// <summary>A box <paramref name="width"/> wide and <paramref name="height"/> high centred on the origin (<c>BYBOX width height unit</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative or not finite, or <paramref name="unit"/> is not a <see cref="GeoUnit"/>.</exception>
    public static GeoSearchShape ByBox(double width, double height, GeoUnit unit = GeoUnit.Meters)
    {
        Size(width, nameof(width));
        Size(height, nameof(height));
        CommandParts.UnitName(unit);
        return new(true, 0, width, height, unit);
    }

    private static void Size(double value, string paramName)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(paramName, value, "A search size must be a finite number, zero or more.");
    }
}

using System.Globalization;

namespace Slotted;

/// <summary>
/// Where a BITFIELD field starts: a bit offset (a <see cref="long"/> converts to one), or a field
/// index that Redis multiplies by the type's width (<c>#2</c> for <c>u8</c> is bit 16), so fields of
/// one type can be addressed like an array. See https://redis.io/docs/latest/commands/bitfield/.
/// </summary>
public readonly record struct BitFieldOffset
{
    private BitFieldOffset(long value, bool isMultiplied)
    {
        if (value < 0) throw new ArgumentOutOfRangeException(nameof(value), value, "A bitfield offset cannot be negative.");
        Value = value;
        IsMultiplied = isMultiplied;
    }

    /// <summary>The bit offset, or the field index when <see cref="IsMultiplied"/>.</summary>
    public long Value { get; }

    /// <summary>True when <see cref="Value"/> is multiplied by the type's width (written <c>#value</c>).</summary>
    public bool IsMultiplied { get; }

    /// <summary>A bit offset.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is negative.</exception>
    public static BitFieldOffset Bits(long offset) => new(offset, false);

    /// <summary>The <paramref name="index"/>-th field of the operation's type (<c>#index</c>: bit index × width).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public static BitFieldOffset Multiplied(long index) => new(index, true);

    /// <summary>A bit offset.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is negative.</exception>
    public static implicit operator BitFieldOffset(long offset) => Bits(offset);

    /// <summary>The offset as Redis reads it: <c>16</c> or <c>#2</c>.</summary>
    public override string ToString() => (IsMultiplied ? "#" : "") + Value.ToString(CultureInfo.InvariantCulture);
}

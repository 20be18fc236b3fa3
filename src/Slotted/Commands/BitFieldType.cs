namespace Slotted;

/// <summary>
/// The integer type of a BITFIELD field: signed <c>i1</c>..<c>i64</c> or unsigned <c>u1</c>..<c>u63</c>
/// (Redis cannot return an unsigned 64-bit value as a signed reply). See https://redis.io/docs/latest/commands/bitfield/.
/// </summary>
public readonly record struct BitFieldType
{
    private BitFieldType(bool isSigned, int bits)
    {
        IsSigned = isSigned;
        Bits = bits;
    }

    /// <summary>True for <c>i</c> types (two's complement), false for <c>u</c> types.</summary>
    public bool IsSigned { get; }

    /// <summary>The width in bits (0 only for <c>default</c>, which is refused).</summary>
    public int Bits { get; }

    /// <summary>A signed type of <paramref name="bits"/> bits (<c>i8</c> is <c>Signed(8)</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bits"/> is outside 1..64.</exception>
    public static BitFieldType Signed(int bits)
    {
        if (bits is < 1 or > 64) throw new ArgumentOutOfRangeException(nameof(bits), bits, "A signed bitfield type is 1 to 64 bits wide (i1..i64).");
        return new(true, bits);
    }

    /// <summary>An unsigned type of <paramref name="bits"/> bits (<c>u8</c> is <c>Unsigned(8)</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bits"/> is outside 1..63.</exception>
    public static BitFieldType Unsigned(int bits)
    {
        if (bits is < 1 or > 63) throw new ArgumentOutOfRangeException(nameof(bits), bits, "An unsigned bitfield type is 1 to 63 bits wide (u1..u63).");
        return new(false, bits);
    }

    /// <summary>The type as Redis writes it: <c>i8</c>, <c>u16</c>.</summary>
    public override string ToString() => (IsSigned ? "i" : "u") + Bits.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

namespace Slotted;

/// <summary>
/// One BITFIELD sub-command: <see cref="Get"/>, <see cref="Set"/> or <see cref="IncrBy"/> of an
/// integer field. SET and INCRBY carry their overflow behaviour; the client writes <c>OVERFLOW</c>
/// before each one whose behaviour differs from the one before (Redis starts every command at WRAP).
/// See https://redis.io/docs/latest/commands/bitfield/.
/// </summary>
public readonly record struct BitFieldOperation
{
    private BitFieldOperation(string command, BitFieldType type, BitFieldOffset offset, long value, BitFieldOverflow overflow)
    {
        if (type.Bits == 0) throw new ArgumentException("Give a type: BitFieldType.Signed or BitFieldType.Unsigned.", nameof(type));
        long bitOffset = offset.Value;
        if (offset.IsMultiplied)
            bitOffset = offset.Value > RedisCluster.MaxBitOffset / type.Bits ? long.MaxValue : offset.Value * type.Bits;
        if (bitOffset > RedisCluster.MaxBitOffset)
            throw new ArgumentOutOfRangeException(nameof(offset), offset.ToString(), "A bitfield offset must resolve to a bit between 0 and 2^32 - 1.");
        if (overflow is not (BitFieldOverflow.Wrap or BitFieldOverflow.Saturate or BitFieldOverflow.Fail))
            throw new ArgumentOutOfRangeException(nameof(overflow));
        Command = command;
        Type = type;
        Offset = offset;
        Value = value;
        Overflow = overflow;
    }

    /// <summary><c>GET</c>, <c>SET</c> or <c>INCRBY</c> (null only for <c>default</c>, which is refused).</summary>
    public string? Command { get; }

    /// <summary>The field's type.</summary>
    public BitFieldType Type { get; }

    /// <summary>Where the field starts.</summary>
    public BitFieldOffset Offset { get; }

    /// <summary>The value to set (SET) or to add (INCRBY); 0 for GET.</summary>
    public long Value { get; }

    /// <summary>The overflow behaviour of SET and INCRBY (WRAP for GET, where it does not apply).</summary>
    public BitFieldOverflow Overflow { get; }

    /// <summary><c>GET type offset</c>: the field's value (0 past the end of the string). The only operation BITFIELD_RO takes.</summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> is <c>default</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The offset resolves past bit 2^32 - 1.</exception>
    public static BitFieldOperation Get(BitFieldType type, BitFieldOffset offset) => new("GET", type, offset, 0, BitFieldOverflow.Wrap);

    /// <summary><c>SET type offset value</c>: writes the field and returns its old value (null when <see cref="BitFieldOverflow.Fail"/> refused the value).</summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> is <c>default</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The offset resolves past bit 2^32 - 1, or <paramref name="overflow"/> is not a <see cref="BitFieldOverflow"/>.</exception>
    public static BitFieldOperation Set(BitFieldType type, BitFieldOffset offset, long value, BitFieldOverflow overflow = BitFieldOverflow.Wrap) =>
        new("SET", type, offset, value, overflow);

    /// <summary><c>INCRBY type offset increment</c>: adds to the field (a negative increment subtracts) and returns the new value (null when <see cref="BitFieldOverflow.Fail"/> refused it).</summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> is <c>default</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The offset resolves past bit 2^32 - 1, or <paramref name="overflow"/> is not a <see cref="BitFieldOverflow"/>.</exception>
    public static BitFieldOperation IncrBy(BitFieldType type, BitFieldOffset offset, long increment, BitFieldOverflow overflow = BitFieldOverflow.Wrap) =>
        new("INCRBY", type, offset, increment, overflow);
}

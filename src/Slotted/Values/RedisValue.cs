using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Slotted;

/// <summary>
/// A value sent to or read from Redis: null, a string (UTF-8 on the wire), raw bytes, an integer or
/// a double. Redis stores everything as binary-safe strings; the conversions here follow how Redis
/// itself formats and parses numbers (integers in decimal, doubles in the shortest round-trip form,
/// "inf"/"-inf" for infinities).
/// </summary>
public readonly struct RedisValue : IEquatable<RedisValue>
{
    private static readonly object Int64Tag = new();
    private static readonly object DoubleTag = new();

    private readonly object? _obj; // null, string, byte[], Int64Tag, DoubleTag
    private readonly long _num;

    private RedisValue(object? obj, long num)
    {
        _obj = obj;
        _num = num;
    }

    /// <summary>The null value (a nil reply, or an absent argument).</summary>
    public static RedisValue Null => default;

    /// <summary>The empty string.</summary>
    public static RedisValue EmptyString { get; } = new(string.Empty, 0);

    /// <summary>True when the value is null (for example the reply to GET of a missing key).</summary>
    public bool IsNull => _obj is null;

    /// <summary>True for null or a zero-length value.</summary>
    public bool IsNullOrEmpty => _obj switch
    {
        null => true,
        string s => s.Length == 0,
        byte[] b => b.Length == 0,
        _ => false,
    };

    /// <summary>True when the value holds a whole number (as given, or parsed from text).</summary>
    public bool IsInteger => _obj == Int64Tag || (_obj is not null && _obj != DoubleTag && TryParseInt64(out _));

    internal bool IsInt64Stored => _obj == Int64Tag;

    internal bool IsDoubleStored => _obj == DoubleTag;

    internal object? RawObject => _obj;

    internal long RawInt64 => _num;

    /// <summary>The number of bytes the value occupies on the wire.</summary>
    public int ByteCount
    {
        get
        {
            if (_obj is byte[] b) return b.Length;
            if (_obj is string s) return Encoding.UTF8.GetByteCount(s);
            if (_obj == Int64Tag) return FormatInt64(_num, stackalloc byte[24]);
            if (_obj == DoubleTag) return FormatDouble(BitConverter.Int64BitsToDouble(_num), stackalloc byte[40]);
            return 0;
        }
    }

    /// <summary>Writes the value's wire bytes into <paramref name="destination"/> (at least <see cref="ByteCount"/> long).</summary>
    public int CopyTo(Span<byte> destination)
    {
        if (_obj is byte[] b)
        {
            b.CopyTo(destination);
            return b.Length;
        }
        if (_obj is string s) return Encoding.UTF8.GetBytes(s, destination);
        if (_obj == Int64Tag) return FormatInt64(_num, destination);
        if (_obj == DoubleTag) return FormatDouble(BitConverter.Int64BitsToDouble(_num), destination);
        return 0;
    }

    private static int FormatInt64(long value, Span<byte> destination)
    {
        Utf8Formatter.TryFormat(value, destination, out int written);
        return written;
    }

    internal static int FormatDouble(double value, Span<byte> destination)
    {
        if (double.IsPositiveInfinity(value)) return Copy("inf"u8, destination);
        if (double.IsNegativeInfinity(value)) return Copy("-inf"u8, destination);
        value.TryFormat(destination, out int written, "R", CultureInfo.InvariantCulture);
        return written;
    }

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        source.CopyTo(destination);
        return source.Length;
    }

    /// <summary>The value's bytes (a new array unless it was created from bytes); null for <see cref="Null"/>.</summary>
    public byte[]? ToByteArray()
    {
        if (_obj is null) return null;
        if (_obj is byte[] b) return b;
        var buffer = new byte[ByteCount];
        CopyTo(buffer);
        return buffer;
    }

    /// <summary>The value as text; null for <see cref="Null"/>.</summary>
    public override string? ToString()
    {
        if (_obj is null) return null;
        if (_obj is string s) return s;
        if (_obj is byte[] b) return Encoding.UTF8.GetString(b);
        if (_obj == Int64Tag) return _num.ToString(CultureInfo.InvariantCulture);
        Span<byte> tmp = stackalloc byte[40];
        return Encoding.ASCII.GetString(tmp[..FormatDouble(BitConverter.Int64BitsToDouble(_num), tmp)]);
    }

    /// <summary>Parses the value as a 64-bit integer.</summary>
    public bool TryParseInt64(out long value)
    {
        if (_obj == Int64Tag)
        {
            value = _num;
            return true;
        }
        if (_obj == DoubleTag)
        {
            double d = BitConverter.Int64BitsToDouble(_num);
            value = (long)d;
            return d == value && d >= long.MinValue && d <= long.MaxValue;
        }
        if (_obj is byte[] b) return Utf8Parser.TryParse(b, out value, out int consumed) && consumed == b.Length && b.Length > 0;
        if (_obj is string s) return long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
        value = 0;
        return false;
    }

    /// <summary>Parses the value as a double (accepting Redis's "inf", "+inf" and "-inf").</summary>
    public bool TryParseDouble(out double value)
    {
        if (_obj == DoubleTag)
        {
            value = BitConverter.Int64BitsToDouble(_num);
            return true;
        }
        if (_obj == Int64Tag)
        {
            value = _num;
            return true;
        }
        string? s = ToString();
        if (s is null)
        {
            value = 0;
            return false;
        }
        return TryParseDouble(s, out value);
    }

    internal static bool TryParseDouble(string s, out double value)
    {
        switch (s.ToLowerInvariant())
        {
            case "inf" or "+inf" or "infinity" or "+infinity":
                value = double.PositiveInfinity;
                return true;
            case "-inf" or "-infinity":
                value = double.NegativeInfinity;
                return true;
            case "nan":
                value = double.NaN;
                return true;
        }
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <inheritdoc />
    public bool Equals(RedisValue other)
    {
        if (_obj is null || other._obj is null) return _obj is null && other._obj is null;
        if (_obj == other._obj && (_obj == Int64Tag || _obj == DoubleTag)) return _num == other._num;
        if (_obj is string a && other._obj is string b) return string.Equals(a, b, StringComparison.Ordinal);
        return ((ReadOnlySpan<byte>)ToByteArray()).SequenceEqual(other.ToByteArray());
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RedisValue v && Equals(v);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        if (_obj is null) return 0;
        var h = new HashCode();
        h.AddBytes(ToByteArray());
        return h.ToHashCode();
    }

    /// <summary>Compares the wire bytes of two values.</summary>
    public static bool operator ==(RedisValue left, RedisValue right) => left.Equals(right);

    /// <summary>Compares the wire bytes of two values.</summary>
    public static bool operator !=(RedisValue left, RedisValue right) => !left.Equals(right);

    /// <summary>A string value (null gives <see cref="Null"/>).</summary>
    public static implicit operator RedisValue(string? value) => value is null ? default : new(value, 0);

    /// <summary>A binary value (null gives <see cref="Null"/>).</summary>
    public static implicit operator RedisValue(byte[]? value) => value is null ? default : new(value, 0);

    /// <summary>An integer value, sent in decimal.</summary>
    public static implicit operator RedisValue(long value) => new(Int64Tag, value);

    /// <summary>An integer value, sent in decimal.</summary>
    public static implicit operator RedisValue(int value) => new(Int64Tag, value);

    /// <summary>A double value, sent in its shortest round-trip form.</summary>
    public static implicit operator RedisValue(double value) => new(DoubleTag, BitConverter.DoubleToInt64Bits(value));

    /// <summary>A boolean value, sent as 1 or 0.</summary>
    public static implicit operator RedisValue(bool value) => new(Int64Tag, value ? 1 : 0);

    /// <summary>The value as text.</summary>
    public static implicit operator string?(RedisValue value) => value.ToString();

    /// <summary>The value's bytes.</summary>
    public static implicit operator byte[]?(RedisValue value) => value.ToByteArray();

    /// <summary>The value as an integer; throws <see cref="InvalidCastException"/> when it is not one (null gives 0, as Redis treats a missing counter).</summary>
    public static explicit operator long(RedisValue value)
    {
        if (value.IsNull) return 0;
        return value.TryParseInt64(out long v) ? v : throw new InvalidCastException($"The value '{value}' is not an integer.");
    }

    /// <summary>The value as an integer, or null for <see cref="Null"/>.</summary>
    public static explicit operator long?(RedisValue value) => value.IsNull ? null : (long)value;

    /// <summary>The value as a double; throws <see cref="InvalidCastException"/> when it is not one (null gives 0).</summary>
    public static explicit operator double(RedisValue value)
    {
        if (value.IsNull) return 0;
        return value.TryParseDouble(out double v) ? v : throw new InvalidCastException($"The value '{value}' is not a number.");
    }

    /// <summary>The value as a double, or null for <see cref="Null"/>.</summary>
    public static explicit operator double?(RedisValue value) => value.IsNull ? null : (double)value;

    /// <summary>The value as an int; throws <see cref="InvalidCastException"/> when it is not one.</summary>
    public static explicit operator int(RedisValue value) => checked((int)(long)value);

    /// <summary>The value as a boolean: "1"/"0" (and "true"/"false").</summary>
    public static explicit operator bool(RedisValue value)
    {
        if (value.TryParseInt64(out long v)) return v != 0;
        string? s = value.ToString();
        if (bool.TryParse(s, out bool b)) return b;
        throw new InvalidCastException($"The value '{s}' is not a boolean.");
    }
}

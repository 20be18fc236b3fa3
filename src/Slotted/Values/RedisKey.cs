using System.Text;

namespace Slotted;

/// <summary>
/// A Redis key: a binary-safe name, created from a <see cref="string"/> (encoded as UTF-8) or a
/// <see cref="byte"/> array. Keys decide which hash slot, and so which cluster node, serves a
/// command (Redis Cluster specification, "Key distribution model").
/// </summary>
public readonly struct RedisKey : IEquatable<RedisKey>
{
    private readonly object? _value; // string or byte[]

    /// <summary>Creates a key from a string, encoded as UTF-8 when sent.</summary>
    public RedisKey(string? value) => _value = value;

    /// <summary>Creates a key from raw bytes.</summary>
    public RedisKey(byte[]? value) => _value = value;

    /// <summary>True when the key was created from null; such a key is refused before anything is sent.</summary>
    public bool IsNull => _value is null;

    /// <summary>True for a null key or a key of zero bytes.</summary>
    public bool IsNullOrEmpty => _value switch
    {
        null => true,
        string s => s.Length == 0,
        byte[] b => b.Length == 0,
        _ => true,
    };

    internal object? RawValue => _value;

    /// <summary>The number of bytes the key occupies on the wire.</summary>
    public int ByteCount => _value switch
    {
        string s => Encoding.UTF8.GetByteCount(s),
        byte[] b => b.Length,
        _ => 0,
    };

    /// <summary>Writes the key's bytes into <paramref name="destination"/>, which must hold <see cref="ByteCount"/> bytes.</summary>
    public int CopyTo(Span<byte> destination) => _value switch
    {
        string s => Encoding.UTF8.GetBytes(s, destination),
        byte[] b => CopyBytes(b, destination),
        _ => 0,
    };

    private static int CopyBytes(byte[] b, Span<byte> destination)
    {
        b.CopyTo(destination);
        return b.Length;
    }

    /// <summary>The key's bytes (a new array for string keys).</summary>
    public byte[]? ToByteArray() => _value switch
    {
        string s => Encoding.UTF8.GetBytes(s),
        byte[] b => b,
        _ => null,
    };

    /// <summary>The key as text (UTF-8 decoded when it was created from bytes).</summary>
    public override string? ToString() => _value switch
    {
        string s => s,
        byte[] b => Encoding.UTF8.GetString(b),
        _ => null,
    };

    /// <summary>Prepends <paramref name="prefix"/> to the key.</summary>
    public RedisKey Prepend(RedisKey prefix)
    {
        var a = prefix.ToByteArray() ?? [];
        var b = ToByteArray() ?? [];
        var joined = new byte[a.Length + b.Length];
        a.CopyTo(joined, 0);
        b.CopyTo(joined, a.Length);
        return new RedisKey(joined);
    }

    /// <inheritdoc />
    public bool Equals(RedisKey other)
    {
        if (_value is string a && other._value is string b) return string.Equals(a, b, StringComparison.Ordinal);
        if (_value is null || other._value is null) return _value is null && other._value is null;
        return ((ReadOnlySpan<byte>)ToByteArray()).SequenceEqual(other.ToByteArray());
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RedisKey k && Equals(k);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        if (_value is null) return 0;
        var h = new HashCode();
        h.AddBytes(ToByteArray());
        return h.ToHashCode();
    }

    /// <summary>Compares two keys byte for byte.</summary>
    public static bool operator ==(RedisKey left, RedisKey right) => left.Equals(right);

    /// <summary>Compares two keys byte for byte.</summary>
    public static bool operator !=(RedisKey left, RedisKey right) => !left.Equals(right);

    /// <summary>Creates a key from a string.</summary>
    public static implicit operator RedisKey(string? value) => new(value);

    /// <summary>Creates a key from bytes.</summary>
    public static implicit operator RedisKey(byte[]? value) => new(value);

    /// <summary>The key as text.</summary>
    public static implicit operator string?(RedisKey key) => key.ToString();

    /// <summary>The key's bytes.</summary>
    public static implicit operator byte[]?(RedisKey key) => key.ToByteArray();

    /// <summary>A key argument is also a value argument.</summary>
    public static implicit operator RedisValue(RedisKey key) => key._value switch
    {
        string s => s,
        byte[] b => b,
        _ => RedisValue.Null,
    };
}

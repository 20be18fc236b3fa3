namespace Slotted;

/// <summary>
/// One end of a lexicographical range for ZRANGEBYLEX, ZLEXCOUNT and ZREMRANGEBYLEX: a member,
/// inclusive (<c>[a</c>) or exclusive (<c>(a</c>), or the open ends <c>-</c> and <c>+</c>. A string
/// converts to an inclusive bound. The default value is <see cref="Min"/>.
/// See https://redis.io/docs/latest/commands/zrangebylex/.
/// </summary>
public readonly record struct LexBound
{
    private readonly Kind _kind;

    private LexBound(Kind kind, RedisValue value)
    {
        _kind = kind;
        Value = value;
    }

    private enum Kind : byte
    {
        Min,
        Max,
        Inclusive,
        Exclusive,
    }

    /// <summary>The member at this end (null for <see cref="Min"/> and <see cref="Max"/>).</summary>
    public RedisValue Value { get; }

    /// <summary>True when <see cref="Value"/> itself is outside the range.</summary>
    public bool IsExclusive => _kind == Kind.Exclusive;

    /// <summary>True for <see cref="Min"/> (<c>-</c>).</summary>
    public bool IsMin => _kind == Kind.Min;

    /// <summary>True for <see cref="Max"/> (<c>+</c>).</summary>
    public bool IsMax => _kind == Kind.Max;

    /// <summary>Before every member (<c>-</c>).</summary>
    public static LexBound Min => default;

    /// <summary>After every member (<c>+</c>).</summary>
    public static LexBound Max => new(Kind.Max, RedisValue.Null);

    /// <summary>A bound that includes <paramref name="value"/> (<c>[value</c>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static LexBound Inclusive(RedisValue value) => new(Kind.Inclusive, Checked(value));

    /// <summary>A bound that excludes <paramref name="value"/> (<c>(value</c>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static LexBound Exclusive(RedisValue value) => new(Kind.Exclusive, Checked(value));

    /// <summary>An inclusive bound.</summary>
    public static implicit operator LexBound(string value) => Inclusive(value);

    private static RedisValue Checked(RedisValue value)
    {
        Guard.Value(value);
        return value;
    }

    /// <summary>The bound as Redis reads it: <c>-</c>, <c>+</c>, <c>[a</c> or <c>(a</c> (binary members decoded as UTF-8).</summary>
    public override string ToString() => _kind switch
    {
        Kind.Min => "-",
        Kind.Max => "+",
        Kind.Inclusive => "[" + Value.ToString(),
        _ => "(" + Value.ToString(),
    };

    /// <summary>The wire bytes: the marker byte then the member's bytes, binary-safe.</summary>
    internal RedisValue ToRedisValue()
    {
        switch (_kind)
        {
            case Kind.Min:
                return "-";
            case Kind.Max:
                return "+";
        }
        byte[] member = Value.ToByteArray() ?? [];
        var bytes = new byte[member.Length + 1];
        bytes[0] = _kind == Kind.Inclusive ? (byte)'[' : (byte)'(';
        member.CopyTo(bytes, 1);
        return bytes;
    }
}

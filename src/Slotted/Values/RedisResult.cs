using System.Globalization;
using System.Text;

namespace Slotted;

/// <summary>
/// A reply from Redis, of any RESP2 or RESP3 type. Scalars convert to <see cref="RedisValue"/>,
/// strings, numbers and byte arrays; aggregates (array, set, map, push) expose their
/// <see cref="Elements"/>. A RESP3 map keeps its elements flat, alternating key and value, which is
/// also how the same command answers in RESP2, so code reading a reply does not depend on the protocol.
/// </summary>
public sealed class RedisResult
{
    private static readonly RedisResult[] NoElements = [];

    private readonly RedisValue _value;
    private readonly RedisResult[]? _elements;

    private RedisResult(RedisResultType type, RedisValue value, RedisResult[]? elements, string? format = null)
    {
        Type = type;
        _value = value;
        _elements = elements;
        Format = format;
    }

    /// <summary>The shared null reply.</summary>
    public static RedisResult Null { get; } = new(RedisResultType.Null, RedisValue.Null, null);

    /// <summary>The shared <c>+OK</c> reply.</summary>
    public static RedisResult Ok { get; } = new(RedisResultType.SimpleString, "OK", null);

    internal static RedisResult Queued { get; } = new(RedisResultType.SimpleString, "QUEUED", null);

    internal static RedisResult Pong { get; } = new(RedisResultType.SimpleString, "PONG", null);

    private static readonly RedisResult[] SmallIntegers = CreateSmallIntegers();

    private static RedisResult[] CreateSmallIntegers()
    {
        var a = new RedisResult[258];
        for (int i = 0; i < a.Length; i++) a[i] = new RedisResult(RedisResultType.Integer, (long)(i - 1), null);
        return a;
    }

    /// <summary>The reply's type.</summary>
    public RedisResultType Type { get; }

    /// <summary>The three-letter format of a verbatim string (for example <c>txt</c>), else null.</summary>
    public string? Format { get; }

    /// <summary>True for a null reply.</summary>
    public bool IsNull => Type == RedisResultType.Null;

    /// <summary>True for an error reply.</summary>
    public bool IsError => Type == RedisResultType.Error;

    /// <summary>True for array, set, map and push replies.</summary>
    public bool IsAggregate => _elements is not null;

    /// <summary>The elements of an aggregate reply (empty for scalars). Maps alternate key and value.</summary>
    public IReadOnlyList<RedisResult> Elements => _elements ?? NoElements;

    internal RedisResult[]? ElementArray => _elements;

    /// <summary>The number of elements of an aggregate reply (0 for scalars).</summary>
    public int Length => _elements?.Length ?? 0;

    /// <summary>The element at <paramref name="index"/> of an aggregate reply.</summary>
    public RedisResult this[int index] => (_elements ?? NoElements)[index];

    /// <summary>The scalar value (null for aggregates and null replies; the message for errors).</summary>
    public RedisValue Value => _value;

    /// <summary>For an error reply, its first word (for example <c>WRONGTYPE</c>); else null.</summary>
    public string? ErrorPrefix
    {
        get
        {
            if (Type != RedisResultType.Error) return null;
            string msg = _value.ToString() ?? "";
            int sp = msg.IndexOf(' ');
            return sp < 0 ? msg : msg[..sp];
        }
    }

    /// <summary>Creates a simple-string reply.</summary>
    public static RedisResult SimpleString(string value) => value switch
    {
        "OK" => Ok,
        "QUEUED" => Queued,
        "PONG" => Pong,
        _ => new(RedisResultType.SimpleString, value, null),
    };

    /// <summary>Creates an error reply carrying the server's message (prefix included).</summary>
    public static RedisResult Error(string message) => new(RedisResultType.Error, message, null);

    /// <summary>Creates an integer reply.</summary>
    public static RedisResult Integer(long value) =>
        value >= -1 && value <= 256 ? SmallIntegers[value + 1] : new(RedisResultType.Integer, value, null);

    /// <summary>Creates a bulk-string reply (null bytes give the null reply).</summary>
    public static RedisResult BulkString(byte[]? value) => value is null ? Null : new(RedisResultType.BulkString, value, null);

    /// <summary>Creates a bulk-string reply from a value.</summary>
    public static RedisResult BulkString(RedisValue value) => value.IsNull ? Null : new(RedisResultType.BulkString, value, null);

    /// <summary>Creates a RESP3 double reply.</summary>
    public static RedisResult Double(double value) => new(RedisResultType.Double, value, null);

    /// <summary>Creates a RESP3 boolean reply.</summary>
    public static RedisResult Boolean(bool value) => new(RedisResultType.Boolean, value, null);

    /// <summary>Creates a RESP3 big-number reply from its decimal text.</summary>
    public static RedisResult BigNumber(string digits) => new(RedisResultType.BigNumber, digits, null);

    /// <summary>Creates a RESP3 verbatim-string reply.</summary>
    public static RedisResult Verbatim(string format, byte[] value) => new(RedisResultType.VerbatimString, value, null, format);

    /// <summary>Creates an aggregate reply of the given type (Array, Set, Map or Push).</summary>
    public static RedisResult Aggregate(RedisResultType type, RedisResult[] elements)
    {
        if (type is not (RedisResultType.Array or RedisResultType.Set or RedisResultType.Map or RedisResultType.Push))
            throw new ArgumentOutOfRangeException(nameof(type), type, "Not an aggregate type.");
        return new(type, RedisValue.Null, elements);
    }

    /// <summary>Creates an array reply.</summary>
    public static RedisResult Array(params RedisResult[] elements) => new(RedisResultType.Array, RedisValue.Null, elements);

    /// <summary>The reply as text (null for null replies; for aggregates, throws).</summary>
    public override string? ToString()
    {
        if (_elements is null) return _value.ToString();
        var sb = new StringBuilder("[");
        for (int i = 0; i < _elements.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(_elements[i].ToString() ?? "(nil)");
        }
        return sb.Append(']').ToString();
    }

    /// <summary>The reply as a 64-bit integer.</summary>
    public long ToInt64()
    {
        if (Type == RedisResultType.Boolean) return (bool)_value ? 1 : 0;
        EnsureScalar();
        return (long)_value;
    }

    /// <summary>The reply as a double (Redis returns scores as strings in RESP2 and doubles in RESP3).</summary>
    public double ToDouble()
    {
        EnsureScalar();
        return (double)_value;
    }

    /// <summary>The reply as a boolean: RESP3 booleans, integer 1/0 and <c>OK</c>.</summary>
    public bool ToBoolean()
    {
        EnsureScalar();
        if (Type == RedisResultType.SimpleString) return string.Equals(_value.ToString(), "OK", StringComparison.Ordinal);
        if (Type == RedisResultType.Null) return false;
        return (bool)_value;
    }

    private void EnsureScalar()
    {
        if (_elements is not null) throw new InvalidCastException($"A {Type} reply is not a single value.");
        if (Type == RedisResultType.Error) throw new InvalidCastException($"The reply is an error: {_value}");
    }

    /// <summary>The elements as values (an empty array for null).</summary>
    public RedisValue[] ToValueArray()
    {
        if (IsNull) return [];
        if (_elements is null) return [_value];
        var result = new RedisValue[_elements.Length];
        for (int i = 0; i < result.Length; i++) result[i] = _elements[i]._value;
        return result;
    }

    /// <summary>The elements as strings (an empty array for null).</summary>
    public string?[] ToStringArray()
    {
        if (IsNull) return [];
        if (_elements is null) return [_value.ToString()];
        var result = new string?[_elements.Length];
        for (int i = 0; i < result.Length; i++) result[i] = _elements[i]._value.ToString();
        return result;
    }

    /// <summary>
    /// A map or a flat key/value array as a dictionary (RESP3 maps and RESP2 pairs alike); keys are
    /// the elements' text.
    /// </summary>
    public Dictionary<string, RedisResult> ToDictionary()
    {
        var elements = _elements ?? NoElements;
        if (elements.Length % 2 != 0) throw new InvalidCastException("The reply does not hold key/value pairs.");
        var d = new Dictionary<string, RedisResult>(elements.Length / 2, StringComparer.Ordinal);
        for (int i = 0; i < elements.Length; i += 2) d[elements[i].ToString() ?? ""] = elements[i + 1];
        return d;
    }

    /// <summary>The scalar value.</summary>
    public static implicit operator RedisValue(RedisResult result) => result._value;

    /// <summary>The reply as text.</summary>
    public static explicit operator string?(RedisResult result) => result.ToString();

    /// <summary>The reply as an integer.</summary>
    public static explicit operator long(RedisResult result) => result.ToInt64();

    /// <summary>The reply as a double.</summary>
    public static explicit operator double(RedisResult result) => result.ToDouble();

    /// <summary>The reply as a boolean.</summary>
    public static explicit operator bool(RedisResult result) => result.ToBoolean();

    /// <summary>The reply's bytes.</summary>
    public static explicit operator byte[]?(RedisResult result) => result._value.ToByteArray();

    internal string DebugText => Type switch
    {
        RedisResultType.Integer => _value.RawInt64.ToString(CultureInfo.InvariantCulture),
        _ => ToString() ?? "(nil)",
    };
}

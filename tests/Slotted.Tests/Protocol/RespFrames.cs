using System.Text;

namespace Slotted.Tests.Protocol;

/// <summary>Well-formed RESP2/RESP3 frames with the reply each must parse to.</summary>
internal static class RespFrames
{
    public static IReadOnlyDictionary<string, (byte[] Frame, RedisResult Expected)> All { get; } = Build();

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (string name in All.Keys) data.Add(name);
        return data;
    }

    private static RedisResult Bulk(string text) => RedisResult.BulkString(Encoding.UTF8.GetBytes(text));

    private static RedisResult Simple(string text) => RedisResult.SimpleString(text);

    private static RedisResult Int(long value) => RedisResult.Integer(value);

    private static RedisResult Agg(RedisResultType type, params RedisResult[] elements) => RedisResult.Aggregate(type, elements);

    private static Dictionary<string, (byte[], RedisResult)> Build()
    {
        var d = new Dictionary<string, (byte[], RedisResult)>(StringComparer.Ordinal);
        void Add(string name, string frame, RedisResult expected) => d.Add(name, (Encoding.UTF8.GetBytes(frame), expected));

        Add("simple-ok", "+OK\r\n", RedisResult.Ok);
        Add("simple-text", "+hello world\r\n", Simple("hello world"));
        Add("simple-empty", "+\r\n", Simple(""));
        Add("simple-unicode", "+h\u00e9llo\r\n", Simple("h\u00e9llo"));
        Add("error", "-ERR unknown command 'FOO'\r\n", RedisResult.Error("ERR unknown command 'FOO'"));
        Add("error-moved", "-MOVED 3999 127.0.0.1:6381\r\n", RedisResult.Error("MOVED 3999 127.0.0.1:6381"));
        Add("integer-zero", ":0\r\n", Int(0));
        Add("integer-minus-one", ":-1\r\n", Int(-1));
        Add("integer-plus", ":+7\r\n", Int(7));
        Add("integer-large", ":1234567890123\r\n", Int(1234567890123));
        Add("integer-max", ":9223372036854775807\r\n", Int(long.MaxValue));
        Add("integer-min", ":-9223372036854775808\r\n", Int(long.MinValue));
        Add("bulk", "$5\r\nhello\r\n", Bulk("hello"));
        Add("bulk-empty", "$0\r\n\r\n", Bulk(""));
        Add("bulk-null", "$-1\r\n", RedisResult.Null);
        Add("bulk-with-crlf", "$6\r\na\r\nb\r\n\r\n", Bulk("a\r\nb\r\n"));
        Add("bulk-unicode", BulkFrame("h\u00e9llo \U0001F30D \u4e16\u754c"), Bulk("h\u00e9llo \U0001F30D \u4e16\u754c"));
        Add("bulk-long", "$300\r\n" + new string('x', 300) + "\r\n", Bulk(new string('x', 300)));
        Add("array-empty", "*0\r\n", Agg(RedisResultType.Array));
        Add("array-null", "*-1\r\n", RedisResult.Null);
        Add("array-mixed", "*3\r\n:1\r\n$3\r\nfoo\r\n+bar\r\n", Agg(RedisResultType.Array, Int(1), Bulk("foo"), Simple("bar")));
        Add("array-nested", "*2\r\n*3\r\n:1\r\n$5\r\nhello\r\n:2\r\n#f\r\n",
            Agg(RedisResultType.Array, Agg(RedisResultType.Array, Int(1), Bulk("hello"), Int(2)), RedisResult.Boolean(false)));
        Add("array-of-nulls", "*4\r\n$-1\r\n_\r\n*-1\r\n*0\r\n",
            Agg(RedisResultType.Array, RedisResult.Null, RedisResult.Null, RedisResult.Null, Agg(RedisResultType.Array)));
        Add("array-deep", string.Concat(Enumerable.Repeat("*1\r\n", 10)) + ":5\r\n", Nest(10, Int(5)));
        Add("null", "_\r\n", RedisResult.Null);
        Add("double", ",1.23\r\n", RedisResult.Double(1.23));
        Add("double-integral", ",10\r\n", RedisResult.Double(10));
        Add("double-negative", ",-0.5\r\n", RedisResult.Double(-0.5));
        Add("double-exponent", ",1.5e10\r\n", RedisResult.Double(1.5e10));
        Add("double-exponent-signed", ",-2.5E-3\r\n", RedisResult.Double(-2.5e-3));
        Add("double-exponent-plus", ",1e+2\r\n", RedisResult.Double(100));
        Add("double-inf", ",inf\r\n", RedisResult.Double(double.PositiveInfinity));
        Add("double-minus-inf", ",-inf\r\n", RedisResult.Double(double.NegativeInfinity));
        Add("double-nan", ",nan\r\n", RedisResult.Double(double.NaN));
        Add("double-minus-nan", ",-nan\r\n", RedisResult.Double(double.NaN));
        Add("double-nan-libc", ",NAN(123)\r\n", RedisResult.Double(double.NaN));
        Add("boolean-true", "#t\r\n", RedisResult.Boolean(true));
        Add("boolean-false", "#f\r\n", RedisResult.Boolean(false));
        Add("big-number", "(3492890328409238509324850943850943825024385\r\n", RedisResult.BigNumber("3492890328409238509324850943850943825024385"));
        Add("big-number-negative", "(-3492890328409238509324850943850943825024385\r\n", RedisResult.BigNumber("-3492890328409238509324850943850943825024385"));
        Add("blob-error", "!21\r\nSYNTAX invalid syntax\r\n", RedisResult.Error("SYNTAX invalid syntax"));
        Add("blob-error-empty", "!0\r\n\r\n", RedisResult.Error(""));
        Add("verbatim", "=15\r\ntxt:Some string\r\n", RedisResult.Verbatim("txt", Encoding.UTF8.GetBytes("Some string")));
        Add("verbatim-empty", "=4\r\nmkd:\r\n", RedisResult.Verbatim("mkd", []));
        Add("verbatim-other-format", "=10\r\nabc:x\r\ny\r\n\r\n", RedisResult.Verbatim("abc", Encoding.UTF8.GetBytes("x\r\ny\r\n")));
        Add("map", "%2\r\n+first\r\n:1\r\n+second\r\n:2\r\n",
            Agg(RedisResultType.Map, Simple("first"), Int(1), Simple("second"), Int(2)));
        Add("map-empty", "%0\r\n", Agg(RedisResultType.Map));
        Add("map-aggregate-keys", "%1\r\n*2\r\n:1\r\n:2\r\n~1\r\n$1\r\nx\r\n",
            Agg(RedisResultType.Map, Agg(RedisResultType.Array, Int(1), Int(2)), Agg(RedisResultType.Set, Bulk("x"))));
        Add("set", "~3\r\n+orange\r\n+apple\r\n#t\r\n", Agg(RedisResultType.Set, Simple("orange"), Simple("apple"), RedisResult.Boolean(true)));
        Add("push", ">3\r\n$7\r\nmessage\r\n$4\r\nchan\r\n$5\r\nhello\r\n",
            Agg(RedisResultType.Push, Bulk("message"), Bulk("chan"), Bulk("hello")));
        Add("attribute-before-array",
            "|1\r\n+key-popularity\r\n%2\r\n$1\r\na\r\n,0.1923\r\n$1\r\nb\r\n,0.0012\r\n*2\r\n:2039123\r\n:9543892\r\n",
            Agg(RedisResultType.Array, Int(2039123), Int(9543892)));
        Add("attribute-before-scalar", "|1\r\n+ttl\r\n:3600\r\n+OK\r\n", RedisResult.Ok);
        Add("attribute-twice", "|1\r\n+a\r\n+b\r\n|0\r\n$3\r\nfoo\r\n", Bulk("foo"));
        Add("attribute-nested", "*3\r\n:1\r\n:2\r\n|1\r\n+ttl\r\n:3600\r\n:3\r\n", Agg(RedisResultType.Array, Int(1), Int(2), Int(3)));
        Add("attribute-in-map-value", "%1\r\n+k\r\n|1\r\n+a\r\n*1\r\n:1\r\n+v\r\n", Agg(RedisResultType.Map, Simple("k"), Simple("v")));

        byte[] binary = new byte[256];
        for (int i = 0; i < binary.Length; i++) binary[i] = (byte)i;
        d.Add("bulk-binary", ([.. "$256\r\n"u8, .. binary, .. "\r\n"u8], RedisResult.BulkString(binary)));
        return d;
    }

    private static string BulkFrame(string text) => $"${Encoding.UTF8.GetByteCount(text)}\r\n{text}\r\n";

    private static RedisResult Nest(int levels, RedisResult inner)
    {
        RedisResult r = inner;
        for (int i = 0; i < levels; i++) r = RedisResult.Aggregate(RedisResultType.Array, [r]);
        return r;
    }
}

using System.Buffers;
using System.Text;
using Slotted.Protocol;

namespace Slotted.Tests.Protocol;

public sealed class RespWriterTests
{
    /// <summary>The RESP bytes of a command (other tests build their input with it).</summary>
    internal static byte[] Write(params RedisValue[] parts)
    {
        var writer = new ArrayBufferWriter<byte>();
        RespWriter.WriteCommand(writer, parts);
        return writer.WrittenSpan.ToArray();
    }

    private static string WriteText(params RedisValue[] parts) => Encoding.UTF8.GetString(Write(parts));

    /// <summary>Parses written bytes back as a command: an array of bulk strings, all bytes consumed.</summary>
    private static void AssertRoundTrip(ReadOnlySequence<byte> written, RedisValue[] parts)
    {
        var reader = new SequenceReader<byte>(written);
        Assert.True(RespReader.TryRead(ref reader, RespReaderOptions.Default, out RedisResult? result));
        Assert.True(reader.End);
        Assert.Equal(RedisResultType.Array, result!.Type);
        Assert.Equal(parts.Length, result.Length);
        for (int i = 0; i < parts.Length; i++)
        {
            Assert.Equal(RedisResultType.BulkString, result[i].Type);
            byte[] expected = parts[i].ToByteArray() ?? [];
            Assert.True(expected.AsSpan().SequenceEqual(result[i].Value.ToByteArray()), $"part {i} differs");
        }
    }

    public static TheoryData<string> CommandNames => new() { "simple", "empty", "null", "binary", "unicode", "numbers", "long-string", "long-bytes", "long-unicode", "lone-surrogates", "many-parts" };

    private static RedisValue[] Command(string name)
    {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.Length; i++) binary[i] = (byte)(255 - i);
        byte[] longBytes = new byte[300_000];
        new Random(3).NextBytes(longBytes);
        return name switch
        {
            "simple" => ["SET", "key", "value"],
            "empty" => ["SET", "", RedisValue.EmptyString],
            "null" => ["SET", "key", RedisValue.Null],
            "binary" => ["SET", binary, "\r\n$3\r\n*1\r\n"u8.ToArray()],
            "unicode" => ["SET", "cl\u00e9 \u4e16\u754c", "\U0001F30D h\u00e9llo \u0000 end"],
            "numbers" => ["ZADD", "z", 0, -1, long.MaxValue, long.MinValue, 3.14, -0.5, 1e300, double.PositiveInfinity, double.NegativeInfinity, true],
            "long-string" => ["SET", "k", new string('v', 100_000)],
            "long-bytes" => ["SET", "k", longBytes],
            "long-unicode" => ["SET", "k", string.Concat(Enumerable.Repeat("\u00e9\U0001F30Da\u4e16", 20_000))],
            "lone-surrogates" => ["SET", "a\uD800b", new string('x', 5000) + "\uDC00" + new string('y', 3) + "\uD83C"],
            "many-parts" => ["DEL", .. Enumerable.Range(0, 1000).Select(i => (RedisValue)$"key:{i}")],
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    [Fact]
    public void WriteCommand_Get_WritesArrayOfBulkStrings()
    {
        Assert.Equal("*2\r\n$3\r\nGET\r\n$3\r\nfoo\r\n", WriteText("GET", "foo"));
    }

    [Fact]
    public void WriteCommand_NameOnly_WritesOneElementArray()
    {
        Assert.Equal("*1\r\n$4\r\nPING\r\n", WriteText("PING"));
    }

    [Fact]
    public void WriteCommand_NullAndEmptyParts_WriteEmptyStrings()
    {
        Assert.Equal("*3\r\n$3\r\nSET\r\n$0\r\n\r\n$0\r\n\r\n", WriteText("SET", RedisValue.Null, ""));
    }

    [Fact]
    public void WriteCommand_Numbers_WriteTheirDecimalText()
    {
        Assert.Equal(
            "*6\r\n$4\r\nINCR\r\n$2\r\n42\r\n$20\r\n-9223372036854775808\r\n$4\r\n3.14\r\n$3\r\ninf\r\n$4\r\n-inf\r\n",
            WriteText("INCR", 42, long.MinValue, 3.14, double.PositiveInfinity, double.NegativeInfinity));
    }

    [Fact]
    public void WriteCommand_Unicode_WritesUtf8ByteLength()
    {
        Assert.Equal("*2\r\n$4\r\nECHO\r\n$7\r\nh\u00e9\U0001F30D\r\n", WriteText("ECHO", "h\u00e9\U0001F30D"));
    }

    [Fact]
    public void WriteCommand_NoParts_Throws()
    {
        Assert.Throws<ArgumentException>(() => RespWriter.WriteCommand(new ArrayBufferWriter<byte>(), ReadOnlySpan<RedisValue>.Empty));
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void WriteCommand_ReadBack_GivesTheSameParts(string name)
    {
        RedisValue[] parts = Command(name);
        AssertRoundTrip(new ReadOnlySequence<byte>(Write(parts)), parts);
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void WriteCommand_IntoSmallChunks_ReadsBackAcrossSegments(string name)
    {
        RedisValue[] parts = Command(name);
        var writer = new ChunkedBufferWriter(chunkSize: 7);
        RespWriter.WriteCommand(writer, parts);

        Assert.Equal(Write(parts), writer.ToArray());
        Assert.True(writer.LargestRequest <= 8 * 1024, $"asked for a {writer.LargestRequest}-byte span");
        AssertRoundTrip(Sequences.FromChunks(writer.Chunks), parts);
    }
}

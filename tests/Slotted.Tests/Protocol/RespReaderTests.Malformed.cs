using System.Buffers;
using Slotted.Protocol;

namespace Slotted.Tests.Protocol;

public sealed partial class RespReaderTests
{
    public static TheoryData<string> MalformedFrames => new()
    {
        // unknown or missing type byte
        "?x\r\n", "\r\n", "x", " +OK\r\n", ";3\r\nabc\r\n", "\0",
        // integers
        ":abc\r\n", ":\r\n", ":1.5\r\n", ": 1\r\n", ":1 \r\n", ":--1\r\n", ":0x10\r\n",
        ":99999999999999999999\r\n", ":9223372036854775808\r\n", ":-9223372036854775809\r\n",
        ":1\rx", ":1\r\r\n", ":" + new string('1', 40), ":" + new string('1', 40) + "\r\n",
        // blob strings and their lengths
        "$-2\r\n", "$abc\r\n", "$\r\n", "$3x\r\n", "$99999999999999999999\r\n", "$?\r\n",
        "$3\r\nabcXY", "$3\r\nabc\rX", "$3\r\nabcd\r\n", "$0\r\nX\r\n", "$1\r\n\r\n\r\n",
        // aggregates
        "*-2\r\n", "*abc\r\n", "*?\r\n", "%?\r\n", "~?\r\n", ">?\r\n",
        "%-1\r\n", "~-1\r\n", ">-1\r\n", "|-1\r\n", "!-1\r\n", "=-1\r\n",
        "*2\r\n:1\r\n?x\r\n", "%1\r\n+a\r\n#x\r\n", "*1\r\n$3\r\nabcXY", "~2\r\n+a\r\n$1\r\nbc\r\n",
        "|1\r\n+a\r\n:x\r\n+OK\r\n", "|1\r\n+a\r\n+b\r\n?\r\n", ">1\r\n,abc\r\n",
        // doubles
        ",abc\r\n", ",\r\n", ",1.5.5\r\n", ", 1\r\n", ",1 \r\n", ",1e\r\n", ",--1\r\n", ",-\r\n",
        ",infinity\r\n", ",in\r\n", ",1.5x\r\n", ",e5\r\n", ",.\r\n",
        // booleans and null
        "#x\r\n", "#\r\n", "#tt\r\n", "#T\r\n", "#1\r\n", "_x\r\n", "_ \r\n",
        // big numbers
        "(12a\r\n", "(\r\n", "(-\r\n", "(--1\r\n", "(+1\r\n", "(1.5\r\n", "( 1\r\n",
        // errors and simple strings
        "+OK\rX", "-ERR\rX", "!3\r\nabcXY",
        // verbatim strings
        "=3\r\ntxt\r\n", "=0\r\n\r\n", "=5\r\ntxt-a\r\n", "=4\r\ntxt:X\r\n",
    };

    [Theory]
    [MemberData(nameof(MalformedFrames))]
    public void TryRead_MalformedFrame_ThrowsProtocolException(string frame)
    {
        byte[] data = Sequences.Bytes(frame);
        Assert.Throws<RedisProtocolException>(() => Read(Sequences.Single(data), out _, out _));
        Assert.Throws<RedisProtocolException>(() => Read(Sequences.OneBytePerSegment(data), out _, out _));
    }

    [Fact]
    public void TryRead_UnknownTypeByte_MessageNamesTheByte()
    {
        var e = Assert.Throws<RedisProtocolException>(() => Read(Sequences.Single("?x\r\n"u8.ToArray()), out _, out _));
        Assert.Contains("'?'", e.Message, StringComparison.Ordinal);
        Assert.Contains("0x3F", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_StreamedString_MessageSaysStreamedIsUnsupported()
    {
        var e = Assert.Throws<RedisProtocolException>(() => Read(Sequences.Single("$?\r\n;4\r\nHell\r\n;0\r\n"u8.ToArray()), out _, out _));
        Assert.Contains("Streamed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_MutatedFrames_OnlyProtocolErrorsAndTheSameOutcomeForEverySegmentation()
    {
        var random = new Random(20240611);
        const string Interesting = "\r\n0123456789-+?*$:%~>|_,#(!=tfx.e ";
        foreach ((string name, (byte[] frame, RedisResult _)) in RespFrames.All)
        {
            for (int round = 0; round < 40; round++)
            {
                byte[] mutated = Mutate(frame, random, Interesting);
                int cut = random.Next(0, mutated.Length + 1);
                Outcome single = Run(Sequences.Single(mutated));
                Outcome oneByte = Run(Sequences.OneBytePerSegment(mutated));
                Outcome split = Run(Sequences.SplitAt(mutated, cut));
                string context = $"{name} mutated to '{Convert.ToHexString(mutated)}'";
                AssertSameOutcome(single, oneByte, context);
                AssertSameOutcome(single, split, context);
            }
        }
    }

    private static byte[] Mutate(byte[] frame, Random random, string interesting)
    {
        var bytes = new List<byte>(frame);
        int edits = random.Next(1, 3);
        for (int i = 0; i < edits; i++)
        {
            int at = random.Next(0, bytes.Count + 1);
            byte b = random.Next(4) == 0 ? (byte)random.Next(256) : (byte)interesting[random.Next(interesting.Length)];
            switch (random.Next(4))
            {
                case 0 when at < bytes.Count:
                    bytes[at] = b;
                    break;
                case 1 when at < bytes.Count:
                    bytes.RemoveAt(at);
                    break;
                case 2:
                    bytes.Insert(at, b);
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }
        return [.. bytes];
    }

    private sealed record Outcome(string Kind, long Consumed, RedisResult? Result);

    private static Outcome Run(ReadOnlySequence<byte> sequence)
    {
        try
        {
            bool complete = Read(sequence, out RedisResult? result, out long consumed);
            return new Outcome(complete ? "complete" : "incomplete", consumed, result);
        }
        catch (RedisProtocolException)
        {
            return new Outcome("malformed", -1, null);
        }
    }

    private static void AssertSameOutcome(Outcome expected, Outcome actual, string context)
    {
        Assert.True(expected.Kind == actual.Kind, $"{context}: {expected.Kind} vs {actual.Kind}");
        Assert.True(expected.Consumed == actual.Consumed, $"{context}: consumed {expected.Consumed} vs {actual.Consumed}");
        if (expected.Kind == "incomplete") Assert.Equal(0, actual.Consumed);
        if (expected.Result is not null) ResultAssert.Equal(expected.Result, actual.Result);
    }
}

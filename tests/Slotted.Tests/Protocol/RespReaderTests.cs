using System.Buffers;
using System.Text;
using Slotted.Protocol;

namespace Slotted.Tests.Protocol;

public sealed partial class RespReaderTests
{
    public static TheoryData<string> FrameNames => RespFrames.Names();

    private static bool Read(ReadOnlySequence<byte> sequence, out RedisResult? result, out long consumed, RespReaderOptions? options = null)
    {
        var reader = new SequenceReader<byte>(sequence);
        bool complete = RespReader.TryRead(ref reader, options ?? RespReaderOptions.Default, out result);
        consumed = reader.Consumed;
        return complete;
    }

    private static void AssertIncomplete(ReadOnlySequence<byte> sequence, string because)
    {
        bool complete = Read(sequence, out RedisResult? result, out long consumed);
        Assert.False(complete, because);
        Assert.Null(result);
        Assert.True(consumed == 0, $"{because}: consumed {consumed} bytes of an incomplete reply.");
    }

    private static void AssertParses(ReadOnlySequence<byte> sequence, RedisResult expected, string because)
    {
        bool complete = Read(sequence, out RedisResult? result, out long consumed);
        Assert.True(complete, because);
        Assert.True(consumed == sequence.Length, $"{because}: consumed {consumed} of {sequence.Length} bytes.");
        ResultAssert.Equal(expected, result);
    }

    [Theory]
    [MemberData(nameof(FrameNames))]
    public void TryRead_WholeFrameInOneSegment_ParsesAndConsumesIt(string name)
    {
        (byte[] frame, RedisResult expected) = RespFrames.All[name];
        AssertParses(Sequences.Single(frame), expected, name);
    }

    [Theory]
    [MemberData(nameof(FrameNames))]
    public void TryRead_FrameSplitAtEveryByte_PrefixIsIncompleteAndWholeParses(string name)
    {
        (byte[] frame, RedisResult expected) = RespFrames.All[name];
        for (int cut = 1; cut < frame.Length; cut++)
        {
            AssertIncomplete(Sequences.Single(frame[..cut]), $"{name}: first {cut} bytes, one segment");
            AssertIncomplete(Sequences.SplitAt(frame[..cut], cut / 2), $"{name}: first {cut} bytes, two segments");
            AssertParses(Sequences.SplitAt(frame, cut), expected, $"{name}: split at {cut}");
        }
    }

    [Theory]
    [MemberData(nameof(FrameNames))]
    public void TryRead_OneBytePerSegment_PrefixesAreIncompleteAndWholeParses(string name)
    {
        (byte[] frame, RedisResult expected) = RespFrames.All[name];
        for (int cut = 0; cut < frame.Length; cut++)
        {
            AssertIncomplete(Sequences.OneBytePerSegment(frame[..cut]), $"{name}: first {cut} bytes, one byte per segment");
        }
        AssertParses(Sequences.OneBytePerSegment(frame), expected, $"{name}: one byte per segment");
    }

    [Theory]
    [MemberData(nameof(FrameNames))]
    public void TryRead_FrameFollowedByAnother_ConsumesExactlyTheFrame(string name)
    {
        (byte[] frame, RedisResult expected) = RespFrames.All[name];
        byte[] data = [.. frame, .. ":42\r\n"u8];
        var reader = new SequenceReader<byte>(Sequences.Single(data));

        Assert.True(RespReader.TryRead(ref reader, RespReaderOptions.Default, out RedisResult? first));
        ResultAssert.Equal(expected, first);
        Assert.Equal(frame.Length, reader.Consumed);
        Assert.True(RespReader.TryRead(ref reader, RespReaderOptions.Default, out RedisResult? second));
        Assert.Equal(42, second!.ToInt64());
        Assert.True(reader.End);
    }

    [Fact]
    public void TryRead_EveryFrameBackToBack_ReadsEachInOrder()
    {
        var frames = RespFrames.All.Values.ToArray();
        byte[] data = frames.SelectMany(f => f.Frame).ToArray();
        var random = new Random(7);
        int[] cuts = Enumerable.Range(0, 40).Select(_ => random.Next(1, data.Length)).Distinct().Order().ToArray();

        foreach (ReadOnlySequence<byte> sequence in new[] { Sequences.Single(data), Sequences.SplitAt(data, cuts), Sequences.OneBytePerSegment(data) })
        {
            var reader = new SequenceReader<byte>(sequence);
            long position = 0;
            foreach ((byte[] frame, RedisResult expected) in frames)
            {
                Assert.True(RespReader.TryRead(ref reader, RespReaderOptions.Default, out RedisResult? result));
                ResultAssert.Equal(expected, result);
                position += frame.Length;
                Assert.Equal(position, reader.Consumed);
            }
            Assert.False(RespReader.TryRead(ref reader, RespReaderOptions.Default, out _));
            Assert.True(reader.End);
        }
    }

    [Fact]
    public void TryRead_CompleteRepliesThenPartialOne_StopsAtTheStartOfThePartialOne()
    {
        byte[] data = Sequences.Bytes("+OK\r\n:5\r\n*3\r\n$3\r\nfoo\r\n:1\r\n");
        var reader = new SequenceReader<byte>(Sequences.SplitAt(data, 3, 12, 20));

        Assert.True(RespReader.TryRead(ref reader, RespReaderOptions.Default, out RedisResult? ok));
        Assert.Same(RedisResult.Ok, ok);
        Assert.True(RespReader.TryRead(ref reader, RespReaderOptions.Default, out RedisResult? five));
        Assert.Equal(5, five!.ToInt64());
        long before = reader.Consumed;

        Assert.False(RespReader.TryRead(ref reader, RespReaderOptions.Default, out RedisResult? partial));
        Assert.Null(partial);
        Assert.Equal(before, reader.Consumed);
        Assert.True(reader.TryPeek(out byte next));
        Assert.Equal((byte)'*', next);
    }

    [Fact]
    public void TryRead_EmptyInput_ReturnsFalse()
    {
        AssertIncomplete(ReadOnlySequence<byte>.Empty, "empty input");
    }

    [Fact]
    public void TryRead_CommonReplies_ReturnSharedInstances()
    {
        Assert.True(Read(Sequences.Single("+OK\r\n"u8.ToArray()), out RedisResult? ok, out _));
        Assert.Same(RedisResult.Ok, ok);
        Assert.True(Read(Sequences.Single(":1\r\n"u8.ToArray()), out RedisResult? one, out _));
        Assert.Same(RedisResult.Integer(1), one);
        Assert.True(Read(Sequences.Single("_\r\n"u8.ToArray()), out RedisResult? nil, out _));
        Assert.Same(RedisResult.Null, nil);
        Assert.True(Read(Sequences.Single("$-1\r\n"u8.ToArray()), out RedisResult? nilBulk, out _));
        Assert.Same(RedisResult.Null, nilBulk);
    }

    [Fact]
    public void TryRead_Map_KeepsKeysAndValuesFlatInOrder()
    {
        Assert.True(Read(Sequences.Single(Sequences.Bytes("%2\r\n+a\r\n:1\r\n$1\r\nb\r\n,2.5\r\n")), out RedisResult? map, out _));
        Assert.Equal(RedisResultType.Map, map!.Type);
        Assert.Equal(4, map.Length);
        Dictionary<string, RedisResult> d = map.ToDictionary();
        Assert.Equal(1, d["a"].ToInt64());
        Assert.Equal(2.5, d["b"].ToDouble());
    }

    [Fact]
    public void TryRead_Verbatim_SeparatesFormatFromText()
    {
        Assert.True(Read(Sequences.Single(Sequences.Bytes("=15\r\ntxt:Some string\r\n")), out RedisResult? verbatim, out _));
        Assert.Equal(RedisResultType.VerbatimString, verbatim!.Type);
        Assert.Equal("txt", verbatim.Format);
        Assert.Equal("Some string", verbatim.ToString());
    }

    [Theory]
    [InlineData("*1000000000\r\n:1\r\n")]
    [InlineData("*268435456\r\n+a\r\n")]
    [InlineData("%268435456\r\n+a\r\n")]
    [InlineData("~268435456\r\n+a\r\n")]
    [InlineData(">268435456\r\n+a\r\n")]
    [InlineData("|268435456\r\n+a\r\n")]
    [InlineData("*2\r\n:1\r\n*268435456\r\n:1\r\n")]
    [InlineData("$500000000\r\nabc")]
    [InlineData("!500000000\r\nabc")]
    [InlineData("=500000000\r\ntxt:abc")]
    [InlineData("*1\r\n$500000000\r\nabc")]
    public void TryRead_HugeDeclaredSizeWithFewBytes_ReturnsFalseWithoutAllocatingForIt(string frame)
    {
        var options = new RespReaderOptions { MaxAggregateLength = int.MaxValue };
        byte[] data = Sequences.Bytes(frame);
        Read(Sequences.Single(data), out _, out _, options); // warm up

        long before = GC.GetAllocatedBytesForCurrentThread();
        bool complete = Read(Sequences.Single(data), out RedisResult? result, out long consumed, options);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(complete);
        Assert.Null(result);
        Assert.Equal(0, consumed);
        Assert.True(allocated < 16 * 1024, $"allocated {allocated} bytes for an incomplete reply");
    }

    [Fact]
    public void TryRead_LargeArrayNotYetComplete_DoesNotBuildItsElements()
    {
        const int Count = 100_000;
        var builder = new StringBuilder($"*{Count}\r\n");
        for (int i = 0; i < Count - 1; i++) builder.Append("$3\r\nfoo\r\n");
        byte[] partial = Sequences.Bytes(builder.ToString());
        Read(Sequences.Single(partial), out _, out _); // warm up

        long before = GC.GetAllocatedBytesForCurrentThread();
        bool complete = Read(Sequences.Single(partial), out _, out long consumed);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(complete);
        Assert.Equal(0, consumed);
        Assert.True(allocated < 16 * 1024, $"allocated {allocated} bytes while framing an incomplete array");

        byte[] whole = [.. partial, .. "$3\r\nbar\r\n"u8];
        Assert.True(Read(Sequences.Single(whole), out RedisResult? result, out consumed));
        Assert.Equal(whole.Length, consumed);
        Assert.Equal(Count, result!.Length);
        Assert.Equal("foo", result[0].ToString());
        Assert.Equal("bar", result[Count - 1].ToString());
    }

    [Fact]
    public void TryRead_NestingAtDefaultMaxDepth_Parses()
    {
        int depth = RespReaderOptions.Default.MaxDepth;
        byte[] data = Sequences.Bytes(string.Concat(Enumerable.Repeat("*1\r\n", depth)) + ":1\r\n");
        Assert.True(Read(Sequences.Single(data), out RedisResult? result, out _));
        for (int i = 0; i < depth; i++) result = result![0];
        Assert.Equal(1, result!.ToInt64());
    }

    [Theory]
    [InlineData("*1\r\n*1\r\n:1\r\n", true)]
    [InlineData("*1\r\n*1\r\n*1\r\n:1\r\n", false)]
    [InlineData("%1\r\n+k\r\n~1\r\n:1\r\n", true)]
    [InlineData("%1\r\n+k\r\n~1\r\n>0\r\n", false)]
    [InlineData("*1\r\n|1\r\n+k\r\n+v\r\n:1\r\n", true)]
    [InlineData("*1\r\n|1\r\n+k\r\n*0\r\n:1\r\n", false)]
    public void TryRead_NestingAgainstMaxDepth_ParsesOrThrows(string frame, bool withinLimit)
    {
        var options = new RespReaderOptions { MaxDepth = 2 };
        var sequence = Sequences.Single(Sequences.Bytes(frame));
        if (withinLimit) Assert.True(Read(sequence, out _, out _, options));
        else Assert.Throws<RedisProtocolException>(() => Read(sequence, out _, out _, options));
    }

    [Theory]
    [InlineData("$10\r\n0123456789\r\n", true)]
    [InlineData("$11\r\n01234567890\r\n", false)]
    [InlineData("$11\r\n", false)]
    [InlineData("=11\r\ntxt:0123456\r\n", false)]
    [InlineData("!11\r\n", false)]
    [InlineData("+0123456789\r\n", true)]
    [InlineData("+01234567890\r\n", false)]
    [InlineData("+01234567890", false)]
    [InlineData("-01234567890", false)]
    [InlineData("(01234567890", false)]
    [InlineData("*3\r\n:1\r\n:2\r\n:3\r\n", true)]
    [InlineData("*4\r\n", false)]
    [InlineData("%3\r\n", true)]
    [InlineData("%4\r\n", false)]
    [InlineData("~4\r\n", false)]
    [InlineData(">4\r\n", false)]
    [InlineData("|4\r\n", false)]
    public void TryRead_SizesAgainstLimits_WithinParsesOrIncompleteBeyondThrows(string frame, bool withinLimit)
    {
        var options = new RespReaderOptions { MaxBulkLength = 10, MaxAggregateLength = 3 };
        foreach (ReadOnlySequence<byte> sequence in new[] { Sequences.Single(Sequences.Bytes(frame)), Sequences.OneBytePerSegment(Sequences.Bytes(frame)) })
        {
            if (withinLimit) Read(sequence, out _, out _, options);
            else Assert.Throws<RedisProtocolException>(() => Read(sequence, out _, out _, options));
        }
    }
}

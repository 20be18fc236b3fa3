using System.Buffers;
using System.Text;
using Slotted.Protocol;
using Slotted.PubSub;

namespace Slotted.Tests.PubSub;

public sealed class PubSubFrameTests
{
    private static RedisResult Read(string wire)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(wire)));
        Assert.True(RespReader.TryRead(ref reader, new RespReaderOptions(), out var result));
        return result!;
    }

    private static string Push(char type, params string[] bulks)
    {
        var sb = new StringBuilder().Append(type).Append(bulks.Length).Append("\r\n");
        foreach (var b in bulks) sb.Append(b.StartsWith(':') ? b + "\r\n" : $"${Encoding.UTF8.GetByteCount(b)}\r\n{b}\r\n");
        return sb.ToString();
    }

    [Theory]
    [InlineData('>')]
    [InlineData('*')]
    public void Parse_Message_ChannelAndPayload(char type)
    {
        var frame = PubSubFrame.Parse(Read(Push(type, "message", "news", "hello")));
        Assert.Equal(PubSubFrameKind.Message, frame.Kind);
        var message = frame.ToMessage();
        Assert.Equal(new PubSubMessage(PubSubMessageKind.Message, "news", "hello"), message);
        Assert.Null(message.Pattern);
    }

    [Theory]
    [InlineData('>')]
    [InlineData('*')]
    public void Parse_PatternMessage_CarriesPattern(char type)
    {
        var message = PubSubFrame.Parse(Read(Push(type, "pmessage", "news.*", "news.sport", "goal"))).ToMessage();
        Assert.Equal(PubSubMessageKind.PatternMessage, message.Kind);
        Assert.Equal("news.*", (string?)message.Pattern);
        Assert.Equal("news.sport", (string?)message.Channel);
        Assert.Equal("goal", (string?)message.Message);
    }

    [Theory]
    [InlineData('>')]
    [InlineData('*')]
    public void Parse_ShardMessage_Kind(char type)
    {
        var message = PubSubFrame.Parse(Read(Push(type, "smessage", "{user1}.events", "x"))).ToMessage();
        Assert.Equal(PubSubMessageKind.ShardMessage, message.Kind);
        Assert.Equal("{user1}.events", (string?)message.Channel);
    }

    [Theory]
    [InlineData("subscribe", nameof(PubSubFrameKind.Subscribe))]
    [InlineData("psubscribe", nameof(PubSubFrameKind.PSubscribe))]
    [InlineData("ssubscribe", nameof(PubSubFrameKind.SSubscribe))]
    [InlineData("unsubscribe", nameof(PubSubFrameKind.Unsubscribe))]
    [InlineData("punsubscribe", nameof(PubSubFrameKind.PUnsubscribe))]
    [InlineData("sunsubscribe", nameof(PubSubFrameKind.SUnsubscribe))]
    public void Parse_Confirmation_KindChannelCount(string verb, string kindName)
    {
        var kind = Enum.Parse<PubSubFrameKind>(kindName);
        foreach (char type in new[] { '>', '*' })
        {
            var frame = PubSubFrame.Parse(Read(Push(type, verb, "ch", ":3")));
            Assert.Equal(kind, frame.Kind);
            Assert.Equal("ch", (string?)frame.Channel);
            Assert.Equal(3, frame.Count);
            Assert.False(frame.IsMessage);
        }
    }

    [Fact]
    public void Parse_UnsubscribeWithNothingLeft_NullChannel()
    {
        var frame = PubSubFrame.Parse(Read("*3\r\n$11\r\nunsubscribe\r\n$-1\r\n:0\r\n"));
        Assert.Equal(PubSubFrameKind.Unsubscribe, frame.Kind);
        Assert.True(frame.Channel.IsNull);
    }

    [Theory]
    [InlineData("+PONG\r\n")]
    [InlineData("*2\r\n$4\r\npong\r\n$0\r\n\r\n")]
    public void Parse_PongInBothProtocols_Pong(string wire) => Assert.Equal(PubSubFrameKind.Pong, PubSubFrame.Parse(Read(wire)).Kind);

    [Fact]
    public void Parse_Error_KeepsServerMessage()
    {
        var frame = PubSubFrame.Parse(Read("-MOVED 866 127.0.0.1:7001\r\n"));
        Assert.Equal(PubSubFrameKind.Error, frame.Kind);
        Assert.Equal("MOVED 866 127.0.0.1:7001", (string?)frame.Payload);
    }

    [Theory]
    [InlineData(">4\r\n$10\r\ninvalidate\r\n*1\r\n$3\r\nkey\r\n:1\r\n:2\r\n")]
    [InlineData(">2\r\n$10\r\ninvalidate\r\n*1\r\n$3\r\nkey\r\n")]
    [InlineData("*3\r\n$7\r\nMESSAGE\r\n$1\r\na\r\n$1\r\nb\r\n")]
    [InlineData("*2\r\n$7\r\nmessage\r\n$1\r\na\r\n")]
    [InlineData(":1\r\n")]
    [InlineData("*3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n$1\r\nb\r\n")]
    public void Parse_Unrelated_Other(string wire) => Assert.Equal(PubSubFrameKind.Other, PubSubFrame.Parse(Read(wire)).Kind);

    [Fact]
    public void Parse_BinaryPayload_KeptByteForByte()
    {
        byte[] payload = [0, 255, 13, 10, 128];
        var result = RedisResult.Aggregate(RedisResultType.Push,
            [RedisResult.BulkString(Encoding.UTF8.GetBytes("message")), RedisResult.BulkString(Encoding.UTF8.GetBytes("bin")), RedisResult.BulkString(payload)]);
        var message = PubSubFrame.Parse(result).ToMessage();
        Assert.Equal(payload, (byte[]?)message.Message);
    }
}

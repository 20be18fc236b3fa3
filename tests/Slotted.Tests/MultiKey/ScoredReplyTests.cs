using Slotted.MultiKey;

namespace Slotted.Tests.MultiKey;

public sealed class ScoredReplyTests
{
    [Fact]
    public void Read_Resp2FlatList()
    {
        var reply = RedisResult.Array(RedisResult.BulkString("a"), RedisResult.BulkString("1.5"), RedisResult.BulkString("b"), RedisResult.BulkString("inf"));
        var entries = ScoredReply.Read(reply);
        Assert.Equal([new SortedSetEntry("a", 1.5), new SortedSetEntry("b", double.PositiveInfinity)], entries);
    }

    [Fact]
    public void Read_Resp3Pairs()
    {
        var reply = RedisResult.Array(
            RedisResult.Array(RedisResult.BulkString("a"), RedisResult.Double(1.5)),
            RedisResult.Array(RedisResult.BulkString("b"), RedisResult.Double(double.NegativeInfinity)));
        var entries = ScoredReply.Read(reply);
        Assert.Equal([new SortedSetEntry("a", 1.5), new SortedSetEntry("b", double.NegativeInfinity)], entries);
    }

    [Fact]
    public void Read_Empty() => Assert.Empty(ScoredReply.Read(RedisResult.Array()));
}

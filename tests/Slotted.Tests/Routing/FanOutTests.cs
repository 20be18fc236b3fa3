using Slotted.Routing;
using Slotted.Topology;

namespace Slotted.Tests.Routing;

public sealed class FanOutTests
{
    private static readonly ShardMap Map = new(
    [
        new Shard(new ClusterNode("a", "127.0.0.1", 7000, true, null), [new ClusterNode("d", "127.0.0.1", 7003, false, "a")], [(0, 5460)]),
        new Shard(new ClusterNode("b", "127.0.0.1", 7001, true, null), [new ClusterNode("e", "127.0.0.1", 7004, false, "b"), new ClusterNode("f", "127.0.0.1", 7005, false, "b")], [(5461, 10922)]),
        new Shard(new ClusterNode("c", "127.0.0.1", 7002, true, null), [], [(10923, 16383)]),
        new Shard(new ClusterNode("g", "127.0.0.1", 7006, true, null), [], []), // no slots: joining, or a failed primary coming back
    ], 1);

    [Fact]
    public void Resolve_EachSelection_ThoseNodesInMapOrder()
    {
        Assert.Equal(["127.0.0.1:7000", "127.0.0.1:7003", "127.0.0.1:7001", "127.0.0.1:7004", "127.0.0.1:7005", "127.0.0.1:7002", "127.0.0.1:7006"], TargetNodes.AllNodes.Resolve(Map));
        Assert.Equal(["127.0.0.1:7000", "127.0.0.1:7001", "127.0.0.1:7002"], TargetNodes.Primaries.Resolve(Map));
        Assert.Equal(["127.0.0.1:7003", "127.0.0.1:7004", "127.0.0.1:7005"], TargetNodes.Replicas.Resolve(Map));
        Assert.Equal(["[::1]:7009"], TargetNodes.Node("[::1]:7009").Resolve(Map));
        Assert.Equal(["127.0.0.1:7004"], ((TargetNodes)Map.Shards[1].Replicas[0]).Resolve(Map));
        Assert.Equal("Primaries", TargetNodes.Primaries.ToString());
    }

    [Fact]
    public void Collect_AllAnswered_ConvertedByNode()
    {
        NodeReply[] replies = [new("n1", RedisResult.Integer(3), null), new("n2", RedisResult.Integer(4), null)];
        var values = FanOut.Collect("DBSIZE", replies, r => r.ToInt64());
        Assert.Equal(new Dictionary<string, long> { ["n1"] = 3, ["n2"] = 4 }, values);
    }

    [Fact]
    public void Collect_ErrorsLostNodesAndBadShapes_OneExceptionNamingEach()
    {
        NodeReply[] replies =
        [
            new("ok", RedisResult.Integer(1), null),
            new("refused", RedisResult.Error("WRONGTYPE nope"), null),
            new("lost", null, new RedisConnectionException("gone", "lost")),
            new("odd", RedisResult.Array(RedisResult.Integer(1)), null),
        ];
        var error = Assert.Throws<RedisFanOutException>(() => FanOut.Collect("X", replies, r => r.ToInt64()));
        Assert.Equal(["lost", "odd", "refused"], error.Errors.Keys.Order());
        Assert.IsType<RedisWrongTypeException>(error.Errors["refused"]);
        Assert.Equal("refused", ((RedisServerException)error.Errors["refused"]).EndPoint);
        Assert.IsType<RedisConnectionException>(error.Errors["lost"]);
        Assert.Contains("unexpected reply", error.Errors["odd"].Message);
        Assert.Equal(["ok"], error.Replies.Keys);
        Assert.StartsWith("X failed on 3 of 4 nodes: ", error.Message);
        Assert.Contains("refused: WRONGTYPE nope;", error.Message);
        Assert.DoesNotContain("(from refused)", error.Message);
        Assert.Null(error.InnerException);
    }

    [Fact]
    public void CommandName_ContainerCommand_IncludesSubcommand()
    {
        Assert.Equal("CONFIG SET", FanOut.CommandName(["config", "set", "a", "b"]));
        Assert.Equal("PING", FanOut.CommandName(["ping"]));
        Assert.Equal("NOSUCH", FanOut.CommandName(["nosuch"]));
    }
}

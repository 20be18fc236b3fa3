using Slotted.Topology;

namespace Slotted.Tests.Topology;

/// <summary>Failed nodes in CLUSTER SHARDS: Redis 7.0 says "fail", the documentation "failed"; neither is a node to send to.</summary>
public sealed class TopologyLoaderFailedNodeTests
{
    private static RedisResult S(string s) => RedisResult.BulkString(s);

    private static RedisResult I(long v) => RedisResult.Integer(v);

    private static RedisResult Node(string id, int port, string role, string health) => RedisResult.Array(
        S("id"), S(id), S("port"), I(port), S("ip"), S("127.0.0.1"), S("role"), S(role), S("health"), S(health));

    [Theory]
    [InlineData("fail")]
    [InlineData("failed")]
    public void ParseShards_FailedOldPrimaryWithoutSlots_LeftOut(string health)
    {
        var reply = RedisResult.Array(
            RedisResult.Array(S("slots"), RedisResult.Array(I(0), I(16383)), S("nodes"), RedisResult.Array(Node("b", 7003, "master", "online"))),
            RedisResult.Array(S("slots"), RedisResult.Array(), S("nodes"), RedisResult.Array(Node("a", 7000, "master", health))));
        var map = new ShardMap(TopologyLoader.ParseShards(reply, "x"), 1);
        Assert.Equal(["127.0.0.1:7003"], map.Nodes.Select(n => n.EndPoint));
    }

    [Theory]
    [InlineData("fail")]
    [InlineData("failed")]
    public void ParseShards_FailedReplica_LeftOut(string health)
    {
        var reply = RedisResult.Array(
            RedisResult.Array(S("slots"), RedisResult.Array(I(0), I(16383)), S("nodes"),
                RedisResult.Array(Node("a", 7000, "master", "online"), Node("b", 7003, "replica", health), Node("c", 7004, "replica", "loading"))));
        var shard = Assert.Single(TopologyLoader.ParseShards(reply, "x"));
        Assert.Equal(["127.0.0.1:7004"], shard.Replicas.Select(r => r.EndPoint));
    }

    [Fact]
    public void ParseShards_FailedPrimaryStillServingSlots_Kept()
    {
        // Until a replica is promoted the slots have no other owner: keep the shard, so commands retry it.
        var reply = RedisResult.Array(
            RedisResult.Array(S("slots"), RedisResult.Array(I(0), I(16383)), S("nodes"), RedisResult.Array(Node("a", 7000, "master", "fail"))));
        Assert.Equal("127.0.0.1:7000", Assert.Single(TopologyLoader.ParseShards(reply, "x")).Primary.EndPoint);
    }

    [Fact]
    public void ParseShards_EmptyPrimaryOnline_Kept()
    {
        var reply = RedisResult.Array(
            RedisResult.Array(S("slots"), RedisResult.Array(I(0), I(16383)), S("nodes"), RedisResult.Array(Node("a", 7000, "master", "online"))),
            RedisResult.Array(S("slots"), RedisResult.Array(), S("nodes"), RedisResult.Array(Node("n", 7009, "master", "online"))));
        Assert.Equal(2, TopologyLoader.ParseShards(reply, "x").Count);
    }
}

using Slotted.Topology;

namespace Slotted.Tests.Topology;

public sealed class TopologyLoaderTests
{
    private static RedisResult S(string s) => RedisResult.BulkString(s);

    private static RedisResult I(long v) => RedisResult.Integer(v);

    private static RedisResult Node(string id, string ip, int port, string role, string health = "online") => RedisResult.Array(
        S("id"), S(id), S("port"), I(port), S("ip"), S(ip), S("endpoint"), S(ip), S("role"), S(role), S("replication-offset"), I(0), S("health"), S(health));

    [Fact]
    public void ParseShards_Resp2Shape_BuildsPrimariesReplicasAndRanges()
    {
        var reply = RedisResult.Array(
            RedisResult.Array(S("slots"), RedisResult.Array(I(0), I(5460)), S("nodes"), RedisResult.Array(Node("a", "127.0.0.1", 7000, "master"), Node("b", "127.0.0.1", 7003, "replica"))),
            RedisResult.Array(S("slots"), RedisResult.Array(I(5461), I(10922), I(16000), I(16383)), S("nodes"), RedisResult.Array(Node("c", "127.0.0.1", 7001, "master"))),
            RedisResult.Array(S("slots"), RedisResult.Array(I(10923), I(15999)), S("nodes"), RedisResult.Array(Node("d", "", 7002, "master"), Node("e", "127.0.0.1", 7005, "replica", "fail"))));
        var shards = TopologyLoader.ParseShards(reply, "10.0.0.9");
        var map = new ShardMap(shards, 1);
        Assert.Equal(16384, map.CoveredSlots);
        Assert.Equal("127.0.0.1:7000", map.GetShard(0)!.Primary.EndPoint);
        Assert.Equal("127.0.0.1:7003", map.GetShard(5460)!.Replicas.Single().EndPoint);
        Assert.Equal("a", map.GetShard(5460)!.Replicas.Single().PrimaryId);
        Assert.Equal("127.0.0.1:7001", map.GetShard(16383)!.Primary.EndPoint);
        Assert.Equal("10.0.0.9:7002", map.GetShard(12000)!.Primary.EndPoint);
        Assert.Empty(map.GetShard(12000)!.Replicas); // a failed replica is left out
    }

    [Fact]
    public void ParseShards_Resp3MapShape_ReadsTheSame()
    {
        var node = RedisResult.Aggregate(RedisResultType.Map, [S("id"), S("a"), S("port"), I(7000), S("ip"), S("127.0.0.1"), S("role"), S("master"), S("health"), S("online")]);
        var shard = RedisResult.Aggregate(RedisResultType.Map, [S("slots"), RedisResult.Array(I(0), I(16383)), S("nodes"), RedisResult.Array(node)]);
        var map = new ShardMap(TopologyLoader.ParseShards(RedisResult.Array(shard), "x"), 1);
        Assert.Equal(16384, map.CoveredSlots);
    }

    [Fact]
    public void ParseShards_PlainAndTlsPorts_TlsClientTakesTheTlsPort()
    {
        RedisResult Shard(params RedisResult[] ports) => RedisResult.Array(RedisResult.Array(
            S("slots"), RedisResult.Array(I(0), I(16383)),
            S("nodes"), RedisResult.Array(RedisResult.Array([S("id"), S("a"), .. ports, S("ip"), S("127.0.0.1"), S("role"), S("master"), S("health"), S("online")]))));
        var both = Shard(S("port"), I(6379), S("tls-port"), I(6380));
        Assert.Equal(6379, TopologyLoader.ParseShards(both, "x")[0].Primary.Port);
        Assert.Equal(6380, TopologyLoader.ParseShards(both, "x", tls: true)[0].Primary.Port);
        // A node serving only TLS lists only its TLS port; one serving only plain TCP, only its port.
        Assert.Equal(6380, TopologyLoader.ParseShards(Shard(S("tls-port"), I(6380)), "x")[0].Primary.Port);
        Assert.Equal(6379, TopologyLoader.ParseShards(Shard(S("port"), I(6379)), "x", tls: true)[0].Primary.Port);
    }

    [Fact]
    public void ParseSlots_ClassicShape_GroupsRangesByPrimary()
    {
        RedisResult N(string ip, int port, string id) => RedisResult.Array(S(ip), I(port), S(id));
        var reply = RedisResult.Array(
            RedisResult.Array(I(0), I(100), N("127.0.0.1", 7000, "a"), N("127.0.0.1", 7003, "b")),
            RedisResult.Array(I(101), I(199), N("127.0.0.1", 7001, "c")),
            RedisResult.Array(I(200), I(300), N("127.0.0.1", 7000, "a")));
        var shards = TopologyLoader.ParseSlots(reply, "x");
        Assert.Equal(2, shards.Count);
        var map = new ShardMap(shards, 1);
        Assert.Equal("127.0.0.1:7000", map.GetShard(250)!.Primary.EndPoint);
    }

    [Fact]
    public void WithSlotMovedTo_ChangesOneSlotOnly()
    {
        var reply = RedisResult.Array(RedisResult.Array(S("slots"), RedisResult.Array(I(0), I(16383)), S("nodes"), RedisResult.Array(Node("a", "127.0.0.1", 7000, "master"))));
        var map = new ShardMap(TopologyLoader.ParseShards(reply, "x"), 1);
        var moved = map.WithSlotMovedTo(42, "127.0.0.1:7009");
        Assert.Equal("127.0.0.1:7009", moved.GetShard(42)!.Primary.EndPoint);
        Assert.Equal("127.0.0.1:7000", moved.GetShard(43)!.Primary.EndPoint);
        Assert.Equal("127.0.0.1:7000", map.GetShard(42)!.Primary.EndPoint); // the old snapshot is untouched
    }
}

using Slotted.ClusterTests.Infrastructure;
using Slotted.ClusterTests.ReadFrom;
using Slotted.Connections;

namespace Slotted.ClusterTests.Tls;

/// <summary>
/// Every kind of connection over TLS against a cluster that accepts nothing else: the shared
/// connections to each primary, replicas (ReadFrom), pub/sub and blocking-command connections.
/// </summary>
[Collection(TlsClusterCollection.Name)]
public sealed class TlsCommandTests(TlsClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static string Key(string name) => $"tls:{name}:{Guid.NewGuid():N}";

    /// <summary>One key per primary, so a test touches every shard.</summary>
    private static List<string> KeyPerPrimary(RedisCluster cluster, string name)
    {
        var byNode = new Dictionary<string, string>();
        for (int i = 0; byNode.Count < cluster.SlotMap.Primaries.Count(); i++)
        {
            string key = Key(name + i);
            byNode.TryAdd(cluster.GetNodeForKey(key)!, key);
        }
        return [.. byNode.Values];
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task SetGet_OnEveryPrimary_RoundTrips(int protocol)
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.Options($",protocol={protocol}"));
        Assert.Equal(3, cluster.SlotMap.Primaries.Count());
        Assert.All(cluster.SlotMap.Nodes, n => Assert.Contains(n.Port, fixture.Cluster.Ports));
        var keys = KeyPerPrimary(cluster, "setget");
        foreach (string key in keys) Assert.True(await cluster.SetAsync(key, "v-" + key));
        foreach (string key in keys) Assert.Equal("v-" + key, (string?)await cluster.GetAsync(key));
        Assert.Equal(keys.Count, await cluster.DelAsync([.. keys.Select(k => (RedisKey)k)]));
    }

    [Fact]
    public async Task MGet_AcrossSlots_ReturnsValuesInOrder()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.Options());
        var keys = Enumerable.Range(0, 200).Select(i => (RedisKey)Key("mget" + i)).ToArray();
        for (int i = 0; i < keys.Length; i += 2) await cluster.SetAsync(keys[i], $"v{i}");
        var values = await cluster.MGetAsync(keys);
        for (int i = 0; i < keys.Length; i++) Assert.Equal(i % 2 == 0 ? $"v{i}" : null, (string?)values[i]);
        Assert.Equal(values.Select(v => (string?)v), cluster.MGet(keys).Select(v => (string?)v));
        Assert.Equal(keys.Length / 2, await cluster.DelAsync(keys));
    }

    [Fact]
    public async Task Pipeline_ManyCommandsOnEveryNode_AllAnswered()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.Options());
        var keys = Enumerable.Range(0, 500).Select(i => (RedisKey)Key("pipe" + i)).ToArray();
        var pipeline = cluster.CreatePipeline();
        var incrs = keys.Select(k => pipeline.IncrAsync(k)).ToArray();
        var again = keys.Select(k => pipeline.IncrAsync(k)).ToArray();
        await pipeline.ExecuteAsync();
        Assert.All(incrs, t => Assert.Equal(1, t.Result));
        Assert.All(again, t => Assert.Equal(2, t.Result));
        Assert.Equal(keys.Length, await cluster.DelAsync(keys));
    }

    [Fact]
    public void SyncCalls_ConnectSetGetMGet_Work()
    {
        using var cluster = RedisCluster.Connect(fixture.Options());
        var keys = KeyPerPrimary(cluster, "sync");
        foreach (string key in keys) Assert.True(cluster.Set(key, key));
        foreach (string key in keys) Assert.Equal(key, (string?)cluster.Get(key));
        var values = cluster.MGet([.. keys.Select(k => (RedisKey)k)]);
        Assert.Equal(keys, values.Select(v => (string?)v));
        Assert.Equal(keys.Count, cluster.Del([.. keys.Select(k => (RedisKey)k)]));
    }

    [Fact]
    public async Task SharedConnection_OverTls_IsReadByItsOwnThreadNotThePoller()
    {
        // SslStream keeps decrypted bytes the socket's readiness cannot show: the poller must not read it.
        var options = fixture.Options();
        using var node = new NodeConnection(options.StartupNodes[0], new ConnectionSettings(options));
        var connection = await node.GetSharedAsync(CancellationToken.None);
        Assert.False(connection.IsPolled);
        var reply = connection.Send([(RedisValue)"ECHO", (RedisValue)new string('x', 100_000)], Environment.TickCount64 + 5000, asking: false, CancellationToken.None);
        Assert.Equal(100_000, ((string?)(await reply.Task).Value)!.Length);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Subscribe_PublishedMessage_Arrives(int protocol)
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.Options($",protocol={protocol}"));
        string channel = Key("channel");
        await using var subscription = await cluster.SubscribeAsync(channel);
        await cluster.PublishAsync(channel, "hello");
        await cluster.PublishAsync(channel, "world");
        using var cts = new CancellationTokenSource(Patience);
        Assert.Equal("hello", (string?)(await subscription.Reader.ReadAsync(cts.Token)).Message);
        Assert.Equal("world", (string?)(await subscription.Reader.ReadAsync(cts.Token)).Message);
    }

    [Fact]
    public async Task BLPop_WokenByPush_ReturnsElement()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.Options());
        await using var other = await RedisCluster.ConnectAsync(fixture.Options());
        string key = Key("blpop");
        int port = NodeStats.PortOf(cluster.GetNodeForKey(key)!);
        long blockedBefore = BlockedClients(port);
        var pop = cluster.BLPopAsync(key, Patience).AsTask();
        var deadline = DateTime.UtcNow + Patience;
        while (BlockedClients(port) == blockedBefore && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.False(pop.IsCompleted);
        await other.RPushAsync(key, "pushed");
        Assert.Equal("pushed", (string?)await pop);
    }

    [Fact]
    public async Task PreferReplica_Get_ServedByTheReplicaOverTls()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.Options(",readFrom=preferReplica"));
        string key = Key("replica");
        await cluster.SetAsync(key, "v");
        var shard = cluster.SlotMap.GetShard(RedisCluster.GetSlot(key))!;
        Assert.NotEmpty(shard.Replicas);
        int replica = shard.Replicas[0].Port;
        long before = NodeStats.CommandStat(fixture.Cluster, replica, "get");
        // The replica's connection opens in the background; until then reads go to the primary, and
        // the replica applies the write a moment after its primary acknowledged it.
        var deadline = DateTime.UtcNow + Patience;
        RedisValue value = default;
        while (DateTime.UtcNow < deadline && (NodeStats.CommandStat(fixture.Cluster, replica, "get") == before || (string?)value != "v"))
        {
            value = await cluster.GetAsync(key);
            await Task.Delay(10);
        }
        Assert.Equal("v", (string?)value);
        Assert.True(NodeStats.CommandStat(fixture.Cluster, replica, "get") > before, "the replica served no GET");
    }

    private long BlockedClients(int port)
    {
        string line = fixture.Cluster.RedisCli(port, "INFO", "clients").Split('\n').Single(l => l.StartsWith("blocked_clients:", StringComparison.Ordinal));
        return long.Parse(line["blocked_clients:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.SeedParity;

/// <summary>
/// The seed's fan-out list, server half: PING, ECHO, TIME, LASTSAVE, SAVE, BGSAVE, BGREWRITEAOF,
/// DBSIZE, INFO reach every node (primaries and replicas) and answer by "host:port"; each answer is
/// checked against what that node says through redis-cli.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FanOutServerTests(ClusterFixture fixture)
{
    private LocalCluster Nodes => fixture.Cluster;

    [Fact]
    public async Task PingAsync_EveryNode_Pong()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        AssertPongs(await cluster.PingAsync());
    }

    [Fact]
    public void Ping_EveryNode_Pong()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        AssertPongs(cluster.Ping());
    }

    [Fact]
    public async Task EchoAsync_EveryNode_SameMessageBack()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        AssertEchoes(await cluster.EchoAsync("héllo ✓ fan-out"));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.EchoAsync(RedisValue.Null));
    }

    [Fact]
    public void Echo_EveryNode_SameMessageBack()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        AssertEchoes(cluster.Echo("héllo ✓ fan-out"));
    }

    [Fact]
    public async Task TimeAsync_EveryNode_ItsClock()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        AssertTimes(await cluster.TimeAsync());
    }

    [Fact]
    public void Time_EveryNode_ItsClock()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        AssertTimes(cluster.Time());
    }

    [Fact]
    public async Task LastSaveAsync_EveryNode_MatchesRedisCli()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        AssertLastSaves(await cluster.LastSaveAsync());
    }

    [Fact]
    public void LastSave_EveryNode_MatchesRedisCli()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        AssertLastSaves(cluster.LastSave());
    }

    [Fact]
    public async Task SaveAsync_EveryNode_SavedOnce()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        await AssertSavedOnceAsync(cluster, async () => await cluster.SaveAsync());
    }

    [Fact]
    public async Task Save_EveryNode_SavedOnce()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        await AssertSavedOnceAsync(cluster, () => Task.FromResult(cluster.Save()));
    }

    [Fact]
    public async Task BgSaveAsync_EveryNode_BackgroundSaveCompletes()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        await AssertBackgroundSaveAsync(cluster, async () => await cluster.BgSaveAsync());
    }

    [Fact]
    public async Task BgSave_EveryNode_BackgroundSaveCompletes()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        await AssertBackgroundSaveAsync(cluster, () => Task.FromResult(cluster.BgSave(schedule: true)));
    }

    [Fact]
    public async Task BgRewriteAofAsync_EveryNode_RewriteCompletes()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        await AssertRewriteAsync(async () => await cluster.BgRewriteAofAsync());
    }

    [Fact]
    public async Task BgRewriteAof_EveryNode_RewriteCompletes()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        await AssertRewriteAsync(() => Task.FromResult(cluster.BgRewriteAof()));
    }

    [Fact]
    public async Task DbSizeAsync_EveryNode_MatchesRedisCliAndTotalCountsPrimariesOnly()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        await WriteKeysAsync(cluster, "dbsize");
        var sizes = await cluster.DbSizeAsync();
        long total = await cluster.DbSizeTotalAsync();
        AssertDbSizes(cluster, sizes, total);
        Assert.Equal(ClusterProbe.Primaries(cluster), (await cluster.DbSizeAsync(TargetNodes.Primaries)).Keys.ToHashSet());
    }

    [Fact]
    public async Task DbSize_EveryNode_MatchesRedisCliAndTotalCountsPrimariesOnly()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        await WriteKeysAsync(cluster, "dbsize-sync");
        AssertDbSizes(cluster, cluster.DbSize(), cluster.DbSizeTotal());
    }

    [Fact]
    public async Task InfoAsync_EveryNode_ParsedFieldsAreThatNodes()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        AssertInfo(cluster, await cluster.InfoAsync(), await cluster.InfoAsync("replication"));
        var two = await cluster.InfoAsync("server, keyspace", TargetNodes.Primaries);
        Assert.All(two.Values, i => Assert.Equal(["Server", "Keyspace"], i.Sections.Keys));
    }

    [Fact]
    public void Info_EveryNode_ParsedFieldsAreThatNodes()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes + ",protocol=2");
        AssertInfo(cluster, cluster.Info(), cluster.Info("replication"));
    }

    private void AssertAllNodes<T>(IReadOnlyDictionary<string, T> byNode) =>
        Assert.Equal(ClusterProbe.AllEndPoints(Nodes), byNode.Keys.ToHashSet());

    private void AssertPongs(IReadOnlyDictionary<string, string> pongs)
    {
        AssertAllNodes(pongs);
        Assert.All(pongs.Values, v => Assert.Equal("PONG", v));
    }

    private void AssertEchoes(IReadOnlyDictionary<string, RedisValue> echoes)
    {
        AssertAllNodes(echoes);
        Assert.All(echoes.Values, v => Assert.Equal("héllo ✓ fan-out", (string?)v));
    }

    private void AssertTimes(IReadOnlyDictionary<string, DateTimeOffset> times)
    {
        AssertAllNodes(times);
        foreach (var (endPoint, time) in times)
        {
            // The nodes run on this machine: each clock reads the machine's time, and TIME has microseconds.
            long cliSeconds = long.Parse(Nodes.RedisCli(ClusterProbe.Port(endPoint), "TIME").Split('\n')[0]);
            Assert.InRange(time.ToUnixTimeSeconds(), cliSeconds - 5, cliSeconds);
        }
        Assert.Contains(times.Values, t => t.Ticks % TimeSpan.TicksPerSecond != 0);
    }

    private void AssertLastSaves(IReadOnlyDictionary<string, DateTimeOffset> lastSaves)
    {
        AssertAllNodes(lastSaves);
        foreach (var (endPoint, time) in lastSaves)
            Assert.Equal(long.Parse(Nodes.RedisCli(ClusterProbe.Port(endPoint), "LASTSAVE").Trim()), time.ToUnixTimeSeconds());
    }

    private async Task AssertSavedOnceAsync(RedisCluster cluster, Func<Task<IReadOnlyDictionary<string, bool>>> save)
    {
        ClusterProbe.WaitForPersistenceIdle(Nodes);
        await WriteKeysAsync(cluster, "save");
        var before = ClusterProbe.Counter(Nodes, "persistence", "rdb_saves");
        var saved = await save();
        AssertAllNodes(saved);
        Assert.All(saved.Values, Assert.True);
        var after = ClusterProbe.Counter(Nodes, "persistence", "rdb_saves");
        Assert.All(Nodes.Ports, p => Assert.Equal(before[p] + 1, after[p]));
        Assert.All(ClusterProbe.Counter(Nodes, "persistence", "rdb_changes_since_last_save").Values, changes => Assert.Equal(0, changes));
    }

    private async Task AssertBackgroundSaveAsync(RedisCluster cluster, Func<Task<IReadOnlyDictionary<string, string>>> bgsave)
    {
        ClusterProbe.WaitForPersistenceIdle(Nodes);
        await WriteKeysAsync(cluster, "bgsave");
        var before = ClusterProbe.Counter(Nodes, "persistence", "rdb_saves");
        var started = await bgsave();
        AssertAllNodes(started);
        Assert.All(started.Values, v => Assert.StartsWith("Background saving", v));
        ClusterProbe.WaitForPersistenceIdle(Nodes);
        var after = ClusterProbe.Counter(Nodes, "persistence", "rdb_saves");
        Assert.All(Nodes.Ports, p => Assert.Equal(before[p] + 1, after[p]));
        Assert.All(Nodes.Ports, p => Assert.Equal("ok", ClusterProbe.Info(Nodes, p, "persistence")["rdb_last_bgsave_status"]));
    }

    private async Task AssertRewriteAsync(Func<Task<IReadOnlyDictionary<string, string>>> rewrite)
    {
        ClusterProbe.WaitForPersistenceIdle(Nodes);
        var before = ClusterProbe.Counter(Nodes, "persistence", "aof_rewrites");
        var started = await rewrite();
        AssertAllNodes(started);
        Assert.All(started.Values, v => Assert.Contains("append only file rewriting", v));
        ClusterProbe.WaitForPersistenceIdle(Nodes);
        var after = ClusterProbe.Counter(Nodes, "persistence", "aof_rewrites");
        Assert.All(Nodes.Ports, p => Assert.Equal(before[p] + 1, after[p]));
    }

    private void AssertDbSizes(RedisCluster cluster, IReadOnlyDictionary<string, long> sizes, long total)
    {
        AssertAllNodes(sizes);
        foreach (var (endPoint, size) in sizes)
            Assert.Equal(long.Parse(Nodes.RedisCli(ClusterProbe.Port(endPoint), "DBSIZE").Trim()), size);
        long primaries = ClusterProbe.Primaries(cluster).Sum(p => sizes[p]);
        Assert.Equal(primaries, total);
        Assert.True(total >= 30, $"total {total}");
    }

    private void AssertInfo(RedisCluster cluster, IReadOnlyDictionary<string, RedisInfo> info, IReadOnlyDictionary<string, RedisInfo> replication)
    {
        AssertAllNodes(info);
        foreach (var (endPoint, node) in info)
        {
            Assert.Equal(ClusterProbe.Port(endPoint), node.GetInt64("tcp_port"));
            Assert.StartsWith("7.", node["redis_version"]);
            Assert.True(node.Sections.ContainsKey("Server"));
            Assert.Equal("1", node["cluster_enabled"]);
            Assert.Contains("# Server", node.Text);
        }
        var primaries = ClusterProbe.Primaries(cluster);
        AssertAllNodes(replication);
        foreach (var (endPoint, node) in replication)
        {
            Assert.Equal(primaries.Contains(endPoint) ? "master" : "slave", node["role"]);
            Assert.Null(node["redis_version"]);
        }
    }

    // Keys on every shard, replicated before the test reads the replicas.
    private static async Task WriteKeysAsync(RedisCluster cluster, string name)
    {
        for (int i = 0; i < 30; i++) await cluster.SetAsync($"{name}:{Guid.NewGuid():N}:{i}", "v");
        await ClusterProbe.WaitForReplicasAsync(cluster);
    }
}

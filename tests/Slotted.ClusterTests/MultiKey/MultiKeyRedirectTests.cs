using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.MultiKey;

/// <summary>The emulations' batched sends and exclusive connections follow MOVED and ASK like single commands.</summary>
[Collection("cluster")]
public sealed class MultiKeyRedirectTests(ClusterFixture fixture)
{
    private static int PortOf(string endPoint) => RedisClusterOptions.ParseEndPoint(endPoint).Port;

    private SlotMigration MigrationOf(RedisCluster cluster, RedisKey key)
    {
        int source = PortOf(cluster.GetNodeForKey(key)!);
        int target = cluster.SlotMap.Primaries.Select(p => PortOf(p.EndPoint)).First(p => p != source);
        return new SlotMigration(fixture.Cluster, RedisCluster.GetSlot(key), source, target);
    }

    private static void Restore(SlotMigration migration)
    {
        migration.Finish();
        var back = migration.Reverse();
        back.Begin();
        back.Finish();
    }

    [Fact]
    public async Task MGet_Del_SlotMovedBehindTheClient_FollowMoved()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",topologyRefreshInterval=0");
        var s = ParityKeys.Spread(c, "moved-mget", 4);
        for (int i = 0; i < s.Length; i++) await c.SetAsync(s[i], $"v{i}");
        var migration = MigrationOf(c, s[1]);
        migration.Begin();
        migration.Finish();
        try
        {
            Assert.Equal($"127.0.0.1:{migration.SourcePort}", c.GetNodeForKey(s[1]));
            Assert.Equal(["v0", "v1", "v2", "v3"], (await c.MGetAsync(s)).Select(v => (string?)v));
            Assert.Equal($"127.0.0.1:{migration.TargetPort}", c.GetNodeForKey(s[1]));
            Assert.Equal(4, c.Exists(s));
            Assert.Equal(4, await c.DelAsync(s));
        }
        finally
        {
            Restore(migration);
        }
    }

    [Fact]
    public async Task MGet_KeyOnImportingNode_FollowsAsk_Sync()
    {
        using var c = RedisCluster.Connect(fixture.StartupNodes + ",topologyRefreshInterval=0");
        var s = ParityKeys.Spread(c, "ask-mget", 3);
        for (int i = 0; i < s.Length; i++) c.Set(s[i], $"v{i}");
        var migration = MigrationOf(c, s[2]);
        migration.Begin();
        try
        {
            migration.MigrateKeys(s[2]!);
            Assert.Equal(["v0", "v1", "v2"], c.MGet(s).Select(v => (string?)v));
            Assert.Equal(3, c.Exists(s));
        }
        finally
        {
            Restore(migration);
        }
    }

    [Fact]
    public async Task MGet_KeyOnImportingNode_FollowsAsk_Async()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",topologyRefreshInterval=0");
        var s = ParityKeys.Spread(c, "ask-mget-async", 6);
        for (int i = 0; i < s.Length; i++) await c.SetAsync(s[i], $"v{i}");
        var migration = MigrationOf(c, s[2]);
        migration.Begin();
        try
        {
            migration.MigrateKeys(s[2]!);
            Assert.Equal(["v0", "v1", "v2", "v3", "v4", "v5"], (await c.MGetAsync(s)).Select(v => (string?)v));
            // ASK does not change the map: the slot still belongs to the source until the migration ends.
            Assert.Equal($"127.0.0.1:{migration.SourcePort}", c.GetNodeForKey(s[2]));
        }
        finally
        {
            Restore(migration);
        }
    }

    [Fact]
    public async Task MGet_ConnectionsKilledByTheServer_AnswersFromNewConnections()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "killed-mget", 30);
        for (int i = 0; i < s.Length; i++) await c.SetAsync(s[i], $"v{i}");
        var expected = Enumerable.Range(0, s.Length).Select(i => (string?)$"v{i}").ToArray();
        var primaries = c.SlotMap.Primaries.Select(p => PortOf(p.EndPoint)).ToArray();
        for (int round = 0; round < 10; round++)
        {
            foreach (int port in primaries) fixture.Cluster.RedisCli(port, "CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
            var values = round % 2 == 0 ? await c.MGetAsync(s) : c.MGet(s);
            Assert.Equal(expected, values.Select(v => (string?)v));
        }
    }

    [Fact]
    public async Task MGet_CancelledToken_ThrowsAndTheClientKeepsWorking()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "cancel-mget", 6);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await c.MGetAsync(s, cancelled.Token));
        for (int i = 0; i < s.Length; i++) await c.SetAsync(s[i], $"v{i}");
        Assert.Equal(["v0", "v1", "v2", "v3", "v4", "v5"], (await c.MGetAsync(s)).Select(v => (string?)v));
    }

    [Fact]
    public async Task SUnionStore_DestinationSlotMoved_StoresOnNewOwner()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",topologyRefreshInterval=0");
        var s = ParityKeys.Spread(c, "moved-store", 3);
        await c.ExecuteAsync("SADD", s[0], "a", "b");
        await c.ExecuteAsync("SADD", s[1], "c");
        var migration = MigrationOf(c, s[2]);
        migration.Begin();
        migration.Finish();
        try
        {
            Assert.Equal(3, await c.SUnionStoreAsync(s[2], s[0], s[1]));
            Assert.Equal("3", fixture.Cluster.RedisCli(migration.TargetPort, "SCARD", s[2]!).Trim());
        }
        finally
        {
            Restore(migration);
        }
    }

    [Fact]
    public async Task BRPopLPush_SourceSlotMoved_BlocksOnNewOwner()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",topologyRefreshInterval=0");
        var s = ParityKeys.Spread(c, "moved-brpoplpush", 2);
        var migration = MigrationOf(c, s[0]);
        migration.Begin();
        migration.Finish();
        try
        {
            var waiting = c.BRPopLPushAsync(s[0], s[1], TimeSpan.FromSeconds(10)).AsTask();
            await Task.Delay(300);
            Assert.False(waiting.IsCompleted);
            await c.ExecuteAsync("RPUSH", s[0], "e");
            Assert.Equal("e", (string?)await waiting);
            Assert.Equal("list[e]", await ParityKeys.StateAsync(c, s[1]));
        }
        finally
        {
            Restore(migration);
        }
    }
}

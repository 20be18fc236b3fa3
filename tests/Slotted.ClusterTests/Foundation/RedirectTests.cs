using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.Foundation;

[Collection("cluster")]
public sealed class RedirectTests(ClusterFixture fixture)
{
    private static int PortOf(string endPoint) => RedisClusterOptions.ParseEndPoint(endPoint).Port;

    private (SlotMigration Migration, string Key) Prepare(RedisCluster cluster, string tag)
    {
        string key = $"{{{tag}-{Guid.NewGuid():N}}}";
        int slot = RedisCluster.GetSlot(key);
        int source = PortOf(cluster.GetNodeForKey(key)!);
        int target = cluster.SlotMap.Primaries.Select(p => PortOf(p.EndPoint)).First(p => p != source);
        return (new SlotMigration(fixture.Cluster, slot, source, target), key);
    }

    [Fact]
    public async Task Moved_SlotMovedBehindTheClient_FollowsWithoutError()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",topologyRefreshInterval=0");
        var (migration, key) = Prepare(cluster, "moved");
        await cluster.SetAsync(key, "before");
        migration.Begin();
        migration.Finish();
        try
        {
            // The client's map still names the source, which now answers MOVED.
            Assert.Equal($"127.0.0.1:{migration.SourcePort}", cluster.GetNodeForKey(key));
            Assert.Equal("before", (string?)await cluster.GetAsync(key));
            Assert.Equal($"127.0.0.1:{migration.TargetPort}", cluster.GetNodeForKey(key));
            Assert.True(await cluster.SetAsync(key, "after"));
            Assert.Equal("after", fixture.Cluster.RedisCli(migration.TargetPort, "GET", key).Trim());
        }
        finally
        {
            var back = migration.Reverse();
            back.Begin();
            back.Finish();
        }
    }

    [Fact]
    public async Task Ask_KeyAlreadyOnImportingNode_ReadThroughAskingMapUnchanged()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",topologyRefreshInterval=0");
        var (migration, key) = Prepare(cluster, "ask");
        await cluster.SetAsync(key, "migrated-value");
        migration.Begin();
        try
        {
            migration.MigrateKeys(key);
            Assert.Equal("migrated-value", (string?)await cluster.GetAsync(key));
            Assert.Equal("migrated-value", (string?)cluster.Get(key));
            // A new key in the migrating slot is created on the target through ASK.
            string fresh = key + ":new";
            Assert.True(await cluster.SetAsync(fresh, "fresh"));
            Assert.Equal("fresh", fixture.Cluster.RedisCli(migration.TargetPort, "-c", "GET", fresh).Trim());
            // ASK never changes the slot map.
            Assert.Equal($"127.0.0.1:{migration.SourcePort}", cluster.GetNodeForKey(key));
        }
        finally
        {
            migration.Finish();
            var back = migration.Reverse();
            back.Begin();
            back.Finish();
        }
    }

    [Fact]
    public async Task TryAgain_MultiKeyDuringMigration_RetriedUntilMigrationEnds()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",topologyRefreshInterval=0,commandTimeout=10000");
        var (migration, tag) = Prepare(cluster, "tryagain");
        string a = tag + "a", b = tag + "b";
        await cluster.SetAsync(a, "A");
        await cluster.SetAsync(b, "B");
        migration.Begin();
        try
        {
            migration.MigrateKeys(b);
            // The source holds a but not b: a multi-key command there answers TRYAGAIN until the slot settles.
            var direct = Assert.ThrowsAny<InvalidOperationException>(() => fixture.Cluster.RedisCli(migration.SourcePort, "MGET", a, b));
            Assert.Contains("TRYAGAIN", direct.Message);
            var mget = cluster.ExecuteAsync("MGET", a, b).AsTask();
            await Task.Delay(300);
            Assert.False(mget.IsCompleted);
            migration.Finish();
            var values = (await mget).ToStringArray();
            Assert.Equal(new string?[] { "A", "B" }, values);
        }
        finally
        {
            migration.Finish();
            var back = migration.Reverse();
            back.Begin();
            back.Finish();
        }
    }
}

using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.Batching;

[Collection("cluster")]
public sealed class PipelineRedirectTests(ClusterFixture fixture)
{
    private static int PortOf(string endPoint) => RedisClusterOptions.ParseEndPoint(endPoint).Port;

    private (SlotMigration Migration, string Tag) Prepare(RedisCluster cluster, string name)
    {
        string tag = $"{{{name}-{Guid.NewGuid():N}}}";
        int source = PortOf(cluster.GetNodeForKey(tag)!);
        int target = cluster.SlotMap.Primaries.Select(p => PortOf(p.EndPoint)).First(p => p != source);
        return (new SlotMigration(fixture.Cluster, RedisCluster.GetSlot(tag), source, target), tag);
    }

    private static void MoveBack(SlotMigration migration)
    {
        migration.Finish();
        var back = migration.Reverse();
        back.Begin();
        back.Finish();
    }

    [Fact]
    public async Task ExecuteAsync_SlotMovedBehindTheClient_OnlyThoseCommandsResentEachRunsOnce()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",topologyRefreshInterval=0");
        var (migration, tag) = Prepare(cluster, "pmoved");
        string run = Guid.NewGuid().ToString("N");
        migration.Begin();
        migration.Finish();
        try
        {
            Assert.Equal($"127.0.0.1:{migration.SourcePort}", cluster.GetNodeForKey(tag));
            var p = cluster.CreatePipeline();
            var moved = new List<Task<long>>();
            var others = new List<Task<long>>();
            for (int i = 0; i < 60; i++)
            {
                // Every command is an INCR: one sent twice would count 2.
                if (i % 3 == 0) moved.Add(p.IncrAsync($"{tag}:{i}"));
                else others.Add(p.IncrAsync($"pmoved:{run}:{i}"));
            }
            var results = await p.ExecuteAsync();

            Assert.All(results, r => Assert.Equal(1, r.ToInt64()));
            Assert.All(moved, t => Assert.Equal(1, t.Result));
            Assert.All(others, t => Assert.Equal(1, t.Result));
            Assert.Equal($"127.0.0.1:{migration.TargetPort}", cluster.GetNodeForKey(tag));
            Assert.Equal("1", fixture.Cluster.RedisCli(migration.TargetPort, "GET", $"{tag}:0").Trim());
        }
        finally
        {
            var back = migration.Reverse();
            back.Begin();
            back.Finish();
        }
    }

    [Fact]
    public async Task ExecuteAsync_KeyMigratedMidSlot_FollowsAskAndLeavesTheMapAlone()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",topologyRefreshInterval=0");
        var (migration, tag) = Prepare(cluster, "pask");
        string moved = tag + ":moved", stayed = tag + ":stayed", fresh = tag + ":fresh";
        await cluster.SetAsync(moved, "m");
        await cluster.SetAsync(stayed, "s");
        migration.Begin();
        try
        {
            migration.MigrateKeys(moved);
            var p = cluster.CreatePipeline();
            var getMoved = p.GetAsync(moved);
            var getStayed = p.GetAsync(stayed);
            var setFresh = p.SetAsync(fresh, "f");
            var other = p.ExecuteAsync("ECHO", "other");

            var results = await p.ExecuteAsync();

            Assert.Equal(["m", "s", "OK", "other"], results.Select(r => r.ToString()));
            Assert.Equal("m", (string?)await getMoved);
            Assert.Equal("s", (string?)await getStayed);
            Assert.True(await setFresh);
            Assert.Equal("other", (await other).ToString());
            // A new key in the migrating slot is created on the importing node, through ASK.
            Assert.Equal("f", fixture.Cluster.RedisCli(migration.TargetPort, "-c", "GET", fresh).Trim());
            Assert.Equal($"127.0.0.1:{migration.SourcePort}", cluster.GetNodeForKey(tag));
        }
        finally
        {
            MoveBack(migration);
        }
    }

    [Fact]
    public async Task ExecuteAsync_TryAgainDuringMigration_RetriedUntilTheSlotSettles()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",topologyRefreshInterval=0,commandTimeout=10000");
        var (migration, tag) = Prepare(cluster, "ptry");
        string a = tag + "a", b = tag + "b";
        await cluster.SetAsync(a, "A");
        await cluster.SetAsync(b, "B");
        migration.Begin();
        try
        {
            migration.MigrateKeys(b);
            var p = cluster.CreatePipeline();
            var mget = p.ExecuteAsync("MGET", a, b);
            var echo = p.ExecuteAsync("ECHO", "fine");
            var run = p.ExecuteAsync();
            await Task.Delay(300);
            Assert.False(run.IsCompleted);
            migration.Finish();
            var results = await run;
            Assert.Equal("A,B", string.Join(",", (await mget).ToStringArray()));
            Assert.Equal("fine", results[1].ToString());
        }
        finally
        {
            MoveBack(migration);
        }
    }

    [Fact]
    public async Task ExecuteAsync_ConnectionLostAfterWrite_WriteReportedOutcomeUnknownReadResent()
    {
        string name = "pkill" + Guid.NewGuid().ToString("N")[..12];
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + $",name={name},topologyRefreshInterval=0");
        string tag = $"{{{name}}}";
        string counter = tag + ":counter", readable = tag + ":readable";
        await cluster.SetAsync(readable, "still here");
        int port = PortOf(cluster.GetNodeForKey(tag)!);
        // Writes on the node wait while it is paused, so the INCR is written but not run when its connection is killed.
        fixture.Cluster.RedisCli(port, "CLIENT", "PAUSE", "10000", "WRITE");
        try
        {
            var p = cluster.CreatePipeline();
            var incr = p.IncrAsync(counter);
            var get = p.GetAsync(readable);
            var run = p.ExecuteAsync();
            await Task.Delay(500);
            Assert.False(run.IsCompleted);
            foreach (string line in fixture.Cluster.RedisCli(port, "CLIENT", "LIST").Split('\n'))
            {
                if (!line.Contains($" name={name} ", StringComparison.Ordinal)) continue;
                string addr = line.Split(' ').First(f => f.StartsWith("addr=", StringComparison.Ordinal))["addr=".Length..];
                fixture.Cluster.RedisCli(port, "CLIENT", "KILL", "ADDR", addr);
            }
            fixture.Cluster.RedisCli(port, "CLIENT", "UNPAUSE");

            var results = await run;

            Assert.Equal("CONNECTION", results[0].ErrorPrefix);
            var error = await Assert.ThrowsAsync<RedisConnectionException>(() => incr);
            Assert.True(error.OutcomeUnknown);
            Assert.Equal("still here", results[1].ToString());
            Assert.Equal("still here", (string?)await get);
            // The INCR was never run, and never sent again.
            Assert.True((await cluster.GetAsync(counter)).IsNull);
        }
        finally
        {
            fixture.Cluster.RedisCli(port, "CLIENT", "UNPAUSE");
        }
    }
}

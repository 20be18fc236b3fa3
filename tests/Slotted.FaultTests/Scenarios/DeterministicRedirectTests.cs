using Slotted.ClusterTests.Infrastructure;
using Slotted.FaultTests.Infrastructure;
using Slotted.Topology;

namespace Slotted.FaultTests.Scenarios;

/// <summary>
/// Scenario 4: MOVED, ASK and TRYAGAIN produced on purpose with CLUSTER SETSLOT ... MIGRATING/IMPORTING and MIGRATE,
/// and the client's answer to each checked against the servers' own counters.
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Category", FaultCollection.Category)]
public sealed class DeterministicRedirectTests(FaultClusterFixture fixture, ITestOutputHelper output)
{
    private static RedisClusterOptions Options(string startupNodes) => new()
    {
        StartupNodes = RedisClusterOptions.Parse(startupNodes).StartupNodes,
        TopologyRefreshInterval = TimeSpan.Zero, // only redirects and lost connections may refresh the map
    };

    [Fact]
    public async Task Ask_DuringMigration_AskingOnlyBeforeRedirectedCommandAndMapUnchanged()
    {
        await using RedisCluster cluster = await RedisCluster.ConnectAsync(Options(fixture.StartupNodes));
        ClusterLayout layout = fixture.Layout();
        LayoutNode source = layout.Primaries[0], target = layout.Primaries[1];
        string tag = TestKeys.TagOwnedBy(source, "ask" + Guid.NewGuid().ToString("N")[..6]);
        string moved = tag + "moved", stays = tag + "stays", created = tag + "created";
        await cluster.SetAsync(moved, "m");
        await cluster.SetAsync(stays, "s");
        var migration = new SlotMigration(fixture.Cluster, RedisCluster.GetSlot(tag), source.Port, target.Port);
        try
        {
            migration.Begin();
            migration.MigrateKeys(moved);
            ShardMap mapBefore = cluster.SlotMap;
            int refreshesBefore = cluster.Executor.Topology.RefreshCount;
            long askingOnTarget = ServerStats.Calls(fixture.Cluster, target.Port, "asking");
            long askingOnSource = ServerStats.Calls(fixture.Cluster, source.Port, "asking");
            long asks = ServerStats.Errors(fixture.Cluster, source.Port, "ASK");
            long targetCalls = ServerStats.Calls(fixture.Cluster, target.Port, ["get", "set"]);

            Assert.Equal("m", (string?)await cluster.GetAsync(moved));       // ASK -> ASKING + GET on the target
            Assert.Equal("s", (string?)await cluster.GetAsync(stays));       // served by the source, no redirect
            Assert.True(await cluster.SetAsync(created, "c"));               // a new key goes to the importing node
            Assert.Equal("c", (string?)await cluster.GetAsync(created));     // ASK again: the map still names the source
            for (int i = 0; i < 20; i++) Assert.Equal("s", (string?)await cluster.GetAsync(stays));

            long askReplies = ServerStats.Errors(fixture.Cluster, source.Port, "ASK") - asks;
            long askingSent = ServerStats.Calls(fixture.Cluster, target.Port, "asking") - askingOnTarget;
            long redirectedRun = ServerStats.Calls(fixture.Cluster, target.Port, ["get", "set"]) - targetCalls;
            output.WriteLine($"slot {migration.Slot}: {askReplies} ASK replies from {source.Port}, {askingSent} ASKING on {target.Port}, " +
                $"{redirectedRun} commands run there; map version {mapBefore.Version} -> {cluster.SlotMap.Version}, " +
                $"{cluster.Executor.Topology.RefreshCount - refreshesBefore} refreshes");
            Assert.Equal(3, askReplies);
            Assert.Equal(askReplies, askingSent);                            // one ASKING per redirected command...
            Assert.Equal(askReplies, redirectedRun);                         // ...each followed by that command
            Assert.Equal(askingOnSource, ServerStats.Calls(fixture.Cluster, source.Port, "asking"));
            Assert.Same(mapBefore, cluster.SlotMap);                         // ASK never changes the slot map
            Assert.Equal(refreshesBefore, cluster.Executor.Topology.RefreshCount);
        }
        finally
        {
            migration.Finish();
            migration.Reverse().Begin();
            migration.Reverse().Finish();
            fixture.Restore();
        }
    }

    [Fact]
    public async Task TryAgain_MultiKeyDuringMigration_RetriedUntilMigrationEnds()
    {
        await using RedisCluster cluster = await RedisCluster.ConnectAsync(Options(fixture.StartupNodes));
        ClusterLayout layout = fixture.Layout();
        LayoutNode source = layout.Primaries[0], target = layout.Primaries[1];
        string tag = TestKeys.TagOwnedBy(source, "try" + Guid.NewGuid().ToString("N")[..6]);
        string moved = tag + "a", stays = tag + "b";
        await cluster.SetAsync(moved, "1");
        await cluster.SetAsync(stays, "2");
        var migration = new SlotMigration(fixture.Cluster, RedisCluster.GetSlot(tag), source.Port, target.Port);
        try
        {
            migration.Begin();
            migration.MigrateKeys(moved);
            long tryAgains = ServerStats.Errors(fixture.Cluster, source.Port, "TRYAGAIN");

            // MGET of one key still on the source and one already moved: the source answers TRYAGAIN until the
            // slot is fully migrated; the client backs off and sends it again, and the call succeeds afterwards.
            var watch = System.Diagnostics.Stopwatch.StartNew();
            ValueTask<RedisResult> mget = cluster.ExecuteAsync("MGET", moved, stays);
            Poll.Until(() => ServerStats.Errors(fixture.Cluster, source.Port, "TRYAGAIN") > tryAgains, TimeSpan.FromSeconds(5), "a TRYAGAIN reply");
            migration.Finish();
            RedisResult reply = await mget;
            long seen = ServerStats.Errors(fixture.Cluster, source.Port, "TRYAGAIN") - tryAgains;
            output.WriteLine($"slot {migration.Slot}: {seen} TRYAGAIN replies, MGET answered after {watch.ElapsedMilliseconds} ms");
            Assert.Equal<string?>(["1", "2"], reply.ToStringArray().AsEnumerable());
            Assert.InRange(seen, 1, cluster.Options.MaxRedirects);
        }
        finally
        {
            migration.Finish();
            migration.Reverse().Begin();
            migration.Reverse().Finish();
            fixture.Restore();
        }
    }

    [Fact]
    public async Task Moved_BurstAfterSlotMoved_OneRefresh()
    {
        await using RedisCluster cluster = await RedisCluster.ConnectAsync(Options(fixture.StartupNodes));
        ClusterLayout layout = fixture.Layout();
        LayoutNode source = layout.Primaries[0], target = layout.Primaries[1];
        string tag = TestKeys.TagOwnedBy(source, "mv" + Guid.NewGuid().ToString("N")[..6]);
        string[] keys = [.. Enumerable.Range(0, 200).Select(i => tag + i)];
        foreach (string key in keys) await cluster.SetAsync(key, key);
        var migration = new SlotMigration(fixture.Cluster, RedisCluster.GetSlot(tag), source.Port, target.Port);
        try
        {
            migration.Begin();
            migration.Finish(); // the client's map still names the source
            long movedBefore = ServerStats.Errors(fixture.Cluster, source.Port, "MOVED");
            int refreshesBefore = cluster.Executor.Topology.RefreshCount;

            // Hold the source for a moment so that every GET is sent to it before the first MOVED comes back: the
            // MOVED replies then arrive as one burst.
            fixture.Cluster.StopNode(source.Port);
            Task<RedisValue[]> gets;
            try
            {
                gets = Task.WhenAll(keys.Select(k => cluster.GetAsync(k).AsTask()));
                await Task.Delay(200);
            }
            finally
            {
                fixture.Cluster.ContinueNode(source.Port);
            }

            RedisValue[] values = await gets;
            await Task.Delay(cluster.Options.MinTopologyRefreshInterval * 5); // let a second refresh show, if one were coming

            long moved = ServerStats.Errors(fixture.Cluster, source.Port, "MOVED") - movedBefore;
            int refreshes = cluster.Executor.Topology.RefreshCount - refreshesBefore;
            output.WriteLine($"slot {migration.Slot}: {keys.Length} concurrent GETs, {moved} MOVED replies, {refreshes} refreshes");
            Assert.Equal(keys, values.Select(v => (string?)v));
            Assert.Equal(keys.Length, moved);
            Assert.Equal(1, refreshes);
            Assert.Equal($"127.0.0.1:{target.Port}", cluster.GetNodeForKey(keys[0]));
        }
        finally
        {
            migration.Reverse().Begin();
            migration.Reverse().Finish();
            fixture.Restore();
        }
    }
}

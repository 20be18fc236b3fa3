using Slotted.FaultTests.Infrastructure;

namespace Slotted.FaultTests.Scenarios;

/// <summary>Scenario 3: 1,000 slots resharded to another primary and rebalanced back with redis-cli, under load.</summary>
[Collection(FaultCollection.Name)]
[Trait("Category", FaultCollection.Category)]
public sealed class LiveReshardTests(FaultClusterFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task ReshardAndRebalance_UnderLoad_NoErrorsNoLostWritesListsMatchLog()
    {
        int rounds = Soak.Pick(1, 5);
        int slots = 1000;
        await using RedisCluster cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",commandTimeout=5000");
        var load = ConsistencyLoad.Start(cluster, workers: 6);
        var lists = ListLoad.Start(cluster, workers: 4);
        try
        {
            await load.WaitForProgressAsync(500, TimeSpan.FromSeconds(10));
            for (int round = 0; round < rounds; round++)
            {
                ClusterLayout layout = fixture.Layout();
                LayoutNode from = layout.Primaries[round % layout.Primaries.Count];
                LayoutNode to = layout.Primaries[(round + 1) % layout.Primaries.Count];
                var watch = System.Diagnostics.Stopwatch.StartNew();
                ClusterManager.Reshard(from.Port, from.Id, to.Id, slots);
                TimeSpan reshard = watch.Elapsed;
                fixture.Cluster.WaitForClusterOk(TimeSpan.FromSeconds(30));
                output.WriteLine($"round {round + 1}: {slots} slots {from.Port} -> {to.Port} in {reshard.TotalSeconds:0.0} s; {load.Counts}; {lists.Pushes} pushes");
                watch.Restart();
                ClusterManager.Rebalance(from.Port);
                fixture.Cluster.WaitForClusterOk(TimeSpan.FromSeconds(30));
                output.WriteLine($"round {round + 1}: rebalanced in {watch.Elapsed.TotalSeconds:0.0} s " +
                    $"({string.Join(", ", fixture.Layout().Primaries.Select(p => $"{p.Port}: {p.SlotCount}"))}); {load.Counts}");
            }

            await load.WaitForProgressAsync(500, TimeSpan.FromSeconds(10));
            await lists.StopAsync();
            await load.StopAndVerifyAsync();
            IReadOnlyList<string> mismatches = await lists.CompareAsync();
            output.WriteLine($"final: {load.Counts}; {lists.Pushes} pushes ({lists.Errors} errors), {mismatches.Count} lists differ from the log; " +
                $"{cluster.Executor.Topology.RefreshCount} slot-map refreshes");
            Assert.Equal(0, load.Counts.Errors);
            Assert.Equal(0, lists.Errors);
            Assert.Equal(0, load.Counts.Lost);
            Assert.Equal(0, load.Counts.NotAcknowledged);
            Assert.Equal(0, load.Counts.Duplicated);
            Assert.Empty(mismatches);
        }
        finally
        {
            await lists.DisposeAsync();
            await load.DisposeAsync();
            fixture.Restore();
        }
    }
}

using Slotted.FaultTests.Infrastructure;

namespace Slotted.FaultTests.Scenarios;

/// <summary>Scenario 1: CLUSTER FAILOVER on a replica, repeated, under the consistency test's load.</summary>
[Collection(FaultCollection.Name)]
[Trait("Category", FaultCollection.Category)]
public sealed class ManualFailoverTests(FaultClusterFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task ClusterFailover_RepeatedUnderLoad_NoLostNoUnacknowledgedNoErrors()
    {
        int rounds = Soak.Pick(3, 15);
        await using RedisCluster cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",commandTimeout=5000");
        var load = ConsistencyLoad.Start(cluster, workers: 8);
        try
        {
            await load.WaitForProgressAsync(500, TimeSpan.FromSeconds(10));
            var lastFailover = new Dictionary<string, DateTime>();
            for (int round = 0; round < rounds; round++)
            {
                ClusterLayout layout = fixture.Layout();
                LayoutNode primary = layout.Primaries[round % layout.Primaries.Count];
                LayoutNode replica = layout.ReplicasOf(primary)[0];

                // The other primaries vote for the replacement of a given primary at most once per 2 x node timeout:
                // replacing the same node again sooner gets no votes and the manual failover times out (Redis Cluster
                // specification, "Replica election and promotion"). Wait for that node's voting window.
                if (lastFailover.TryGetValue(primary.Id, out DateTime last))
                {
                    TimeSpan wait = last + 2 * FaultClusterFixture.NodeTimeout + TimeSpan.FromMilliseconds(500) - DateTime.UtcNow;
                    if (wait > TimeSpan.Zero) await Task.Delay(wait);
                }

                fixture.Cluster.RedisCli(replica.Port, "CLUSTER", "FAILOVER");
                TimeSpan took = Poll.Until(
                    () => ClusterLayout.Read(fixture.Cluster, replica.Port).ByPort(replica.Port) is { IsPrimary: true, SlotCount: > 0 },
                    TimeSpan.FromSeconds(20), $"replica {replica.Port} to take over from {primary.Port}");
                lastFailover[primary.Id] = DateTime.UtcNow;
                fixture.Cluster.WaitForClusterOk(TimeSpan.FromSeconds(20));
                output.WriteLine($"round {round + 1}: {replica.Port} replaced {primary.Port} in {took.TotalMilliseconds:0} ms; {load.Counts}");
                await load.WaitForProgressAsync(500, TimeSpan.FromSeconds(10));
                Poll.Until(fixture.Cluster.IsHealthy, TimeSpan.FromSeconds(30), "the old primary to resync as a replica", TimeSpan.FromMilliseconds(200));
            }

            await load.StopAndVerifyAsync();
            output.WriteLine($"final: {load.Counts}");
            Assert.Equal(0, load.Counts.Errors);
            Assert.Equal(0, load.Counts.Lost);
            Assert.Equal(0, load.Counts.NotAcknowledged);
            Assert.Equal(0, load.Counts.Duplicated);
        }
        finally
        {
            await load.DisposeAsync();
            fixture.Restore();
        }
    }
}

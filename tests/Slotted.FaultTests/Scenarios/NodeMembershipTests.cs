using Slotted.FaultTests.Infrastructure;

namespace Slotted.FaultTests.Scenarios;

/// <summary>
/// Scenario 10: a node added (redis-cli --cluster add-node, then given slots with reshard) and removed again
/// (slots moved back, then del-node), under load.
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Category", FaultCollection.Category)]
public sealed class NodeMembershipTests(FaultClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly string[] DataCommands = ["get", "incr", "set"];

    [Fact]
    public async Task AddNodeThenRemoveIt_NewNodeGetsTraffic_RemovedNodeGetsNoneAfterOneRefresh()
    {
        int slots = Soak.Pick(200, 1000);
        await using RedisCluster cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var load = ConsistencyLoad.Start(cluster, workers: 6);
        ExtraNode? extra = null;
        try
        {
            await load.WaitForProgressAsync(500, TimeSpan.FromSeconds(10));
            LayoutNode donor = fixture.Layout().Primaries[0];
            extra = ExtraNode.Start(fixture.Cluster, FaultClusterFixture.NodeTimeout);
            ClusterManager.AddNode(extra.Port, donor.Port);
            Poll.Until(() => fixture.Cluster.Ports.All(p => ClusterLayout.Read(fixture.Cluster, p).Nodes.Any(n => n.Port == extra.Port))
                    && ClusterLayout.Parse(extra.Cli("CLUSTER", "NODES")).Nodes.Count == 7,
                TimeSpan.FromSeconds(20), "every node to know the new one (SETSLOT NODE fails on a node that does not)");
            Poll.Until(() => extra.Cli("CLUSTER", "INFO").Contains("cluster_state:ok", StringComparison.Ordinal),
                TimeSpan.FromSeconds(20), "the new node to see the cluster as ok (it refuses MIGRATE with CLUSTERDOWN before)");
            ClusterManager.Reshard(donor.Port, donor.Id, extra.Id, slots);
            WaitForAgreement(extra);

            long served = CallsOn(extra);
            await load.WaitForProgressAsync(2000, TimeSpan.FromSeconds(10));
            long servedAfter = CallsOn(extra);
            output.WriteLine($"added {extra.Port} with {slots} slots from {donor.Port}; it ran {servedAfter - served} GET/INCR while the load made 2000 steps; {load.Counts}");
            Assert.True(servedAfter > served, "the new node got no traffic");
            Assert.Contains(cluster.SlotMap.Primaries, p => p.Port == extra.Port);

            ClusterManager.Reshard(donor.Port, extra.Id, donor.Id, slots);
            WaitForAgreement(extra);
            ClusterManager.DelNode(donor.Port, extra.Id);
            Poll.Until(() => fixture.Layout().Nodes.All(n => n.Port != extra.Port), TimeSpan.FromSeconds(20), "the cluster to forget the removed node");

            int refreshes = cluster.Executor.Topology.RefreshCount;
            await cluster.RefreshSlotMapAsync();
            long before = CallsOn(extra);
            await load.WaitForProgressAsync(2000, TimeSpan.FromSeconds(10));
            long after = CallsOn(extra);
            output.WriteLine($"removed {extra.Port}; after {cluster.Executor.Topology.RefreshCount - refreshes} refresh(es) it ran {after - before} GET/INCR " +
                $"while the load made 2000 steps; {load.Counts}");
            Assert.DoesNotContain(cluster.SlotMap.Nodes, n => n.Port == extra.Port);
            Assert.Equal(before, after);

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
            extra?.Dispose();
            fixture.Restore();
        }
    }

    // LocalCluster.WaitForClusterOk knows only its six nodes; with a seventh owning slots, check all seven here.
    private void WaitForAgreement(ExtraNode extra) => Poll.Until(() =>
    {
        string? agreed = null;
        foreach (int port in fixture.Cluster.Ports.Append(extra.Port))
        {
            string Cli(params string[] args) => port == extra.Port ? extra.Cli(args) : fixture.Cluster.RedisCli(port, args);
            if (!Cli("CLUSTER", "INFO").Contains("cluster_state:ok", StringComparison.Ordinal)) return false;
            string owners = string.Join("; ", ClusterLayout.Parse(Cli("CLUSTER", "NODES")).Primaries.Select(p => $"{p.Port}: {string.Join(',', p.Slots)}"));
            if ((agreed ??= owners) != owners) return false;
        }

        return true;
    }, TimeSpan.FromSeconds(30), "all seven nodes to agree on the slot owners");

    private static long CallsOn(ExtraNode node)
    {
        string info = node.Cli("INFO", "commandstats");
        long total = 0;
        foreach (string line in info.Split('\n', StringSplitOptions.TrimEntries))
        {
            foreach (string command in DataCommands)
            {
                string prefix = "cmdstat_" + command + ":calls=";
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                    total += long.Parse(line[prefix.Length..line.IndexOf(',', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return total;
    }
}

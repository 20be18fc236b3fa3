namespace Slotted.ClusterTests.Infrastructure;

[Collection(ClusterCollection.Name)]
public sealed class LocalClusterTests(ClusterFixture fixture)
{
    private LocalCluster Cluster => fixture.Cluster;

    [Fact]
    public void IsAlive_EveryNode_True()
    {
        Assert.Equal(LocalCluster.NodeCount, Cluster.Ports.Count);
        foreach (int port in Cluster.Ports)
        {
            Assert.True(Cluster.IsAlive(port), $"node {port} (pid file {Cluster.PidOf(port)}) is not running");
        }
    }

    [Fact]
    public void RedisCli_ClusterInfoOnEveryNode_ReportsStateOkAndAllSlotsOk()
    {
        foreach (int port in Cluster.Ports)
        {
            string[] info = Cluster.RedisCli(port, "CLUSTER", "INFO").Split('\n');
            Assert.Contains("cluster_state:ok", info);
            Assert.Contains("cluster_slots_assigned:16384", info);
            Assert.Contains("cluster_slots_ok:16384", info);
            Assert.Contains("cluster_known_nodes:6", info);
        }
    }

    [Fact]
    public void RedisCli_RoleOnEveryNode_ThreePrimariesAndThreeReplicas()
    {
        int primaries = 0;
        int replicas = 0;
        foreach (int port in Cluster.Ports)
        {
            string role = Cluster.RedisCli(port, "ROLE").Split('\n')[0];
            if (role == "master")
            {
                primaries++;
            }
            else if (role == "slave")
            {
                replicas++;
            }
        }

        Assert.Equal(3, primaries);
        Assert.Equal(3, replicas);
    }

    [Fact]
    public void RedisCli_FollowingRedirects_WritesAndReadsAKey()
    {
        string key = "slotted:smoke:" + Guid.NewGuid().ToString("N");
        Assert.Equal("OK", Cluster.RedisCli(Cluster.BasePort, "-c", "SET", key, "1").Trim());
        Assert.Equal("1", Cluster.RedisCli(Cluster.BasePort + 1, "-c", "GET", key).Trim());
        Cluster.RedisCli(Cluster.BasePort, "-c", "DEL", key);
    }

    [Fact]
    public void StartupNodes_Fixture_ListsAllSixLoopbackNodes()
    {
        string[] nodes = fixture.StartupNodes.Split(',');
        Assert.Equal(LocalCluster.NodeCount, nodes.Length);
        Assert.All(nodes, n => Assert.StartsWith("127.0.0.1:", n, StringComparison.Ordinal));
        Assert.Equal($"127.0.0.1:{Cluster.BasePort}", nodes[0]);
    }

    [Fact]
    public void WaitForClusterOk_HealthyCluster_ReturnsAtOnce()
    {
        Cluster.WaitForClusterOk(TimeSpan.FromSeconds(10));
    }
}

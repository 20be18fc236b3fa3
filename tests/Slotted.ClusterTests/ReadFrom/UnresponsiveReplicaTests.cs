using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.ReadFrom;

/// <summary>A replica that stops answering while its socket stays up (SIGSTOP): reads leave it after the first timeout and come back when it answers again.</summary>
[Collection("cluster")]
public sealed class UnresponsiveReplicaTests(ClusterFixture fixture)
{
    [Fact]
    public async Task PreferReplica_ReplicaPaused_ReadsMoveToThePrimaryAfterOneTimeout_AndReturnWhenItAnswers()
    {
        var local = fixture.Cluster;
        local.WaitForHealthy(TimeSpan.FromSeconds(60));
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",readFrom=preferReplica,commandTimeout=1000");
        string key = $"hung-replica:{Guid.NewGuid():N}";
        await cluster.SetAsync(key, "v");
        var (primary, replica) = await ReadFromReplicaTests.PortsForAsync(cluster, key);
        // Reads reach the replica first (its connection is made in the background on first use).
        var deadline = DateTime.UtcNow.AddSeconds(10);
        long before = NodeStats.CommandStat(local, replica, "get");
        while (NodeStats.CommandStat(local, replica, "get") == before && DateTime.UtcNow < deadline) await cluster.GetAsync(key);
        Assert.True(NodeStats.CommandStat(local, replica, "get") > before, "the replica never served a read");

        local.StopNode(replica);
        try
        {
            // Reads already sent to the paused replica time out (its socket is up; nothing says it hung)…
            int timeouts = 0;
            var answered = new List<string?>();
            var until = DateTime.UtcNow.AddSeconds(3);
            while (DateTime.UtcNow < until)
            {
                try
                {
                    answered.Add((string?)await cluster.GetAsync(key));
                }
                catch (RedisTimeoutException)
                {
                    timeouts++;
                }
            }
            // …but only the first: every later read went to the primary and was answered.
            Assert.Equal(1, timeouts);
            Assert.True(answered.Count > 10, $"only {answered.Count} reads answered in 3 s");
            Assert.All(answered, v => Assert.Equal("v", v));
        }
        finally
        {
            local.ContinueNode(replica);
        }

        // Once it answers again (the late reply to the timed-out read counts), reads go back to it.
        long resumed = NodeStats.CommandStat(local, replica, "get");
        deadline = DateTime.UtcNow.AddSeconds(15);
        while (NodeStats.CommandStat(local, replica, "get") <= resumed + 1 && DateTime.UtcNow < deadline)
        {
            Assert.Equal("v", (string?)await cluster.GetAsync(key));
            await Task.Delay(20);
        }
        Assert.True(NodeStats.CommandStat(local, replica, "get") > resumed + 1, "reads never went back to the replica");
        local.WaitForHealthy(TimeSpan.FromSeconds(60));
    }
}

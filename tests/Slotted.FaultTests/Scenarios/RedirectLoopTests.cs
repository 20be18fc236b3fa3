using Slotted.FaultTests.Infrastructure;

namespace Slotted.FaultTests.Scenarios;

/// <summary>
/// Scenario 5: two nodes that send a command back and forth. The slot's owner is marked MIGRATING to a node that
/// is not IMPORTING it: the owner answers ASK (the key is not there), the other node answers MOVED back to the
/// owner, forever. The client must stop after exactly its redirect budget with a typed error.
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Category", FaultCollection.Category)]
public sealed class RedirectLoopTests(FaultClusterFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [InlineData(5)]
    [InlineData(16)]
    public async Task AskMovedLoop_StopsAfterExactlyTheBudget_WithRedirectLimitException(int maxRedirects)
    {
        var options = new RedisClusterOptions
        {
            StartupNodes = RedisClusterOptions.Parse(fixture.StartupNodes).StartupNodes,
            MaxRedirects = maxRedirects,
            TopologyRefreshInterval = TimeSpan.Zero,
        };
        await using RedisCluster cluster = await RedisCluster.ConnectAsync(options);
        ClusterLayout layout = fixture.Layout();
        LayoutNode owner = layout.Primaries[0], other = layout.Primaries[1];
        string key = TestKeys.TagOwnedBy(owner, "loop" + Guid.NewGuid().ToString("N")[..6]) + "missing";
        int slot = RedisCluster.GetSlot(key);
        try
        {
            fixture.Cluster.RedisCli(owner.Port, "CLUSTER", "SETSLOT", slot.ToString(), "MIGRATING", other.Id);
            long asks = ServerStats.Errors(fixture.Cluster, owner.Port, "ASK");
            long moves = ServerStats.Errors(fixture.Cluster, other.Port, "MOVED");
            int refreshes = cluster.Executor.Topology.RefreshCount;
            var watch = System.Diagnostics.Stopwatch.StartNew();

            var error = await Assert.ThrowsAsync<RedisRedirectLimitException>(async () => await cluster.GetAsync(key));

            long askReplies = ServerStats.Errors(fixture.Cluster, owner.Port, "ASK") - asks;
            long movedReplies = ServerStats.Errors(fixture.Cluster, other.Port, "MOVED") - moves;
            output.WriteLine($"budget {maxRedirects}: {askReplies} ASK + {movedReplies} MOVED replies in {watch.ElapsedMilliseconds} ms, " +
                $"{cluster.Executor.Topology.RefreshCount - refreshes} refreshes; {error.Message}");
            Assert.Equal(slot, error.Slot);
            Assert.Equal(maxRedirects + 1, askReplies + movedReplies); // the first send, then exactly the budget
            Assert.Equal(maxRedirects + 1, error.NodesTried.Count);
            Assert.Equal($"127.0.0.1:{owner.Port}", error.NodesTried[0]);
            Assert.Equal($"127.0.0.1:{other.Port}", error.NodesTried[1]);
        }
        finally
        {
            fixture.Cluster.RedisCli(owner.Port, "CLUSTER", "SETSLOT", slot.ToString(), "STABLE");
            fixture.Restore();
        }
    }
}

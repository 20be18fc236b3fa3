using System.Diagnostics;
using Slotted.ClusterTests.Infrastructure;
using Slotted.Routing;

namespace Slotted.ClusterTests.SeedParity;

/// <summary>
/// What every fan-out shares: which nodes a TargetNodes selects, one typed error naming each failing
/// node with the other nodes' replies kept, and commands sent to all nodes at once.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FanOutBehaviourTests(ClusterFixture fixture)
{
    private LocalCluster Nodes => fixture.Cluster;

    [Fact]
    public async Task TargetNodes_PrimariesReplicasOneNode_SelectExactlyThose()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var primaries = ClusterProbe.Primaries(cluster);
        var replicas = ClusterProbe.AllEndPoints(Nodes).Except(primaries).ToHashSet();
        Assert.Equal(3, primaries.Count);
        Assert.Equal(3, replicas.Count);
        Assert.Equal(primaries, (await cluster.PingAsync(TargetNodes.Primaries)).Keys.ToHashSet());
        Assert.Equal(replicas, (await cluster.PingAsync(TargetNodes.Replicas)).Keys.ToHashSet());
        Assert.Equal(ClusterProbe.AllEndPoints(Nodes), (await cluster.PingAsync(TargetNodes.AllNodes)).Keys.ToHashSet());

        var replica = cluster.SlotMap.Shards[1].Replicas[0];
        Assert.Equal([replica.EndPoint], (await cluster.InfoAsync("server", replica)).Keys);
        Assert.Equal(["127.0.0.1:" + Nodes.BasePort], cluster.Time(TargetNodes.Node(" 127.0.0.1:" + Nodes.BasePort)).Keys);
        Assert.Throws<ArgumentException>(() => TargetNodes.Node("no-port"));
    }

    [Fact]
    public async Task FanOut_UnreachableNode_TypedErrorNamesIt()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",connectTimeout=1000");
        var error = await Assert.ThrowsAsync<RedisFanOutException>(async () => await cluster.PingAsync(TargetNodes.Node("127.0.0.1:1")));
        Assert.IsAssignableFrom<RedisConnectionException>(Assert.Single(error.Errors).Value);
        Assert.Equal("127.0.0.1:1", error.Errors.Keys.Single());
        Assert.Contains("127.0.0.1:1", error.Message);
        Assert.Same(error.Errors.Values.Single(), error.InnerException);
        Assert.Throws<RedisFanOutException>(() => cluster.Ping(TargetNodes.Node("127.0.0.1:1")));
    }

    [Fact]
    public async Task FanOut_OneNodePaused_ErrorNamesItAndKeepsOtherReplies()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",commandTimeout=800");
        await cluster.PingAsync();
        // A replica: pausing it for under a second does not start a failover (cluster-node-timeout is 5 s).
        string paused = cluster.SlotMap.Shards[0].Replicas[0].EndPoint;
        Nodes.StopNode(ClusterProbe.Port(paused));
        RedisFanOutException asyncError, syncError, executeError;
        try
        {
            asyncError = await Assert.ThrowsAsync<RedisFanOutException>(async () => await cluster.EchoAsync("partial"));
            syncError = Assert.Throws<RedisFanOutException>(() => cluster.Echo("partial"));
            executeError = await Assert.ThrowsAsync<RedisFanOutException>(async () => await cluster.ExecuteAsync("SCRIPT", "LOAD", "return 1"));
        }
        finally
        {
            Nodes.ContinueNode(ClusterProbe.Port(paused));
        }
        foreach (var error in new[] { asyncError, syncError, executeError })
        {
            Assert.IsType<RedisTimeoutException>(Assert.Single(error.Errors).Value);
            Assert.Equal(paused, error.Errors.Keys.Single());
            Assert.Equal(ClusterProbe.AllEndPoints(Nodes).Except([paused]).ToHashSet(), error.Replies.Keys.ToHashSet());
        }
        Assert.All(asyncError.Replies.Values, r => Assert.Equal("partial", r.ToString()));
        Assert.Equal("ECHO", asyncError.Command);
        Assert.Equal("SCRIPT LOAD", executeError.Command);
        await WaitUntilAsync(async () => (await cluster.PingAsync()).Count == 6);
    }

    [Fact]
    public async Task FanOut_ServerErrorOnEveryNode_EachNodesErrorTyped()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var error = await Assert.ThrowsAsync<RedisFanOutException>(async () => await cluster.ConfigSetAsync("no-such-parameter", "1"));
        Assert.Equal(ClusterProbe.AllEndPoints(Nodes), error.Errors.Keys.ToHashSet());
        Assert.All(error.Errors, e => Assert.Equal(e.Key, Assert.IsType<RedisServerException>(e.Value).EndPoint));
        Assert.All(error.Errors.Values, e => Assert.Equal("ERR", ((RedisServerException)e).Prefix));
        Assert.Null(error.InnerException);
        Assert.StartsWith("CONFIG SET failed on 6 of 6 nodes", error.Message);
    }

    [Fact]
    public async Task FanOut_SlowNodes_AllSentAtOnceWithinOneCommandTimeout()
    {
        // Six nodes each sleeping 0.6 s answer within one 2.5 s command timeout only when the commands
        // are in flight together; one after another they would need 3.6 s and time out.
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",commandTimeout=2500");
        await cluster.PingAsync();
        var slept = await FanOut.RunAsync(cluster.Executor, TargetNodes.AllNodes, ["DEBUG", "SLEEP", "0.6"], r => r.ToString(), CancellationToken.None);
        Assert.Equal(6, slept.Count);
        var sleptSync = FanOut.Run(cluster.Executor, TargetNodes.AllNodes, ["DEBUG", "SLEEP", "0.6"], r => r.ToString());
        Assert.All(sleptSync.Values, v => Assert.Equal("OK", v));
    }

    [Fact]
    public async Task FanOut_Cancelled_ThrowsOperationCanceled()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        using var cts = new CancellationTokenSource();
        var sleeping = FanOut.RunAsync(cluster.Executor, TargetNodes.Primaries, ["DEBUG", "SLEEP", "0.3"], r => r, cts.Token).AsTask();
        cts.CancelAfter(50);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sleeping);
        Assert.Equal(6, (await cluster.PingAsync()).Count);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await condition()) return;
            }
            catch (RedisException) when (watch.Elapsed < TimeSpan.FromSeconds(10))
            {
            }
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "condition still false after 10 s");
            await Task.Delay(100);
        }
    }
}

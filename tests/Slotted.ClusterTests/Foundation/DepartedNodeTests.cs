using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.Foundation;

/// <summary>Connections to nodes that are not (or no longer) in the slot map are closed when the map is refreshed.</summary>
[Collection("cluster")]
public sealed class DepartedNodeTests(ClusterFixture fixture)
{
    private static string[] KnownEndPoints(Slotted.Routing.ClusterExecutor executor) => [.. executor.Nodes.Select(n => n.EndPoint)];

    [Fact]
    public async Task Refresh_NodeNotInTheMap_IsClosedAndForgotten_MapNodesAndStartupNodesKept()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var executor = cluster.Executor;
        foreach (var node in cluster.SlotMap.Nodes) await executor.ExecuteOnNodeAsync(node.EndPoint, ["PING"], CancellationToken.None);
        // A node the map does not name (a port nothing listens on): the client knows it after a failed call.
        string departed = "127.0.0.1:" + (fixture.Cluster.Ports.Max() + 50);
        await Assert.ThrowsAsync<RedisConnectionException>(async () => await executor.ExecuteOnNodeAsync(departed, ["PING"], CancellationToken.None));
        Assert.Contains(departed, KnownEndPoints(executor));

        await executor.Topology.RefreshAsync();

        Assert.DoesNotContain(departed, KnownEndPoints(executor));
        foreach (var node in cluster.SlotMap.Nodes) Assert.Contains(node.EndPoint, KnownEndPoints(executor));
        foreach (var startup in cluster.Options.StartupNodes) Assert.Contains(startup, KnownEndPoints(executor));
        // Nothing was lost: every node still answers, and the forgotten one is just unknown again.
        foreach (var node in cluster.SlotMap.Nodes) Assert.Equal("PONG", (await executor.ExecuteOnNodeAsync(node.EndPoint, ["PING"], CancellationToken.None)).ToString());
        await Assert.ThrowsAsync<RedisConnectionException>(async () => await executor.ExecuteOnNodeAsync(departed, ["PING"], CancellationToken.None));
    }
}

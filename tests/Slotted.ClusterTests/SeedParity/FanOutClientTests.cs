using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.SeedParity;

/// <summary>
/// The seed's fan-out list, client half: CLIENT LIST, CLIENT GETNAME and CLIENT KILL (with
/// filters) reach every node and answer by "host:port".
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FanOutClientTests(ClusterFixture fixture)
{
    private LocalCluster Nodes => fixture.Cluster;

    [Fact]
    public async Task ClientListAsync_EveryNode_ListsOurConnectionAndFiltersByType()
    {
        string name = "list-" + Guid.NewGuid().ToString("N")[..8];
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",name=" + name);
        AssertListsUs(await cluster.ClientListAsync(), name);
        AssertReplicationLinks(cluster, await cluster.ClientListAsync(ClientType.Replica), await cluster.ClientListAsync(ClientType.Primary));
    }

    [Fact]
    public void ClientList_EveryNode_ListsOurConnectionAndFiltersByType()
    {
        string name = "list-" + Guid.NewGuid().ToString("N")[..8];
        using var cluster = RedisCluster.Connect(fixture.StartupNodes + ",name=" + name + ",protocol=2");
        AssertListsUs(cluster.ClientList(), name);
        AssertReplicationLinks(cluster, cluster.ClientList(ClientType.Replica), cluster.ClientList(ClientType.Primary));
    }

    [Fact]
    public async Task ClientGetNameAsync_EveryNode_OurConnectionName()
    {
        string name = "getname-" + Guid.NewGuid().ToString("N")[..8];
        await using var named = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",name=" + name);
        var names = await named.ClientGetNameAsync();
        AssertAllNodes(names);
        Assert.All(names.Values, n => Assert.Equal(name, n));
        await using var unnamed = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        Assert.All((await unnamed.ClientGetNameAsync()).Values, Assert.Null);
    }

    [Fact]
    public void ClientGetName_EveryNode_OurConnectionName()
    {
        string name = "getname-" + Guid.NewGuid().ToString("N")[..8];
        using var named = RedisCluster.Connect(fixture.StartupNodes + ",name=" + name + ",protocol=2");
        var names = named.ClientGetName();
        AssertAllNodes(names);
        Assert.All(names.Values, n => Assert.Equal(name, n));
    }

    [Fact]
    public async Task ClientKillAsync_ByIdOnOneNodeAndByAddress_KillsOnlyThatConnection()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        await using var victim = await VictimAsync();
        var (endPoint, info) = await FindVictimAsync(cluster, victim);

        var killed = await cluster.ClientKillAsync(new ClientKillFilter { Id = info.Id }, TargetNodes.Node(endPoint));
        Assert.Equal(new Dictionary<string, long> { [endPoint] = 1 }, killed);
        Assert.DoesNotContain((await cluster.ClientListAsync(target: TargetNodes.Node(endPoint)))[endPoint], c => c.Name == VictimName(victim));

        // The victim reconnects on its next command; kill it again by address, asking every node.
        await WaitUntilDisconnectedAsync(victim, endPoint);
        Assert.Equal("PONG", (await victim.PingAsync(TargetNodes.Node(endPoint)))[endPoint]);
        (endPoint, info) = await FindVictimAsync(cluster, victim, endPoint);
        var lists = await cluster.ClientListAsync();
        int holders = lists.Values.Count(l => l.Any(c => c.Address == info.Address));
        var byAddress = await cluster.ClientKillAsync(new ClientKillFilter { Address = info.Address });
        AssertAllNodes(byAddress);
        Assert.Equal(1, byAddress[endPoint]);
        Assert.Equal(holders, byAddress.Values.Sum());
    }

    [Fact]
    public async Task ClientKill_ByIdWithSkipMe_SparesOrKillsTheCaller()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        cluster.Ping();
        string endPoint = cluster.SlotMap.Shards[0].Primary.EndPoint;
        long ownId = cluster.Executor.ExecuteOnNode(endPoint, ["CLIENT", "ID"]).ToInt64();

        Assert.Equal(0, cluster.ClientKill(new ClientKillFilter { Id = ownId, SkipMe = true }, TargetNodes.Node(endPoint))[endPoint]);
        Assert.Equal(0, cluster.ClientKill(new ClientKillFilter { Id = ownId }, TargetNodes.Node(endPoint))[endPoint]);
        Assert.Equal(1, cluster.ClientKill(new ClientKillFilter { Id = ownId, SkipMe = false }, TargetNodes.Node(endPoint))[endPoint]);

        await WaitUntilDisconnectedAsync(cluster, endPoint);
        Assert.Equal("PONG", cluster.Ping(TargetNodes.Node(endPoint))[endPoint]);
        Assert.NotEqual(ownId, cluster.Executor.ExecuteOnNode(endPoint, ["CLIENT", "ID"]).ToInt64());
        Assert.Throws<ArgumentException>(() => cluster.ClientKill(new ClientKillFilter { SkipMe = true }));
        Assert.Throws<ArgumentNullException>(() => cluster.ClientKill(null!));
    }

    [Fact]
    public async Task ClientKill_ByUserAndAddresses_CountsPerNodeAndNamesFailingNodes()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        await using var victim = await VictimAsync();
        // Every node refuses a filter on an unknown ACL user: one error per node, each named.
        string user = "nobody-" + Guid.NewGuid().ToString("N")[..6];
        var refused = Assert.Throws<RedisFanOutException>(() => cluster.ClientKill(new ClientKillFilter { User = user }));
        Assert.Equal("CLIENT KILL", refused.Command);
        Assert.Equal(ClusterProbe.AllEndPoints(Nodes), refused.Errors.Keys.ToHashSet());
        Assert.All(refused.Errors.Values, e => Assert.Contains("No such user", Assert.IsType<RedisServerException>(e).ServerMessage));
        Assert.Empty(refused.Replies);
        Assert.All(Nodes.Ports, p => Assert.Contains("127.0.0.1:" + p, refused.Message));

        var none = cluster.ClientKill(new ClientKillFilter { User = "default", Address = "127.0.0.1:1" });
        AssertAllNodes(none);
        Assert.All(none.Values, n => Assert.Equal(0, n));
        var (endPoint, info) = await FindVictimAsync(cluster, victim);
        var killed = cluster.ClientKill(new ClientKillFilter { Address = info.Address, LocalAddress = info.LocalAddress, Type = ClientType.Normal, User = "default" });
        Assert.Equal(1, killed[endPoint]);
        Assert.Equal(1, killed.Values.Sum());
    }

    private void AssertAllNodes<T>(IReadOnlyDictionary<string, T> byNode) =>
        Assert.Equal(ClusterProbe.AllEndPoints(Nodes), byNode.Keys.ToHashSet());

    private void AssertListsUs(IReadOnlyDictionary<string, IReadOnlyList<ClientInfo>> lists, string name)
    {
        AssertAllNodes(lists);
        foreach (var (endPoint, clients) in lists)
        {
            var us = Assert.Single(clients, c => c.Name == name && c.LastCommand == "client|list");
            Assert.True(us.Id > 0);
            Assert.StartsWith("127.0.0.1:", us.Address);
            Assert.Equal(endPoint, us.LocalAddress);
            Assert.Contains("N", us.Flags);
            Assert.True(us.Age >= TimeSpan.Zero && us.Idle >= TimeSpan.Zero);
            Assert.NotNull(us.Protocol);
        }
    }

    // Each primary serves one replica's link (type replica); each replica holds one link to its primary (type master).
    private void AssertReplicationLinks(RedisCluster cluster, IReadOnlyDictionary<string, IReadOnlyList<ClientInfo>> replicaLinks,
        IReadOnlyDictionary<string, IReadOnlyList<ClientInfo>> primaryLinks)
    {
        var primaries = ClusterProbe.Primaries(cluster);
        AssertAllNodes(replicaLinks);
        foreach (var (endPoint, links) in replicaLinks)
        {
            Assert.Equal(primaries.Contains(endPoint) ? 1 : 0, links.Count);
            Assert.All(links, l => Assert.Contains("S", l.Flags));
        }
        foreach (var (endPoint, links) in primaryLinks)
        {
            Assert.Equal(primaries.Contains(endPoint) ? 0 : 1, links.Count);
            Assert.All(links, l => Assert.Contains("M", l.Flags));
        }
    }

    private async Task<RedisCluster> VictimAsync()
    {
        var victim = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",name=victim-" + Guid.NewGuid().ToString("N")[..8]);
        await victim.PingAsync();
        return victim;
    }

    private static string VictimName(RedisCluster victim) => victim.Options.ClientName!;

    // The victim's shared connection on a primary (or on the given node).
    private static async Task<(string EndPoint, ClientInfo Info)> FindVictimAsync(RedisCluster cluster, RedisCluster victim, string? endPoint = null)
    {
        endPoint ??= cluster.SlotMap.Shards[0].Primary.EndPoint;
        var clients = (await cluster.ClientListAsync(ClientType.Normal, TargetNodes.Node(endPoint)))[endPoint];
        return (endPoint, Assert.Single(clients, c => c.Name == VictimName(victim)));
    }

    private static async Task WaitUntilDisconnectedAsync(RedisCluster client, string endPoint)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (client.Executor.GetNode(endPoint).IsConnected && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.False(client.Executor.GetNode(endPoint).IsConnected);
    }
}

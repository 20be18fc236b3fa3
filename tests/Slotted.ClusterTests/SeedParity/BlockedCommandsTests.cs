using Slotted.ClusterTests.Infrastructure;
using Slotted.Routing;

namespace Slotted.ClusterTests.SeedParity;

/// <summary>
/// The seed's blocked list (plus REPLICAOF, SELECT, SWAPDB): Execute and ExecuteAsync refuse each
/// name with RedisBlockedCommandException saying why and what to use instead, and no node ever
/// sees the command (its commandstats and the nodes' ERR count stay as they were).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BlockedCommandsTests(ClusterFixture fixture)
{
    [Fact]
    public Task ExecuteAsync_Shutdown_Refused() => Refused(false, "SHUTDOWN", "redis-cli", "NOSAVE");

    [Fact]
    public Task Execute_Shutdown_Refused() => Refused(true, "SHUTDOWN", "redis-cli");

    [Fact]
    public Task ExecuteAsync_SlaveOf_Refused() => Refused(false, "SLAVEOF", "CLUSTER REPLICATE", "NO", "ONE");

    [Fact]
    public Task Execute_SlaveOf_Refused() => Refused(true, "SLAVEOF", "CLUSTER REPLICATE", "127.0.0.1", 1);

    [Fact]
    public Task ExecuteAsync_ReplicaOf_Refused() => Refused(false, "REPLICAOF", "CLUSTER REPLICATE", "NO", "ONE");

    [Fact]
    public Task Execute_ReplicaOf_Refused() => Refused(true, "REPLICAOF", "CLUSTER REPLICATE", "127.0.0.1", 1);

    [Fact]
    public Task ExecuteAsync_Move_Refused() => Refused(false, "MOVE", "COPY", "blocked:move", 1);

    [Fact]
    public Task Execute_Move_Refused() => Refused(true, "MOVE", "COPY", "blocked:move", 1);

    [Fact]
    public Task ExecuteAsync_Select_Refused() => Refused(false, "SELECT", "database 0", 1);

    [Fact]
    public Task Execute_Select_Refused() => Refused(true, "SELECT", "database 0", 0);

    [Fact]
    public Task ExecuteAsync_SwapDb_Refused() => Refused(false, "SWAPDB", "database 0", 0, 1);

    [Fact]
    public Task Execute_SwapDb_Refused() => Refused(true, "SWAPDB", "database 0", 0, 1);

    [Fact]
    public Task ExecuteAsync_Sentinel_Refused() => Refused(false, "SENTINEL", "CLUSTER FAILOVER", "MYID");

    [Fact]
    public Task Execute_Sentinel_Refused() => Refused(true, "SENTINEL", "CLUSTER FAILOVER", "INFO-CACHE");

    [Fact]
    public Task ExecuteAsync_SentinelGetMasterAddrByName_Refused() => Refused(false, "SENTINEL", "CLUSTER FAILOVER", "GET-MASTER-ADDR-BY-NAME", "mymaster");

    [Fact]
    public Task Execute_SentinelGetMasterAddrByName_Refused() => Refused(true, "SENTINEL", "CLUSTER FAILOVER", "GET-MASTER-ADDR-BY-NAME", "mymaster");

    [Fact]
    public Task ExecuteAsync_SentinelMaster_Refused() => Refused(false, "SENTINEL", "CLUSTER FAILOVER", "MASTER", "mymaster");

    [Fact]
    public Task Execute_SentinelMaster_Refused() => Refused(true, "SENTINEL", "CLUSTER FAILOVER", "MASTER", "mymaster");

    [Fact]
    public Task ExecuteAsync_SentinelMasters_Refused() => Refused(false, "SENTINEL", "CLUSTER FAILOVER", "MASTERS");

    [Fact]
    public Task Execute_SentinelMasters_Refused() => Refused(true, "SENTINEL", "CLUSTER FAILOVER", "MASTERS");

    [Fact]
    public Task ExecuteAsync_SentinelMonitor_Refused() => Refused(false, "SENTINEL", "CLUSTER FAILOVER", "MONITOR", "mymaster", "127.0.0.1", 1, 2);

    [Fact]
    public Task Execute_SentinelMonitor_Refused() => Refused(true, "SENTINEL", "CLUSTER FAILOVER", "MONITOR", "mymaster", "127.0.0.1", 1, 2);

    [Fact]
    public Task ExecuteAsync_SentinelRemove_Refused() => Refused(false, "SENTINEL", "CLUSTER FAILOVER", "REMOVE", "mymaster");

    [Fact]
    public Task Execute_SentinelRemove_Refused() => Refused(true, "SENTINEL", "CLUSTER FAILOVER", "REMOVE", "mymaster");

    [Fact]
    public Task ExecuteAsync_SentinelSentinels_Refused() => Refused(false, "SENTINEL", "CLUSTER FAILOVER", "SENTINELS", "mymaster");

    [Fact]
    public Task Execute_SentinelSentinels_Refused() => Refused(true, "SENTINEL", "CLUSTER FAILOVER", "SENTINELS", "mymaster");

    [Fact]
    public Task ExecuteAsync_SentinelSet_Refused() => Refused(false, "SENTINEL", "CLUSTER FAILOVER", "SET", "mymaster", "quorum", 1);

    [Fact]
    public Task Execute_SentinelSet_Refused() => Refused(true, "SENTINEL", "CLUSTER FAILOVER", "SET", "mymaster", "quorum", 1);

    [Fact]
    public Task ExecuteAsync_SentinelSlaves_Refused() => Refused(false, "SENTINEL", "CLUSTER FAILOVER", "SLAVES", "mymaster");

    [Fact]
    public Task Execute_SentinelSlaves_Refused() => Refused(true, "SENTINEL", "CLUSTER FAILOVER", "REPLICAS", "mymaster");

    [Fact]
    public Task ExecuteAsync_ClientSetName_Refused() => Refused(false, "CLIENT", "ClientName", "SETNAME", "renamed");

    [Fact]
    public Task Execute_ClientSetName_Refused() => Refused(true, "client", "ClientName", "setname", "renamed");

    [Fact]
    public async Task ExecuteAsync_NameWithSubcommandInOneString_Refused()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var error = await Assert.ThrowsAsync<RedisBlockedCommandException>(async () => await cluster.ExecuteAsync("CLIENT SETNAME", "x"));
        Assert.Equal("CLIENT SETNAME", error.Command);
        Assert.Equal("OK", (await cluster.ExecuteAsync("CLIENT", "NO-EVICT", "off")).ToString()); // other CLIENT subcommands pass
    }

    [Fact]
    public async Task FanOut_BlockedCommand_RefusedBeforeAnyNodeIsAsked()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var before = ServerStats.Take(fixture.Cluster);
        await Assert.ThrowsAsync<RedisBlockedCommandException>(async () =>
            await FanOut.RunAsync(cluster.Executor, TargetNodes.AllNodes, ["SHUTDOWN", "NOSAVE"], r => r, CancellationToken.None));
        Assert.Throws<RedisBlockedCommandException>(() => FanOut.Run(cluster.Executor, TargetNodes.AllNodes, ["replicaof", "no", "one"], r => r));
        var after = ServerStats.Take(fixture.Cluster);
        Assert.Equal(before.Everything("shutdown"), after.Everything("shutdown"));
        Assert.Equal(before.Everything("replicaof"), after.Everything("replicaof"));
        Assert.Equal(6, (await cluster.PingAsync()).Count);
    }

    // Checks the refusal and that nothing reached any node: the command's own counters (calls,
    // rejected and failed calls) and every node's ERR count are unchanged. SENTINEL is unknown to a
    // cluster node, so only the ERR count would move for it.
    private async Task Refused(bool sync, string command, string hint, params RedisValue[] args)
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string stat = command.Equals("CLIENT", StringComparison.OrdinalIgnoreCase) ? "client|setname" : command.ToLowerInvariant();
        var before = ServerStats.Take(fixture.Cluster);
        var error = sync
            ? Assert.Throws<RedisBlockedCommandException>(() => cluster.Execute(command, args))
            : await Assert.ThrowsAsync<RedisBlockedCommandException>(async () => await cluster.ExecuteAsync(command, args));
        var after = ServerStats.Take(fixture.Cluster);

        string name = stat == "client|setname" ? "CLIENT SETNAME" : command.ToUpperInvariant();
        Assert.Equal(name, error.Command);
        Assert.StartsWith(name + " is not allowed on a cluster client: ", error.Message);
        Assert.Contains(hint, error.Message);
        Assert.IsAssignableFrom<RedisException>(error);
        Assert.Equal(before.Everything(stat), after.Everything(stat));
        Assert.Equal(before.Errors("ERR"), after.Errors("ERR"));
        Assert.Equal(6, (await cluster.PingAsync()).Count); // and the cluster is whole
    }
}

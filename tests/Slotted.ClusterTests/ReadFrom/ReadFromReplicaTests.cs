using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.ReadFrom;

[Collection("cluster")]
public sealed class ReadFromReplicaTests(ClusterFixture fixture)
{
    private LocalCluster Local => fixture.Cluster;

    /// <summary>The key's primary and replica ports, once the slot map lists a replica (one restarted by an earlier test may still be rejoining).</summary>
    internal static async Task<(int Primary, int Replica)> PortsForAsync(RedisCluster cluster, string key)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var shard = cluster.SlotMap.GetShard(RedisCluster.GetSlot(key))!;
        while (shard.Replicas.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            await cluster.RefreshSlotMapAsync();
            shard = cluster.SlotMap.GetShard(RedisCluster.GetSlot(key))!;
        }
        Assert.NotEmpty(shard.Replicas);
        return (shard.Primary.Port, shard.Replicas[0].Port);
    }

    private static async Task<RedisValue> ReadUntilAsync(RedisCluster cluster, string key, string expected)
    {
        // A replica applies writes a moment after its primary acknowledged them.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        RedisValue value;
        do value = await cluster.GetAsync(key);
        while ((string?)value != expected && DateTime.UtcNow < deadline);
        return value;
    }

    /// <summary>Reads until the replica serves one: its connection is made in the background on first use, reads meanwhile go to the primary.</summary>
    private async Task UntilReplicaServesAsync(RedisCluster cluster, string key, int replica)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        long start = NodeStats.CommandStat(Local, replica, "get");
        while (NodeStats.CommandStat(Local, replica, "get") == start && DateTime.UtcNow < deadline)
        {
            await cluster.GetAsync(key);
            await Task.Delay(10);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task PreferReplica_Gets_ServedByTheReplica(int protocol)
    {
        string name = $"rf{Guid.NewGuid():N}";
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + $",readFrom=preferReplica,protocol={protocol},name={name}");
        string key = $"rf:{Guid.NewGuid():N}";
        await cluster.SetAsync(key, "v");
        var (primary, replica) = await PortsForAsync(cluster, key);
        await UntilReplicaServesAsync(cluster, key, replica);
        Assert.Equal("v", (string?)await ReadUntilAsync(cluster, key, "v"));
        long replicaBefore = NodeStats.CommandStat(Local, replica, "get");
        long primaryBefore = NodeStats.CommandStat(Local, primary, "get");
        for (int i = 0; i < 200; i++) Assert.Equal("v", (string?)await cluster.GetAsync(key));
        for (int i = 0; i < 50; i++) Assert.Equal("v", (string?)cluster.Get(key));
        Assert.True(NodeStats.CommandStat(Local, replica, "get") - replicaBefore >= 250);
        Assert.Equal(primaryBefore, NodeStats.CommandStat(Local, primary, "get"));
        // The replica serves them because the connection declared READONLY (flag r).
        var clients = NodeStats.Clients(Local, replica, name);
        Assert.NotEmpty(clients);
        Assert.All(clients, c => Assert.Contains('r', c["flags"]));
    }

    [Fact]
    public async Task PreferReplica_NewClient_FirstReadServedByReplica()
    {
        string key = $"rff:{Guid.NewGuid():N}";
        int replica;
        await using (var setup = await RedisCluster.ConnectAsync(fixture.StartupNodes))
            (_, replica) = await PortsForAsync(setup, key);
        // Replica connections are opened while connecting, so the first read can already use one.
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",readFrom=preferReplica");
        long before = NodeStats.CommandStat(Local, replica, "get");
        await cluster.GetAsync(key);
        Assert.Equal(before + 1, NodeStats.CommandStat(Local, replica, "get"));
    }

    [Fact]
    public async Task PreferReplica_Writes_GoStraightToThePrimary()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",readFrom=preferReplica");
        string key = $"rfw:{Guid.NewGuid():N}";
        var (primary, replica) = await PortsForAsync(cluster, key);
        long primarySets = NodeStats.CommandStat(Local, primary, "set");
        long replicaRejected = NodeStats.CommandStat(Local, replica, "set", "rejected_calls");
        long replicaMoved = NodeStats.ErrorStat(Local, replica, "MOVED");
        for (int i = 0; i < 100; i++) Assert.True(await cluster.SetAsync(key, i));
        await cluster.IncrAsync(key + ":n");
        Assert.True(NodeStats.CommandStat(Local, primary, "set") - primarySets >= 100);
        // Had a write gone to the replica, it would have answered MOVED (a rejected call).
        Assert.Equal(replicaRejected, NodeStats.CommandStat(Local, replica, "set", "rejected_calls"));
        Assert.Equal(replicaMoved, NodeStats.ErrorStat(Local, replica, "MOVED"));
    }

    [Fact]
    public async Task Primary_Default_ReplicasServeNoReads()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string key = $"rfp:{Guid.NewGuid():N}";
        await cluster.SetAsync(key, "p");
        var (primary, replica) = await PortsForAsync(cluster, key);
        long replicaBefore = NodeStats.CommandStat(Local, replica, "get");
        long primaryBefore = NodeStats.CommandStat(Local, primary, "get");
        for (int i = 0; i < 100; i++) Assert.Equal("p", (string?)await cluster.GetAsync(key));
        Assert.Equal(replicaBefore, NodeStats.CommandStat(Local, replica, "get"));
        Assert.True(NodeStats.CommandStat(Local, primary, "get") - primaryBefore >= 100);
    }

    [Fact]
    public async Task Any_Gets_SpreadOverPrimaryAndReplica()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",readFrom=any");
        string key = $"rfa:{Guid.NewGuid():N}";
        await cluster.SetAsync(key, "a");
        var (primary, replica) = await PortsForAsync(cluster, key);
        await UntilReplicaServesAsync(cluster, key, replica);
        await ReadUntilAsync(cluster, key, "a");
        long replicaBefore = NodeStats.CommandStat(Local, replica, "get");
        long primaryBefore = NodeStats.CommandStat(Local, primary, "get");
        for (int i = 0; i < 300; i++) await cluster.GetAsync(key);
        Assert.True(NodeStats.CommandStat(Local, replica, "get") - replicaBefore >= 50);
        Assert.True(NodeStats.CommandStat(Local, primary, "get") - primaryBefore >= 50);
    }

    [Fact]
    public async Task PreferReplica_ReadOnlyScriptsAndFunctions_RunOnTheReplica()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",readFrom=preferReplica");
        string key = $"rfs:{Guid.NewGuid():N}";
        await cluster.SetAsync(key, "s");
        var (primary, replica) = await PortsForAsync(cluster, key);
        await UntilReplicaServesAsync(cluster, key, replica);
        await ReadUntilAsync(cluster, key, "s");
        var script = new RedisScript($"-- {Guid.NewGuid():N}\nreturn redis.call('GET', KEYS[1])");
        long RoScripts(int port) => NodeStats.CommandStat(Local, port, "evalsha_ro") + NodeStats.CommandStat(Local, port, "eval_ro");
        long before = RoScripts(replica), primaryBefore = RoScripts(primary);
        // The replica has never seen the script: NOSCRIPT there, then EVAL_RO, still on a replica.
        Assert.Equal("s", (await script.EvaluateReadOnlyAsync(cluster, [key])).ToString());
        Assert.Equal("s", (await script.EvaluateReadOnlyAsync(cluster, [key])).ToString());
        Assert.Equal("s", (await cluster.EvalReadOnlyAsync("return redis.call('GET', KEYS[1])", [key])).ToString());
        long after = RoScripts(replica);
        Assert.True(after - before >= 4, $"replica ran {after - before} read-only scripts");
        Assert.Equal(primaryBefore, RoScripts(primary));
    }

    [Fact]
    public async Task PreferReplica_ReplicaDown_ReadsFallBackToPrimaryThenReturn()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",readFrom=preferReplica");
        string key = $"rfd:{Guid.NewGuid():N}";
        await cluster.SetAsync(key, "d");
        var (primary, replica) = await PortsForAsync(cluster, key);
        Assert.Equal("d", (string?)await ReadUntilAsync(cluster, key, "d"));
        Local.WaitForHealthy(TimeSpan.FromSeconds(30));
        Local.KillNode(replica);
        try
        {
            long primaryBefore = NodeStats.CommandStat(Local, primary, "get");
            for (int i = 0; i < 100; i++) Assert.Equal("d", (string?)await cluster.GetAsync(key));
            for (int i = 0; i < 20; i++) Assert.Equal("d", (string?)cluster.Get(key));
            Assert.True(NodeStats.CommandStat(Local, primary, "get") - primaryBefore >= 120);
        }
        finally
        {
            Local.RestartNode(replica);
            Local.WaitForClusterOk(TimeSpan.FromSeconds(60));
        }
        // Once the replica is back (and synced), reads go to it again.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        long served = 0;
        while (served == 0 && DateTime.UtcNow < deadline)
        {
            await cluster.RefreshSlotMapAsync();
            long before = NodeStats.CommandStat(Local, replica, "get");
            for (int i = 0; i < 10; i++) await cluster.GetAsync(key);
            served = NodeStats.CommandStat(Local, replica, "get") - before;
            if (served == 0) await Task.Delay(200);
        }
        Assert.True(served > 0);
    }

    [Fact]
    public async Task PreferReplica_ReplicaHungBeforeFirstUse_ReadsNeverWaitForIt()
    {
        string key = $"rfh:{Guid.NewGuid():N}";
        int replica;
        string primaries;
        await using (var setup = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",readFrom=preferReplica"))
        {
            await setup.SetAsync(key, "h");
            (_, replica) = await PortsForAsync(setup, key);
            await ReadUntilAsync(setup, key, "h");
            primaries = string.Join(",", setup.SlotMap.Primaries.Select(p => p.EndPoint));
        }
        Local.StopNode(replica);
        try
        {
            // The replica accepts TCP connections (the kernel does) but answers nothing, as a hung
            // node does. Its handshake takes the whole connect timeout, and is tried again after each
            // back-off; reads must never wait for it but go to the primary, within a command timeout
            // shorter than the connect timeout. (The pause stays under the cluster's node timeout.)
            await using var cluster = await RedisCluster.ConnectAsync(primaries + ",readFrom=preferReplica,commandTimeout=500,connectTimeout=2000");
            var until = DateTime.UtcNow.AddSeconds(1);
            int reads = 0;
            while (DateTime.UtcNow < until)
            {
                Assert.Equal("h", (string?)await cluster.GetAsync(key));
                Assert.Equal("h", (string?)cluster.Get(key));
                reads += 2;
                await Task.Delay(5);
            }
            Assert.True(reads > 20);
        }
        finally
        {
            Local.ContinueNode(replica);
        }
    }

    [Fact]
    public async Task PreferReplica_SlotMoved_MovedFromReplicaFollowed()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",readFrom=preferReplica,topologyRefreshInterval=0");
        string key = $"{{rfm-{Guid.NewGuid():N}}}";
        await cluster.SetAsync(key, "m");
        var (source, sourceReplica) = await PortsForAsync(cluster, key);
        await ReadUntilAsync(cluster, key, "m");
        var targetShard = cluster.SlotMap.Shards.First(s => s.Primary.Port != source);
        // Both replicas connected, so the reads below go where the router prefers.
        await UntilReplicaServesAsync(cluster, key, sourceReplica);
        string onTarget = Enumerable.Range(0, 1000).Select(i => $"rfm-warm:{i}").First(k => cluster.GetNodeForKey(k) == targetShard.Primary.EndPoint);
        await UntilReplicaServesAsync(cluster, onTarget, targetShard.Replicas[0].Port);
        var migration = new SlotMigration(Local, RedisCluster.GetSlot(key), source, targetShard.Primary.Port);
        migration.Begin();
        migration.Finish();
        try
        {
            long moved = NodeStats.ErrorStat(Local, sourceReplica, "MOVED");
            // The map still names the old shard: the read goes to its replica, which answers MOVED.
            Assert.Equal($"127.0.0.1:{source}", cluster.GetNodeForKey(key));
            long targetReplicaGets = targetShard.Replicas.Sum(r => NodeStats.CommandStat(Local, r.Port, "get"));
            Assert.Equal("m", (string?)await ReadUntilAsync(cluster, key, "m"));
            Assert.True(NodeStats.ErrorStat(Local, sourceReplica, "MOVED") > moved);
            Assert.Equal($"127.0.0.1:{targetShard.Primary.Port}", cluster.GetNodeForKey(key));
            // ... and the read then went to the new shard's replica, not its primary.
            Assert.True(targetShard.Replicas.Sum(r => NodeStats.CommandStat(Local, r.Port, "get")) > targetReplicaGets);
        }
        finally
        {
            var back = migration.Reverse();
            back.Begin();
            back.Finish();
        }
    }
}

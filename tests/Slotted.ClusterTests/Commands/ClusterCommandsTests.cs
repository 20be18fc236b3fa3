using Slotted.ClusterTests.Infrastructure;
using Slotted.ClusterTests.SeedParity;
using static Slotted.ClusterTests.Commands.CommandTest;

namespace Slotted.ClusterTests.Commands;

/// <summary>
/// Typed CLUSTER commands (INFO, NODES, MYID, KEYSLOT, COUNTKEYSINSLOT, GETKEYSINSLOT, FAILOVER) and the
/// routing of COUNTKEYSINSLOT / GETKEYSINSLOT by their slot argument, through ExecuteAsync and pipelines too.
/// </summary>
[Collection("cluster")]
public sealed class ClusterCommandsTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ClusterInfoAsync_EveryNode_OkWithAllSlots(int protocol)
    {
        await using var cluster = await ConnectAsync(fixture, protocol);
        var infos = await cluster.ClusterInfoAsync(TargetNodes.AllNodes);
        Assert.Equal(ClusterProbe.AllEndPoints(fixture.Cluster), infos.Keys.ToHashSet());
        foreach (var (node, info) in infos)
        {
            Assert.True(info.IsOk, $"{node}: {info.Text}");
            Assert.Equal(16384, info.SlotsAssigned);
            Assert.Equal(16384, info.SlotsOk);
            Assert.Equal(0, info.SlotsFail);
            Assert.Equal(6, info.KnownNodes);
            Assert.Equal(3, info.Size);
            Assert.True(info.CurrentEpoch >= info.MyEpoch);
            Assert.NotNull(info["cluster_stats_messages_sent"]);
        }
    }

    [Fact]
    public async Task ClusterInfo_NoTarget_OnePrimaryAnswers()
    {
        await using var cluster = await ConnectAsync(fixture);
        var primaries = ClusterProbe.Primaries(cluster);
        var one = Assert.Single(cluster.ClusterInfo());
        Assert.Contains(one.Key, primaries);
        Assert.True(one.Value.IsOk);
        var async = Assert.Single(await cluster.ClusterInfoAsync());
        Assert.Contains(async.Key, primaries);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ClusterNodesAsync_EveryNode_MyselfIsThatNodeAndSlotsMatchTheMap(int protocol)
    {
        await using var cluster = await ConnectAsync(fixture, protocol);
        var views = await cluster.ClusterNodesAsync(TargetNodes.AllNodes);
        Assert.Equal(6, views.Count);
        var map = cluster.SlotMap;
        foreach (var (endPoint, view) in views)
        {
            Assert.Equal(6, view.Nodes.Count);
            Assert.Equal(endPoint, view.Myself!.EndPoint);
            Assert.Equal(map.Nodes.Single(n => n.EndPoint == endPoint).Id, view.Myself.Id);
            foreach (var shard in map.Shards)
            {
                var primary = view.Find(shard.Primary.Id)!;
                Assert.True(primary.IsPrimary);
                Assert.Null(primary.PrimaryId);
                Assert.Equal(shard.SlotRanges.Order(), primary.SlotRanges.Order());
                foreach (var replica in shard.Replicas)
                {
                    var line = view.Find(replica.Id)!;
                    Assert.True(line.IsReplica);
                    Assert.Equal(shard.Primary.Id, line.PrimaryId);
                    Assert.Empty(line.SlotRanges);
                }
            }
        }
    }

    [Fact]
    public async Task ClusterNodes_MigrationOpen_BothSidesShowIt()
    {
        await using var cluster = await ConnectAsync(fixture);
        var (a, b) = (cluster.SlotMap.Shards[0].Primary, cluster.SlotMap.Shards[1].Primary);
        int slot = cluster.SlotMap.Shards[0].SlotRanges[0].Start;
        var migration = new SlotMigration(fixture.Cluster, slot, a.Port, b.Port);
        migration.Begin();
        try
        {
            var views = cluster.ClusterNodes(TargetNodes.Primaries);
            Assert.Equal([(slot, b.Id)], views[a.EndPoint].Myself!.MigratingSlots);
            Assert.Empty(views[a.EndPoint].Myself!.ImportingSlots);
            Assert.Equal([(slot, a.Id)], views[b.EndPoint].Myself!.ImportingSlots);
            Assert.Contains(views[a.EndPoint].Myself!.SlotRanges, r => r.Start <= slot && slot <= r.End);
        }
        finally
        {
            fixture.Cluster.RedisCli(b.Port, "CLUSTER", "SETSLOT", slot.ToString(), "STABLE");
            fixture.Cluster.RedisCli(a.Port, "CLUSTER", "SETSLOT", slot.ToString(), "STABLE");
        }
        Assert.Empty((await cluster.ClusterNodesAsync(a))[a.EndPoint].Myself!.MigratingSlots);
    }

    [Fact]
    public async Task ClusterMyIdAsync_EveryNode_IdsOfTheSlotMap()
    {
        await using var cluster = await ConnectAsync(fixture);
        var ids = await cluster.ClusterMyIdAsync();
        Assert.Equal(6, ids.Count);
        foreach (var node in cluster.SlotMap.Nodes) Assert.Equal(node.Id, ids[node.EndPoint]);
        var replica = cluster.SlotMap.Shards[0].Replicas[0];
        Assert.Equal(replica.Id, Assert.Single(cluster.ClusterMyId(replica)).Value);
    }

    [Fact]
    public async Task ClusterKeySlotAsync_Keys_SameAsGetSlot()
    {
        await using var cluster = await ConnectAsync(fixture);
        foreach (string key in new[] { "foo", "{user1000}.following", Key("keyslot"), "x{}y" })
        {
            Assert.Equal(RedisCluster.GetSlot(key), await cluster.ClusterKeySlotAsync(key));
            Assert.Equal(RedisCluster.GetSlot(key), cluster.ClusterKeySlot(key));
        }
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.ClusterKeySlotAsync(""));
    }

    /// <summary>
    /// Three keys in one slot on every primary, in slots that held no key before (so no other test's key,
    /// expiring meanwhile, changes the count); the slot, its owner's port and the keys.
    /// </summary>
    private async Task<List<(int Slot, int OwnerPort, string[] Keys)>> FillOneSlotPerPrimaryAsync(RedisCluster cluster)
    {
        var filled = new List<(int, int, string[])>();
        var owners = new HashSet<string>();
        for (int i = 0; owners.Count < 3 && i < 1000; i++)
        {
            string tag = "{cks:" + Guid.NewGuid().ToString("N")[..8] + "}";
            int slot = RedisCluster.GetSlot(tag);
            string owner = cluster.GetNodeForKey(tag)!;
            if (owners.Contains(owner) || CountOnOwner(ClusterProbe.Port(owner), slot) != 0) continue;
            string[] keys = [$"{tag}:a", $"{tag}:b", $"{tag}:c"];
            foreach (string key in keys) await cluster.SetAsync(key, "v");
            // The owner after the writes: a MOVED (the map may be stale after another test's failover) has updated it.
            owners.Add(owner);
            filled.Add((slot, PortOf(cluster, tag), keys));
        }
        Assert.Equal(3, filled.Count);
        return filled;
    }

    private static HashSet<string> Set(IEnumerable<string?> values) => [.. values.Select(v => v!)];

    private long CountOnOwner(int port, int slot) =>
        long.Parse(fixture.Cluster.RedisCli(port, "CLUSTER", "COUNTKEYSINSLOT", slot.ToString()).Trim());

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ClusterCountAndGetKeysInSlot_SlotOnEveryPrimary_TheOwnersAnswer(int protocol)
    {
        await using var cluster = await ConnectAsync(fixture, protocol);
        foreach (var (slot, port, keys) in await FillOneSlotPerPrimaryAsync(cluster))
        {
            Assert.Equal(3, CountOnOwner(port, slot));
            Assert.Equal(3, await cluster.ClusterCountKeysInSlotAsync(slot));
            Assert.Equal(3, cluster.ClusterCountKeysInSlot(slot));
            Assert.Equal(keys.ToHashSet(), Set((await cluster.ClusterGetKeysInSlotAsync(slot, 1000)).Select(k => k.ToString())));
            Assert.Equal(keys.ToHashSet(), Set(cluster.ClusterGetKeysInSlot(slot, 1000).Select(k => k.ToString())));
            Assert.Subset(keys.ToHashSet(), Set((await cluster.ClusterGetKeysInSlotAsync(slot, 2)).Select(k => k.ToString())));
            Assert.Equal(2, (await cluster.ClusterGetKeysInSlotAsync(slot, 2)).Length);
            Assert.Empty(await cluster.ClusterGetKeysInSlotAsync(slot, 0));
        }
    }

    [Fact]
    public async Task ExecuteAsync_CountKeysInSlot_RoutedToTheSlotsOwner()
    {
        await using var cluster = await ConnectAsync(fixture);
        foreach (var (slot, port, keys) in await FillOneSlotPerPrimaryAsync(cluster))
        {
            Assert.Equal(3, CountOnOwner(port, slot));
            Assert.Equal(3, (await cluster.ExecuteAsync("CLUSTER", "COUNTKEYSINSLOT", slot)).ToInt64());
            Assert.Equal(3, cluster.Execute("cluster", "countkeysinslot", slot.ToString()).ToInt64());
            Assert.Equal(3, (await cluster.ExecuteAsync("CLUSTER COUNTKEYSINSLOT", slot)).ToInt64());
            Assert.Equal(keys.ToHashSet(), Set((await cluster.ExecuteAsync("CLUSTER", "GETKEYSINSLOT", slot, 1000)).ToStringArray()));
        }
    }

    [Fact]
    public async Task Pipeline_CountKeysInSlot_EachEntryRoutedToItsSlotsOwner()
    {
        await using var cluster = await ConnectAsync(fixture);
        var filled = await FillOneSlotPerPrimaryAsync(cluster);
        var pipeline = cluster.CreatePipeline();
        var counts = filled.Select(f => pipeline.ExecuteAsync("CLUSTER", "COUNTKEYSINSLOT", f.Slot)).ToArray();
        var lists = filled.Select(f => pipeline.ExecuteAsync("CLUSTER", "GETKEYSINSLOT", f.Slot, 1000)).ToArray();
        await pipeline.ExecuteAsync();
        for (int i = 0; i < filled.Count; i++)
        {
            Assert.Equal(3, (await counts[i]).ToInt64());
            Assert.Equal(filled[i].Keys.ToHashSet(), Set((await lists[i]).ToStringArray()));
        }
    }

    [Fact]
    public async Task ClusterCountKeysInSlotAsync_ReadFromReplica_ReplicaHoldsTheSameKeys()
    {
        await using var writer = await ConnectAsync(fixture);
        var filled = await FillOneSlotPerPrimaryAsync(writer);
        await ClusterProbe.WaitForReplicasAsync(writer);
        await using var cluster = await ConnectAsync(fixture, extra: ",readFrom=preferReplica");
        foreach (var (slot, _, _) in filled) Assert.Equal(3, await cluster.ClusterCountKeysInSlotAsync(slot));
    }

    [Fact]
    public async Task SlotArgument_Invalid_RefusedBeforeSending()
    {
        await using var cluster = await ConnectAsync(fixture);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.ClusterCountKeysInSlotAsync(16384));
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.ClusterCountKeysInSlot(-1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.ClusterGetKeysInSlotAsync(-1, 10));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.ClusterGetKeysInSlotAsync(0, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.ClusterGetKeysInSlot(16384, 1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.ExecuteAsync("CLUSTER", "COUNTKEYSINSLOT", 16384));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.ExecuteAsync("CLUSTER", "GETKEYSINSLOT", "ten", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.Execute("CLUSTER", "GETKEYSINSLOT", -5, 1));
        var pipeline = cluster.CreatePipeline();
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = pipeline.ExecuteAsync("CLUSTER", "COUNTKEYSINSLOT", 20000); });
        // The server still judges what is not about the slot: a negative count is its error.
        await Assert.ThrowsAsync<RedisServerException>(async () => await cluster.ExecuteAsync("CLUSTER", "GETKEYSINSLOT", 1, -1));
    }

    [Fact]
    public async Task ClusterFailover_NotAReplica_RefusedBeforeSending()
    {
        await using var cluster = await ConnectAsync(fixture);
        string primary = cluster.SlotMap.Shards[0].Primary.EndPoint;
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.ClusterFailoverAsync(primary));
        Assert.Throws<ArgumentException>(() => cluster.ClusterFailover("127.0.0.1:1", ClusterFailoverMode.Force));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.ClusterFailoverAsync(" "));
        Assert.Equal(primary, cluster.SlotMap.Shards[0].Primary.EndPoint);
    }

    [Fact]
    public async Task ClusterFailoverAsync_Replica_PromotedWritesGoThereThenFailsBack()
    {
        fixture.Cluster.WaitForHealthy(TimeSpan.FromSeconds(60)); // replicas in sync, so the failover can complete
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("failover");
        int slot = RedisCluster.GetSlot(key);
        var shard = cluster.SlotMap.GetShard(slot)!;
        string oldPrimary = shard.Primary.EndPoint;
        string replica = shard.Replicas[0].EndPoint;
        try
        {
            await cluster.ClusterFailoverAsync(replica);
            await WaitForPrimaryAsync(cluster, slot, replica);
            await cluster.SetAsync(key, "after-failover");
            // Read on the new primary itself (no redirects followed): the write went there.
            Assert.Equal("after-failover", fixture.Cluster.RedisCli(ClusterProbe.Port(replica), "GET", key).Trim());
            var view = (await cluster.ClusterNodesAsync(TargetNodes.Node(replica)))[replica];
            Assert.True(view.Myself!.IsPrimary);

            // Fail back the same way (synchronous twin), once the old primary has caught up as a replica.
            fixture.Cluster.WaitForHealthy(TimeSpan.FromSeconds(60));
            await cluster.RefreshSlotMapAsync();
            cluster.ClusterFailover(oldPrimary);
            await WaitForPrimaryAsync(cluster, slot, oldPrimary);
            Assert.Equal("after-failover", (string?)await cluster.GetAsync(key));
        }
        finally
        {
            RestorePrimary(ClusterProbe.Port(oldPrimary));
            fixture.Cluster.WaitForHealthy(TimeSpan.FromSeconds(60)); // every node agrees on the roles again
        }
    }

    // Polls the client's slot map (reloaded each round) until `primary` serves the slot, then waits until every node agrees.
    private async Task WaitForPrimaryAsync(RedisCluster cluster, int slot, string primary)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (cluster.SlotMap.GetShard(slot)?.Primary.EndPoint != primary)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{primary} did not become the primary of slot {slot}");
            await Task.Delay(200);
            await cluster.RefreshSlotMapAsync();
        }
        fixture.Cluster.WaitForClusterOk(TimeSpan.FromSeconds(60));
    }

    // Leaves the cluster as the test found it even when the test failed half-way.
    private void RestorePrimary(int port)
    {
        if (fixture.Cluster.RedisCli(port, "ROLE").StartsWith("master", StringComparison.Ordinal)) return;
        fixture.Cluster.WaitForHealthy(TimeSpan.FromSeconds(60));
        fixture.Cluster.RedisCli(port, "CLUSTER", "FAILOVER");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!fixture.Cluster.RedisCli(port, "ROLE").StartsWith("master", StringComparison.Ordinal) && DateTime.UtcNow < deadline) Thread.Sleep(200);
        fixture.Cluster.WaitForClusterOk(TimeSpan.FromSeconds(60));
    }
}

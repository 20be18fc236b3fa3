using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.SeedParity;

/// <summary>
/// The seed's keyspace commands: KEYS merged over the primaries, FLUSHALL / FLUSHDB on the primaries
/// only, RANDOMKEY from a random primary that has keys. The flush tests empty the shared cluster;
/// the other tests in the collection only read keys they wrote themselves.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class KeySpaceTests(ClusterFixture fixture)
{
    private LocalCluster Nodes => fixture.Cluster;

    [Fact]
    public async Task KeysAsync_EveryPrimary_MergedOnceEach()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string prefix = "keys:" + Guid.NewGuid().ToString("N")[..8] + ":";
        var written = await WriteAsync(cluster, prefix, 60);
        var keys = await cluster.KeysAsync(prefix + "*");
        AssertSameKeys(written, keys);
        Assert.Equal(written.Count, CountWithRedisCli(cluster, prefix));
        Assert.Empty(await cluster.KeysAsync("nothing-matches-" + Guid.NewGuid().ToString("N")));
    }

    [Fact]
    public async Task Keys_EveryPrimary_MergedOnceEach()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        string prefix = "keys-sync:" + Guid.NewGuid().ToString("N")[..8] + ":";
        var written = await WriteAsync(cluster, prefix, 60);
        AssertSameKeys(written, cluster.Keys(prefix + "*"));
        Assert.Contains(cluster.Keys(), k => written.Contains(k.ToString()!));
    }

    [Fact]
    public async Task FlushAllAsync_Primaries_EveryKeyGoneReplicasFollow()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        await WriteAsync(cluster, "flushall:", 30);
        var flushed = await cluster.FlushAllAsync();
        await AssertFlushedAsync(cluster, flushed);
        await WriteAsync(cluster, "flushall-async:", 30);
        await AssertFlushedAsync(cluster, await cluster.FlushAllAsync(FlushMode.Async));
    }

    [Fact]
    public async Task FlushAll_Primaries_EveryKeyGoneReplicasFollow()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        await WriteAsync(cluster, "flushall-sync:", 30);
        await AssertFlushedAsync(cluster, cluster.FlushAll(FlushMode.Sync));
    }

    [Fact]
    public async Task FlushDbAsync_Primaries_EveryKeyGoneReplicasFollow()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        await WriteAsync(cluster, "flushdb:", 30);
        await AssertFlushedAsync(cluster, await cluster.FlushDbAsync(FlushMode.Sync));
    }

    [Fact]
    public async Task FlushDb_Primaries_EveryKeyGoneReplicasFollow()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        await WriteAsync(cluster, "flushdb-sync:", 30);
        await AssertFlushedAsync(cluster, cluster.FlushDb(FlushMode.Async));
    }

    [Fact]
    public async Task RandomKeyAsync_OnlyKeyOnOnePrimary_FoundFromAnyStart()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        await cluster.FlushAllAsync(FlushMode.Sync);
        Assert.True((await cluster.RandomKeyAsync()).IsNull);
        string only = "random:" + Guid.NewGuid().ToString("N");
        await cluster.SetAsync(only, "v");
        // Whichever primary is tried first, the one key of the cluster is found.
        for (int i = 0; i < 12; i++) Assert.Equal(only, (await cluster.RandomKeyAsync()).ToString());
        var many = await WriteAsync(cluster, "random-many:", 60);
        many.Add(only);
        var seenOwners = new HashSet<string>();
        for (int i = 0; i < 60; i++)
        {
            string key = (await cluster.RandomKeyAsync()).ToString()!;
            Assert.Contains(key, many);
            seenOwners.Add(cluster.GetNodeForKey(key)!);
        }
        Assert.True(seenOwners.Count >= 2, "60 random keys all came from one primary");
    }

    [Fact]
    public void RandomKey_OnlyKeyOnOnePrimary_FoundFromAnyStart()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        cluster.FlushAll(FlushMode.Sync);
        Assert.True(cluster.RandomKey().IsNull);
        string only = "random-sync:" + Guid.NewGuid().ToString("N");
        cluster.Set(only, "v");
        for (int i = 0; i < 12; i++) Assert.Equal(only, cluster.RandomKey().ToString());
    }

    private static void AssertSameKeys(HashSet<string> written, RedisKey[] keys)
    {
        Assert.Equal(written.Count, keys.Length);
        Assert.Equal(written, keys.Select(k => k.ToString()!).ToHashSet());
    }

    private async Task AssertFlushedAsync(RedisCluster cluster, IReadOnlyDictionary<string, bool> flushed)
    {
        // Sent to the primaries only: a replica would have refused it (READONLY) and failed the call.
        Assert.Equal(ClusterProbe.Primaries(cluster), flushed.Keys.ToHashSet());
        Assert.All(flushed.Values, Assert.True);
        Assert.Equal(0, await cluster.DbSizeTotalAsync());
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while ((await cluster.DbSizeAsync()).Values.Any(n => n != 0))
        {
            Assert.True(DateTime.UtcNow < deadline, "replicas still hold keys 10 s after FLUSHALL");
            await Task.Delay(50);
        }
    }

    private int CountWithRedisCli(RedisCluster cluster, string prefix)
    {
        int count = 0;
        foreach (string primary in ClusterProbe.Primaries(cluster))
            count += Nodes.RedisCli(ClusterProbe.Port(primary), "KEYS", prefix + "*").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        return count;
    }

    // Keys on every shard, replicated so that replicas hold copies (KEYS must not report those twice).
    private static async Task<HashSet<string>> WriteAsync(RedisCluster cluster, string prefix, int count)
    {
        var keys = new HashSet<string>();
        for (int i = 0; i < count; i++)
        {
            string key = prefix + Guid.NewGuid().ToString("N")[..8] + ":" + i;
            await cluster.SetAsync(key, i);
            keys.Add(key);
        }
        await ClusterProbe.WaitForReplicasAsync(cluster);
        return keys;
    }
}

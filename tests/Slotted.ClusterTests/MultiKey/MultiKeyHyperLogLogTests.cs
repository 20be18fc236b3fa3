using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.MultiKey;

[Collection("cluster")]
public sealed class MultiKeyHyperLogLogTests(ClusterFixture fixture)
{
    // k[0]: 0..999, k[1]: 500..2499, k[2]: 2000..2099 plus "x", k[3] missing.
    private static async Task SeedAsync(RedisCluster c, RedisKey[] k)
    {
        Assert.True(await c.PfAddAsync(k[0], [.. Enumerable.Range(0, 1000).Select(i => (RedisValue)$"e{i}")]));
        Assert.True(await c.PfAddAsync(k[1], [.. Enumerable.Range(500, 2000).Select(i => (RedisValue)$"e{i}")]));
        Assert.True(c.PfAdd(k[2], [.. Enumerable.Range(2000, 100).Select(i => (RedisValue)$"e{i}"), "x"]));
    }

    [Fact]
    public async Task PfAdd_SameAsNative_FalseWhenUnchanged()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var k = ParityKeys.Spread(c, "pfadd", 1)[0];
        Assert.True(await c.PfAddAsync(k, "a", "b"));
        Assert.False(await c.PfAddAsync(k, "a"));
        Assert.False(c.PfAdd(k, "b"));
        Assert.Equal(2, await c.PfCountAsync(k));
    }

    [Fact]
    public async Task PfCount_AcrossSlots_CardinalityOfUnionAsNativeOnTag()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "pfcount", 4);
        var t = ParityKeys.Tagged("pfcount", 4);
        await SeedAsync(c, s);
        await SeedAsync(c, t);
        long native = await c.PfCountAsync(t[0], t[1], t[2], t[3]);
        long emulated = await c.PfCountAsync(s[0], s[1], s[2], s[3]);
        Assert.Equal(native, emulated);
        Assert.InRange(emulated, 2450, 2750); // about 2601 distinct elements
        Assert.Equal(c.PfCount(t[3], t[1], t[0]), c.PfCount(s[3], s[1], s[0]));
        Assert.Equal(await c.PfCountAsync(t[3], t[3]), await c.PfCountAsync(s[3], ParityKeys.Spread(c, "pfcount-missing", 1)[0]));
    }

    [Fact]
    public async Task PfCount_AcrossSlots_LeavesNoScratchKeysAndSourcesUnchanged()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "pfcount-clean", 3);
        await SeedAsync(c, s);
        var before = await c.MGetAsync(s[1], s[2]);
        await c.PfCountAsync(s[0], s[1], s[2]);
        Assert.Equal(before.Select(v => Convert.ToBase64String(v.ToByteArray()!)), (await c.MGetAsync(s[1], s[2])).Select(v => Convert.ToBase64String(v.ToByteArray()!)));
        foreach (var port in fixture.Cluster.Ports) Assert.Equal("", fixture.Cluster.RedisCli(port, "KEYS", "*slotted:tmp*").Trim());
    }

    [Fact]
    public async Task PfCount_NotAHyperLogLog_WrongTypeAsNative()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "pfcount-wrong", 3);
        var t = ParityKeys.Tagged("pfcount-wrong", 3);
        foreach (var k in new[] { s, t })
        {
            await c.PfAddAsync(k[0], "a");
            await c.SetAsync(k[1], "not a sketch");
            await c.ExecuteAsync("LPUSH", k[2], "list");
        }
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await c.PfCountAsync(t[0], t[1]));
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await c.PfCountAsync(s[0], s[1]));
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await c.PfCountAsync(t[0], t[2]));
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await c.PfCountAsync(s[0], s[2]));
    }

    [Fact]
    public async Task PfMerge_AcrossSlots_AsNativeOnTag()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "pfmerge", 5);
        var t = ParityKeys.Tagged("pfmerge", 5);
        await SeedAsync(c, s);
        await SeedAsync(c, t);
        foreach (var k in new[] { s, t }) await c.PfAddAsync(k[4], "own1", "own2");
        await c.PfMergeAsync(t[4], t[0], t[1], t[2], t[3]);
        await c.PfMergeAsync(s[4], s[0], s[1], s[2], s[3]);
        Assert.Equal(await c.PfCountAsync(t[4]), await c.PfCountAsync(s[4]));
        Assert.Equal(await c.PfCountAsync(t[0], t[1], t[2], t[4]), await c.PfCountAsync(s[0], s[1], s[2], s[4]));
        var fresh = ParityKeys.Spread(c, "pfmerge-new", 1)[0];
        c.PfMerge(fresh, s[2], s[0]);
        Assert.Equal(c.PfCount(t[2], t[0]), c.PfCount(fresh));
        var empty = ParityKeys.Spread(c, "pfmerge-none", 1)[0];
        await c.PfMergeAsync(empty);
        Assert.Equal("string", (await c.TypeAsync(empty)).ToString());
        Assert.Equal(0, await c.PfCountAsync(empty));
    }
}

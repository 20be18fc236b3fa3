using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.MultiKey;

[Collection("cluster")]
public sealed class MultiKeySetsTests(ClusterFixture fixture)
{
    // k[0..3] sets, k[4] missing, k[5] destination holding a string with a TTL.
    private static async Task SeedAsync(RedisCluster c, RedisKey[] k)
    {
        await c.ExecuteAsync("SADD", k[0], "a", "b", "c", "d", "e", "1", "2");
        await c.ExecuteAsync("SADD", k[1], "b", "c", "d", "x", "1");
        await c.ExecuteAsync("SADD", k[2], "c", "d", "y", "1", "z");
        await c.ExecuteAsync("SADD", k[3], "d", "e", "1");
        await c.SetAsync(k[5], "old", expiry: TimeSpan.FromSeconds(100));
    }

    private async Task<(RedisCluster C, RedisKey[] S, RedisKey[] T)> SetUpAsync(string name)
    {
        var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, name, 6);
        var t = ParityKeys.Tagged(name, 6);
        await SeedAsync(c, s);
        await SeedAsync(c, t);
        return (c, s, t);
    }

    [Fact]
    public async Task SDiff_AcrossSlots_AsNativeOnTag()
    {
        var (c, s, t) = await SetUpAsync("sdiff");
        await using var _ = c;
        Assert.Equal(ParityKeys.Sorted(await c.SDiffAsync(t[0], t[1], t[2])), ParityKeys.Sorted(await c.SDiffAsync(s[0], s[1], s[2])));
        Assert.Equal(["2", "a", "e"], ParityKeys.Sorted(await c.SDiffAsync(s[0], s[1], s[2])));
        Assert.Equal(ParityKeys.Sorted(c.SDiff(t[0], t[4], t[0])), ParityKeys.Sorted(c.SDiff(s[0], s[4], s[0])));
        Assert.Equal(ParityKeys.Sorted(await c.SDiffAsync(t[4], t[0])), ParityKeys.Sorted(await c.SDiffAsync(s[4], s[0])));
    }

    [Fact]
    public async Task SInter_AcrossSlots_AsNativeOnTag()
    {
        var (c, s, t) = await SetUpAsync("sinter");
        await using var _ = c;
        Assert.Equal(ParityKeys.Sorted(await c.SInterAsync(t[0], t[1], t[2], t[3])), ParityKeys.Sorted(await c.SInterAsync(s[0], s[1], s[2], s[3])));
        Assert.Equal(["1", "d"], ParityKeys.Sorted(c.SInter(s[0], s[1], s[2], s[3])));
        Assert.Empty(await c.SInterAsync(s[0], s[4]));
        Assert.Empty(await c.SInterAsync(t[0], t[4]));
    }

    [Fact]
    public async Task SUnion_AcrossSlots_AsNativeOnTag()
    {
        var (c, s, t) = await SetUpAsync("sunion");
        await using var _ = c;
        Assert.Equal(ParityKeys.Sorted(await c.SUnionAsync(t[0], t[1], t[2], t[4])), ParityKeys.Sorted(await c.SUnionAsync(s[0], s[1], s[2], s[4])));
        Assert.Equal(ParityKeys.Sorted(c.SUnion(t[3], t[2])), ParityKeys.Sorted(c.SUnion(s[3], s[2])));
    }

    [Fact]
    public async Task SDiffStore_AcrossSlots_ReplacesDestinationAsNativeOnTag()
    {
        var (c, s, t) = await SetUpAsync("sdiffstore");
        await using var _ = c;
        Assert.Equal(await c.SDiffStoreAsync(t[5], t[0], t[1], t[3]), await c.SDiffStoreAsync(s[5], s[0], s[1], s[3]));
        Assert.Equal(await ParityKeys.StateAsync(c, t[5]), await ParityKeys.StateAsync(c, s[5]));
        Assert.Equal("set[2,a]", await ParityKeys.StateAsync(c, s[5]));
        Assert.Equal(c.SDiffStore(t[5], t[3], t[0]), c.SDiffStore(s[5], s[3], s[0]));
        Assert.Equal(await ParityKeys.StateAsync(c, t[5]), await ParityKeys.StateAsync(c, s[5]));
        Assert.Equal("none[]", await ParityKeys.StateAsync(c, s[5]));
    }

    [Fact]
    public async Task SInterStore_AcrossSlots_ReplacesDestinationAsNativeOnTag()
    {
        var (c, s, t) = await SetUpAsync("sinterstore");
        await using var _ = c;
        Assert.Equal(await c.SInterStoreAsync(t[5], t[0], t[1], t[2]), await c.SInterStoreAsync(s[5], s[0], s[1], s[2]));
        Assert.Equal(await ParityKeys.StateAsync(c, t[5]), await ParityKeys.StateAsync(c, s[5]));
        Assert.Equal("set[1,c,d]", await ParityKeys.StateAsync(c, s[5]));
        // The destination may also be a source.
        Assert.Equal(c.SInterStore(t[0], t[0], t[3]), c.SInterStore(s[0], s[0], s[3]));
        Assert.Equal(await ParityKeys.StateAsync(c, t[0]), await ParityKeys.StateAsync(c, s[0]));
    }

    [Fact]
    public async Task SUnionStore_AcrossSlots_ReplacesDestinationAsNativeOnTag()
    {
        var (c, s, t) = await SetUpAsync("sunionstore");
        await using var _ = c;
        Assert.Equal(await c.SUnionStoreAsync(t[5], t[1], t[2], t[4]), await c.SUnionStoreAsync(s[5], s[1], s[2], s[4]));
        Assert.Equal(await ParityKeys.StateAsync(c, t[5]), await ParityKeys.StateAsync(c, s[5]));
        Assert.Equal(c.SUnionStore(t[5], t[4]), c.SUnionStore(s[5], s[4]));
        Assert.Equal("none[]", await ParityKeys.StateAsync(c, s[5]));
    }

    [Fact]
    public async Task SUnionStore_LargeResult_WrittenInChunksAsNativeOnTag()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "sunionstore-large", 3);
        var t = ParityKeys.Tagged("sunionstore-large", 3);
        foreach (var k in new[] { s, t })
        {
            await c.ExecuteAsync("SADD", [k[0], .. Enumerable.Range(0, 3000).Select(i => (RedisValue)$"m{i}")]);
            await c.ExecuteAsync("SADD", [k[1], .. Enumerable.Range(2500, 1000).Select(i => (RedisValue)$"m{i}")]);
        }
        Assert.Equal(await c.SUnionStoreAsync(t[2], t[0], t[1]), await c.SUnionStoreAsync(s[2], s[0], s[1]));
        Assert.Equal(3500, (long)await c.ExecuteAsync("SCARD", s[2]));
        Assert.Equal(await ParityKeys.StateAsync(c, t[2]), await ParityKeys.StateAsync(c, s[2]));
    }

    [Fact]
    public async Task SInter_KeyNotASet_WrongTypeAsNative()
    {
        var (c, s, t) = await SetUpAsync("sinter-wrong");
        await using var _ = c;
        // k[5] holds a string; with a missing key first, the server still checks every type.
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await c.SInterAsync(t[4], t[0], t[5]));
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await c.SInterAsync(s[4], s[0], s[5]));
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await c.SDiffStoreAsync(s[4], s[0], s[5]));
        Assert.False(await c.ExistsAsync(s[4]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(10)]
    public async Task SInterCard_AcrossSlots_AsNativeOnTag(long limit)
    {
        var (c, s, t) = await SetUpAsync("sintercard");
        await using var _ = c;
        Assert.Equal(await c.SInterCardAsync([t[0], t[1], t[2]], limit), await c.SInterCardAsync([s[0], s[1], s[2]], limit));
        Assert.Equal(c.SInterCard([t[0], t[4]], limit), c.SInterCard([s[0], s[4]], limit));
    }

    [Fact]
    public async Task SMove_AcrossSlots_AsNativeOnTag()
    {
        var (c, s, t) = await SetUpAsync("smove");
        await using var _ = c;
        Assert.Equal(await c.SMoveAsync(t[0], t[1], "a"), await c.SMoveAsync(s[0], s[1], "a"));
        Assert.Equal(await c.SMoveAsync(t[0], t[1], "a"), await c.SMoveAsync(s[0], s[1], "a"));
        Assert.Equal(c.SMove(t[0], t[4], "b"), c.SMove(s[0], s[4], "b"));
        for (int i = 0; i < 6; i++) Assert.Equal(await ParityKeys.StateAsync(c, t[i]), await ParityKeys.StateAsync(c, s[i]));
        Assert.Equal("set[b]", await ParityKeys.StateAsync(c, s[4]));
    }

    [Fact]
    public async Task SMove_WrongTypes_AsNative()
    {
        var (c, s, t) = await SetUpAsync("smove-wrong");
        await using var _ = c;
        var missing = ParityKeys.Spread(c, "smove-missing", 1)[0];
        // Destination not a set: WRONGTYPE, nothing removed.
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await c.SMoveAsync(t[0], t[5], "a"));
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await c.SMoveAsync(s[0], s[5], "a"));
        Assert.Equal(await ParityKeys.StateAsync(c, t[0]), await ParityKeys.StateAsync(c, s[0]));
        // Missing source: false, whatever the destination holds.
        Assert.Equal(await c.SMoveAsync(t[4], t[5], "a"), await c.SMoveAsync(missing, s[5], "a"));
        // Source not a set.
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await c.SMoveAsync(t[5], t[0], "a"));
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await c.SMoveAsync(s[5], s[0], "a"));
    }
}

using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.MultiKey;

[Collection("cluster")]
public sealed class MultiKeySortedSetsTests(ClusterFixture fixture)
{
    // k[0..2] sorted sets (with fractions, equal scores and infinities), k[3] a plain set, k[4] missing, k[5] destination (a list with a TTL).
    private static async Task SeedAsync(RedisCluster c, RedisKey[] k)
    {
        await c.ExecuteAsync("ZADD", k[0], 1, "a", 2.5, "b", 3, "c", "-inf", "m", 0.1, "d", 7, "e");
        await c.ExecuteAsync("ZADD", k[1], 10, "b", 0.2, "c", "+inf", "m", 1, "x", 0.1, "d");
        await c.ExecuteAsync("ZADD", k[2], 4, "c", 5, "b", 6, "y", "inf", "m", -3, "d");
        await c.ExecuteAsync("SADD", k[3], "b", "c", "d", "z");
        await c.ExecuteAsync("RPUSH", k[5], "old");
        await c.ExecuteAsync("PEXPIRE", k[5], 100_000);
    }

    private async Task<(RedisCluster C, RedisKey[] S, RedisKey[] T)> SetUpAsync(string name, string options = "")
    {
        var c = await RedisCluster.ConnectAsync(fixture.StartupNodes + options);
        var s = ParityKeys.Spread(c, name, 6);
        var t = ParityKeys.Tagged(name, 6);
        await SeedAsync(c, s);
        await SeedAsync(c, t);
        return (c, s, t);
    }

    public static TheoryData<double[]?, Aggregate> Combinations() => new()
    {
        { null, Aggregate.Sum },
        { null, Aggregate.Min },
        { null, Aggregate.Max },
        { [2, 0.5, -1, 3], Aggregate.Sum },
        { [0, 1, 1, 1], Aggregate.Sum },
        { [1, 0, 2, 0.25], Aggregate.Max },
        { [-1, 1, 0, 1], Aggregate.Min },
    };

    private static string[] Show(IEnumerable<SortedSetEntry> entries) =>
        entries.Select(e => $"{ParityKeys.Show(e.Member)}={e.Score.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}").ToArray();

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task ZUnionStore_AcrossSlots_AsNativeOnTag(double[]? weights, Aggregate aggregate)
    {
        var (c, s, t) = await SetUpAsync("zunionstore");
        await using var _ = c;
        RedisKey[] Src(RedisKey[] k) => [k[0], k[1], k[2], k[3]];
        Assert.Equal(await c.ZUnionStoreAsync(t[5], Src(t), weights, aggregate), await c.ZUnionStoreAsync(s[5], Src(s), weights, aggregate));
        Assert.Equal(await ParityKeys.StateAsync(c, t[5]), await ParityKeys.StateAsync(c, s[5]));
        Assert.StartsWith("zset[", await ParityKeys.StateAsync(c, s[5]));
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task ZInterStore_AcrossSlots_AsNativeOnTag(double[]? weights, Aggregate aggregate)
    {
        var (c, s, t) = await SetUpAsync("zinterstore");
        await using var _ = c;
        RedisKey[] Src(RedisKey[] k) => [k[2], k[0], k[3], k[1]];
        Assert.Equal(await c.ZInterStoreAsync(t[5], Src(t), weights, aggregate), await c.ZInterStoreAsync(s[5], Src(s), weights, aggregate));
        Assert.Equal(await ParityKeys.StateAsync(c, t[5]), await ParityKeys.StateAsync(c, s[5]));
        Assert.Equal(c.ZInterStore(t[5], [t[0], t[4]]), c.ZInterStore(s[5], [s[0], s[4]]));
        Assert.Equal("none[]", await ParityKeys.StateAsync(c, s[5]));
    }

    [Fact]
    public async Task ZUnionStore_InfinitiesMeet_OrderOfInputsAsNative()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "zunionstore-inf", 3);
        var t = ParityKeys.Tagged("zunionstore-inf", 3);
        foreach (var k in new[] { s, t })
        {
            await c.ExecuteAsync("ZADD", k[0], "-inf", "m", 1, "x", 2, "y");
            await c.ExecuteAsync("ZADD", k[1], "inf", "m");
        }
        Assert.Equal(await c.ZUnionStoreAsync(t[2], [t[0], t[1], t[1]]), await c.ZUnionStoreAsync(s[2], [s[0], s[1], s[1]]));
        Assert.Equal(await ParityKeys.StateAsync(c, t[2]), await ParityKeys.StateAsync(c, s[2]));
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task ZUnion_ZInter_AcrossSlots_AsNativeOnTag(double[]? weights, Aggregate aggregate)
    {
        var (c, s, t) = await SetUpAsync("zunion");
        await using var _ = c;
        RedisKey[] Src(RedisKey[] k) => [k[0], k[1], k[3], k[2]];
        Assert.Equal(Show(await c.ZUnionWithScoresAsync(Src(t), weights, aggregate)), Show(await c.ZUnionWithScoresAsync(Src(s), weights, aggregate)));
        Assert.Equal((await c.ZUnionAsync(Src(t), weights, aggregate)).Select(ParityKeys.Show), (await c.ZUnionAsync(Src(s), weights, aggregate)).Select(ParityKeys.Show));
        Assert.Equal(Show(await c.ZInterWithScoresAsync(Src(t), weights, aggregate)), Show(await c.ZInterWithScoresAsync(Src(s), weights, aggregate)));
        Assert.Equal(c.ZInter(Src(t), weights, aggregate).Select(ParityKeys.Show), c.ZInter(Src(s), weights, aggregate).Select(ParityKeys.Show));
    }

    [Fact]
    public async Task ZUnion_ZInter_ZDiff_Resp2_AsNativeOnTag()
    {
        var (c, s, t) = await SetUpAsync("zunion-resp2", ",protocol=2");
        await using var _ = c;
        Assert.Equal(Show(await c.ZUnionWithScoresAsync([t[0], t[1]])), Show(await c.ZUnionWithScoresAsync([s[0], s[1]])));
        Assert.Equal(Show(c.ZInterWithScores([t[0], t[2]], [1, 2], Aggregate.Max)), Show(c.ZInterWithScores([s[0], s[2]], [1, 2], Aggregate.Max)));
        Assert.Equal(Show(await c.ZDiffWithScoresAsync([t[0], t[3]])), Show(await c.ZDiffWithScoresAsync([s[0], s[3]])));
        Assert.Equal(await c.ZUnionStoreAsync(t[5], [t[0], t[1]]), await c.ZUnionStoreAsync(s[5], [s[0], s[1]]));
        Assert.Equal(await ParityKeys.StateAsync(c, t[5]), await ParityKeys.StateAsync(c, s[5]));
    }

    [Fact]
    public async Task ZDiff_AcrossSlots_AsNativeOnTag()
    {
        var (c, s, t) = await SetUpAsync("zdiff");
        await using var _ = c;
        Assert.Equal(Show(await c.ZDiffWithScoresAsync([t[0], t[1], t[4]])), Show(await c.ZDiffWithScoresAsync([s[0], s[1], s[4]])));
        Assert.Equal((await c.ZDiffAsync([t[0], t[3]])).Select(ParityKeys.Show), (await c.ZDiffAsync([s[0], s[3]])).Select(ParityKeys.Show));
        Assert.Equal(c.ZDiff([t[3], t[0]]).Select(ParityKeys.Show), c.ZDiff([s[3], s[0]]).Select(ParityKeys.Show));
        Assert.Equal(Show(c.ZDiffWithScores([t[4], t[0]])), Show(c.ZDiffWithScores([s[4], s[0]])));
    }

    [Fact]
    public async Task ZDiffStore_AcrossSlots_AsNativeOnTag()
    {
        var (c, s, t) = await SetUpAsync("zdiffstore");
        await using var _ = c;
        Assert.Equal(await c.ZDiffStoreAsync(t[5], [t[0], t[2]]), await c.ZDiffStoreAsync(s[5], [s[0], s[2]]));
        Assert.Equal(await ParityKeys.StateAsync(c, t[5]), await ParityKeys.StateAsync(c, s[5]));
        Assert.Equal(c.ZDiffStore(t[5], [t[3], t[0], t[1], t[2]]), c.ZDiffStore(s[5], [s[3], s[0], s[1], s[2]]));
        Assert.Equal(await ParityKeys.StateAsync(c, t[5]), await ParityKeys.StateAsync(c, s[5]));
    }

    [Fact]
    public async Task ZUnionStore_InputNotASortedSet_WrongTypeAsNative()
    {
        var (c, s, t) = await SetUpAsync("zunionstore-wrong");
        await using var _ = c;
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await c.ZUnionStoreAsync(t[4], [t[0], t[5]]));
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await c.ZUnionStoreAsync(s[4], [s[0], s[5]]));
        Assert.False(await c.ExistsAsync(s[4]));
        Assert.Throws<ArgumentException>(() => c.ZUnionStore(s[4], [s[0], s[1]], [1]));
    }
}

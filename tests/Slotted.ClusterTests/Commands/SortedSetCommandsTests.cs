using Slotted.ClusterTests.Infrastructure;
using static Slotted.ClusterTests.Commands.CommandTest;

namespace Slotted.ClusterTests.Commands;

[Collection("cluster")]
public sealed class SortedSetCommandsTests(ClusterFixture fixture)
{
    private static readonly SortedSetEntry[] Sample = [new("a", 1), new("b", 2), new("c", 2.5), new("d", 4), new("e", double.PositiveInfinity)];

    private static async Task<string> SampleSet(RedisCluster cluster, string name)
    {
        string key = Key(name);
        Assert.Equal(Sample.Length, await cluster.ZAddAsync(key, Sample));
        return key;
    }

    [Fact]
    public async Task ZAdd_Conditions_FollowRedisSemantics()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("zadd");
        Assert.True(await cluster.ZAddAsync(key, "m", 5));
        Assert.False(await cluster.ZAddAsync(key, "m", 6));
        Assert.Equal(6, await cluster.ZScoreAsync(key, "m"));
        Assert.False(await cluster.ZAddAsync(key, "m", 1, SetCondition.NotExists));
        Assert.Equal(6, await cluster.ZScoreAsync(key, "m"));
        Assert.False(await cluster.ZAddAsync(key, "new", 1, SetCondition.Exists));
        Assert.Null(await cluster.ZScoreAsync(key, "new"));
        Assert.False(await cluster.ZAddAsync(key, "m", 3, scoreCondition: ScoreCondition.GreaterThan, changed: true));
        Assert.Equal(6, await cluster.ZScoreAsync(key, "m"));
        Assert.True(await cluster.ZAddAsync(key, "m", 7, scoreCondition: ScoreCondition.GreaterThan, changed: true));
        Assert.True(await cluster.ZAddAsync(key, "m", 2, SetCondition.Exists, ScoreCondition.LessThan, changed: true));
        Assert.Equal(2, await cluster.ZScoreAsync(key, "m"));
        Assert.Equal(2, await cluster.ZAddAsync(key, [new("m", 9), new("x", 1), new("y", 1)], changed: false));
        Assert.Equal(3, await cluster.ZAddAsync(key, [new("m", 10), new("x", 2), new("y", 1), new("z", 0)], changed: true));
        Assert.Equal(0, await cluster.ZAddAsync(key, [new("m", 0), new("fresh", 0)], SetCondition.Exists, ScoreCondition.GreaterThan));
        Assert.Equal(10, await cluster.ZScoreAsync(key, "m"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Scores_ReadTheSameInBothProtocols(int protocol)
    {
        // RESP2 sends scores as bulk strings, RESP3 as doubles.
        await using var cluster = await ConnectAsync(fixture, protocol);
        string key = await SampleSet(cluster, "zscore");
        Assert.Equal(2.5, await cluster.ZScoreAsync(key, "c"));
        Assert.Equal(double.PositiveInfinity, await cluster.ZScoreAsync(key, "e"));
        Assert.Null(await cluster.ZScoreAsync(key, "nope"));
        Assert.Equal([1, null, 2.5], await cluster.ZMScoreAsync(key, "a", "nope", "c"));
        Assert.Equal(3.75, await cluster.ZIncrByAsync(key, "c", 1.25));
        Assert.Equal(-1, await cluster.ZIncrByAsync(key, "new", -1));
        Assert.Equal(4.75, await cluster.ZAddIncrAsync(key, "c", 1));
        Assert.Null(await cluster.ZAddIncrAsync(key, "c", 1, SetCondition.NotExists));
        Assert.Null(await cluster.ZAddIncrAsync(key, "c", -1, scoreCondition: ScoreCondition.GreaterThan));
        Assert.Equal(4.75, cluster.ZScore(key, "c"));
        Assert.Equal([4.75, null], cluster.ZMScore(key, "c", "zz"));
        Assert.Equal(5, cluster.ZAddIncr(key, "c", 0.25));
        Assert.Equal(6, cluster.ZIncrBy(key, "c", 1));
    }

    [Fact]
    public async Task CardCountRankRem_FollowRedisSemantics()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = await SampleSet(cluster, "zcard");
        Assert.Equal(5, await cluster.ZCardAsync(key));
        Assert.Equal(0, await cluster.ZCardAsync(Key("zcard-missing")));
        Assert.Equal(3, await cluster.ZCountAsync(key, 1, 2.5));
        Assert.Equal(1, await cluster.ZCountAsync(key, ScoreBound.Exclusive(1), ScoreBound.Exclusive(2.5)));
        Assert.Equal(5, await cluster.ZCountAsync(key, ScoreBound.NegativeInfinity, ScoreBound.PositiveInfinity));
        Assert.Equal(4, await cluster.ZCountAsync(key, double.NegativeInfinity, ScoreBound.Exclusive(double.PositiveInfinity)));
        Assert.Equal(0, await cluster.ZRankAsync(key, "a"));
        Assert.Equal(3, await cluster.ZRankAsync(key, "d"));
        Assert.Equal(0, await cluster.ZRevRankAsync(key, "e"));
        Assert.Null(await cluster.ZRankAsync(key, "nope"));
        Assert.Null(await cluster.ZRevRankAsync(key, "nope"));
        Assert.Equal(2, await cluster.ZRemAsync(key, "a", "nope", "b"));
        Assert.Equal(3, await cluster.ZCardAsync(key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task RangesByIndex_WithAndWithoutScores(int protocol)
    {
        // RESP3 nests WITHSCORES pairs as [member, score] arrays; RESP2 returns them flat.
        await using var cluster = await ConnectAsync(fixture, protocol);
        string key = await SampleSet(cluster, "zrange");
        Assert.Equal(["a", "b", "c", "d", "e"], Text(await cluster.ZRangeAsync(key)));
        Assert.Equal(["b", "c"], Text(await cluster.ZRangeAsync(key, 1, 2)));
        Assert.Equal(Sample, await cluster.ZRangeWithScoresAsync(key));
        Assert.Equal(Sample[3..], await cluster.ZRangeWithScoresAsync(key, -2, -1));
        Assert.Equal(["e", "d"], Text(await cluster.ZRevRangeAsync(key, 0, 1)));
        Assert.Equal(Sample.Reverse().ToArray(), await cluster.ZRevRangeWithScoresAsync(key));
        Assert.Empty(await cluster.ZRangeAsync(key, 10, 20));
        Assert.Empty(await cluster.ZRangeWithScoresAsync(Key("zrange-missing")));
        Assert.Equal(Sample, cluster.ZRangeWithScores(key));
        Assert.Equal(["a"], Text(cluster.ZRange(key, 0, 0)));
        Assert.Equal(["e"], Text(cluster.ZRevRange(key, 0, 0)));
        Assert.Equal([Sample[4]], cluster.ZRevRangeWithScores(key, 0, 0));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task RangesByScore_BoundsLimitAndScores(int protocol)
    {
        await using var cluster = await ConnectAsync(fixture, protocol);
        string key = await SampleSet(cluster, "zrangebyscore");
        Assert.Equal(["b", "c", "d"], Text(await cluster.ZRangeByScoreAsync(key, 2, 4)));
        Assert.Equal(["c"], Text(await cluster.ZRangeByScoreAsync(key, ScoreBound.Exclusive(2), ScoreBound.Exclusive(4))));
        Assert.Equal(["a", "b", "c", "d", "e"], Text(await cluster.ZRangeByScoreAsync(key, ScoreBound.NegativeInfinity, ScoreBound.PositiveInfinity)));
        Assert.Equal(["b", "c"], Text(await cluster.ZRangeByScoreAsync(key, ScoreBound.NegativeInfinity, ScoreBound.PositiveInfinity, offset: 1, count: 2)));
        Assert.Equal(["d", "e"], Text(await cluster.ZRangeByScoreAsync(key, ScoreBound.NegativeInfinity, ScoreBound.PositiveInfinity, offset: 3)));
        Assert.Empty(await cluster.ZRangeByScoreAsync(key, 4, 2));
        Assert.Equal([Sample[1], Sample[2]], await cluster.ZRangeByScoreWithScoresAsync(key, 2, 3));
        Assert.Equal([Sample[4]], await cluster.ZRangeByScoreWithScoresAsync(key, ScoreBound.Exclusive(4), double.PositiveInfinity));
        Assert.Equal(["d", "c", "b"], Text(await cluster.ZRevRangeByScoreAsync(key, 4, 2)));
        Assert.Equal(["c"], Text(await cluster.ZRevRangeByScoreAsync(key, 4, 2, offset: 1, count: 1)));
        Assert.Equal([Sample[4], Sample[3]], await cluster.ZRevRangeByScoreWithScoresAsync(key, ScoreBound.PositiveInfinity, ScoreBound.Exclusive(2.5)));
        Assert.Equal(["a"], Text(cluster.ZRangeByScore(key, 0, 1)));
        Assert.Equal([Sample[0]], cluster.ZRangeByScoreWithScores(key, 0, 1));
        Assert.Equal(["b", "a"], Text(cluster.ZRevRangeByScore(key, 2, 1)));
        Assert.Equal([Sample[1], Sample[0]], cluster.ZRevRangeByScoreWithScores(key, 2, 1));
    }

    [Fact]
    public async Task RangesByLex_CountAndRemove()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("zlex");
        await cluster.ZAddAsync(key, "abcdefg".Select(c => new SortedSetEntry(c.ToString(), 0)));
        Assert.Equal(["a", "b", "c"], Text(await cluster.ZRangeByLexAsync(key, LexBound.Min, "c")));
        Assert.Equal(["a", "b"], Text(await cluster.ZRangeByLexAsync(key, LexBound.Min, LexBound.Exclusive("c"))));
        Assert.Equal(["d", "e", "f", "g"], Text(await cluster.ZRangeByLexAsync(key, "aaa", LexBound.Max, offset: 2)));
        Assert.Equal(["b", "c"], Text(await cluster.ZRangeByLexAsync(key, LexBound.Exclusive("a"), LexBound.Max, count: 2)));
        Assert.Equal(["g", "f"], Text(await cluster.ZRevRangeByLexAsync(key, LexBound.Max, "f")));
        Assert.Equal(["f"], Text(cluster.ZRevRangeByLex(key, LexBound.Max, "a", offset: 1, count: 1)));
        Assert.Equal(["a"], Text(cluster.ZRangeByLex(key, LexBound.Min, LexBound.Max, count: 1)));
        Assert.Equal(7, await cluster.ZLexCountAsync(key, LexBound.Min, LexBound.Max));
        Assert.Equal(3, await cluster.ZLexCountAsync(key, "b", "d"));
        Assert.Equal(1, cluster.ZLexCount(key, LexBound.Exclusive("b"), LexBound.Exclusive("d")));
        Assert.Equal(2, await cluster.ZRemRangeByLexAsync(key, LexBound.Exclusive("e"), LexBound.Max));
        Assert.Equal(1, cluster.ZRemRangeByLex(key, LexBound.Min, LexBound.Exclusive("b")));
        Assert.Equal(["b", "c", "d", "e"], Text(await cluster.ZRangeAsync(key)));
    }

    [Fact]
    public async Task RemoveRanges_ByRankAndScore()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = await SampleSet(cluster, "zremrange");
        Assert.Equal(1, await cluster.ZRemRangeByRankAsync(key, -1, -1));
        Assert.Equal(2, await cluster.ZRemRangeByScoreAsync(key, ScoreBound.Exclusive(1), 2.5));
        Assert.Equal(["a", "d"], Text(await cluster.ZRangeAsync(key)));
        Assert.Equal(1, cluster.ZRemRangeByScore(key, 4, double.PositiveInfinity));
        Assert.Equal(1, cluster.ZRemRangeByRank(key, 0, 0));
        Assert.False(await cluster.ExistsAsync(key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Pops_WithAndWithoutCount(int protocol)
    {
        // RESP3 answers ZPOPMIN with a count as nested pairs and without one as a flat pair.
        await using var cluster = await ConnectAsync(fixture, protocol);
        string key = await SampleSet(cluster, "zpop");
        Assert.Equal(Sample[0], await cluster.ZPopMinAsync(key));
        Assert.Equal(Sample[4], await cluster.ZPopMaxAsync(key));
        Assert.Equal([Sample[1], Sample[2]], await cluster.ZPopMinAsync(key, 2));
        Assert.Equal([Sample[3]], await cluster.ZPopMaxAsync(key, 5));
        Assert.Null(await cluster.ZPopMinAsync(key));
        Assert.Null(await cluster.ZPopMaxAsync(key));
        Assert.Empty(await cluster.ZPopMinAsync(key, 3));
        await cluster.ZAddAsync(key, Sample);
        Assert.Equal(Sample[0], cluster.ZPopMin(key));
        Assert.Equal(Sample[4], cluster.ZPopMax(key));
        Assert.Equal([Sample[1]], cluster.ZPopMin(key, 1));
        Assert.Equal([Sample[3], Sample[2]], cluster.ZPopMax(key, 2));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ZRandMember_AllForms(int protocol)
    {
        await using var cluster = await ConnectAsync(fixture, protocol);
        string key = await SampleSet(cluster, "zrand");
        Assert.Contains((string?)await cluster.ZRandMemberAsync(key), new[] { "a", "b", "c", "d", "e" });
        Assert.True((await cluster.ZRandMemberAsync(Key("zrand-missing"))).IsNull);
        Assert.Equal(["a", "b", "c", "d", "e"], Text(await cluster.ZRandMemberAsync(key, 10)).Order());
        Assert.Equal(8, (await cluster.ZRandMemberAsync(key, -8)).Length);
        var withScores = await cluster.ZRandMemberWithScoresAsync(key, 5);
        Assert.Equal(Sample, withScores.OrderBy(e => e.Score).ToArray());
        Assert.Equal(6, (await cluster.ZRandMemberWithScoresAsync(key, -6)).Length);
        Assert.False(cluster.ZRandMember(key).IsNull);
        Assert.Equal(2, cluster.ZRandMember(key, 2).Length);
        Assert.Equal(2, cluster.ZRandMemberWithScores(key, 2).Length);
    }

    [Fact]
    public void SyncTwins_AddRemCardCountRank()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        string key = Key("zsync");
        Assert.True(cluster.ZAdd(key, "a", 1));
        Assert.Equal(2, cluster.ZAdd(key, [new("b", 2), new("c", 3)]));
        Assert.Equal(3, cluster.ZCard(key));
        Assert.Equal(2, cluster.ZCount(key, 2, 3));
        Assert.Equal(1, cluster.ZRank(key, "b"));
        Assert.Equal(0, cluster.ZRevRank(key, "c"));
        Assert.Equal(1, cluster.ZRem(key, "a"));
        Assert.Equal(2, cluster.ZCard(key));
    }

    [Fact]
    public async Task BadInput_ThrowsTypedErrorsBeforeSending()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("zset-bad");
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.ZAddAsync((string)null!, "m", 1));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.ZAddAsync(key, RedisValue.Null, 1));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.ZAddAsync(key, "m", double.NaN));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.ZAddAsync(key, "m", 1, SetCondition.NotExists, ScoreCondition.GreaterThan));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.ZAddAsync(key, Array.Empty<SortedSetEntry>()));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.ZAddAsync(key, (IEnumerable<SortedSetEntry>)null!));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.ZAddAsync(key, "m", 1, (SetCondition)9));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.ZIncrByAsync(key, "m", double.NaN));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.ZAddIncrAsync(key, "m", double.NaN));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.ZRemAsync(key));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.ZMScoreAsync(key, "a", RedisValue.Null));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.ZRangeByScoreAsync(key, 0, 1, offset: -1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.ZRangeByLexAsync(key, LexBound.Min, LexBound.Max, count: -1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.ZPopMinAsync(key, -1));
        Assert.Throws<ArgumentException>(() => cluster.ZCount(key, double.NaN, 1));
        Assert.Throws<ArgumentNullException>(() => cluster.ZScore(key, RedisValue.Null));
        Assert.False(await cluster.ExistsAsync(key));
    }

    [Fact]
    public async Task SortedSetCommands_OnAString_ThrowWrongType()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("zset-wrongtype");
        await cluster.SetAsync(key, "x");
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await cluster.ZAddAsync(key, "m", 1));
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await cluster.ZRangeWithScoresAsync(key));
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await cluster.BZPopMinAsync(key, TimeSpan.FromSeconds(1)));
        Assert.Throws<RedisWrongTypeException>(() => cluster.ZScore(key, "m"));
    }
}

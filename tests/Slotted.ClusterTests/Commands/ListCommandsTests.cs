using Slotted.ClusterTests.Infrastructure;
using static Slotted.ClusterTests.Commands.CommandTest;

namespace Slotted.ClusterTests.Commands;

[Collection("cluster")]
public sealed class ListCommandsTests(ClusterFixture fixture)
{
    [Fact]
    public async Task PushPopRange_FollowRedisSemantics()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("list");
        Assert.Equal(2, await cluster.RPushAsync(key, "c", "d"));
        Assert.Equal(4, await cluster.LPushAsync(key, "b", "a")); // LPUSH b a → a b c d
        Assert.Equal(["a", "b", "c", "d"], Text(await cluster.LRangeAsync(key)));
        Assert.Equal(["b", "c"], Text(await cluster.LRangeAsync(key, 1, 2)));
        Assert.Equal(4, await cluster.LLenAsync(key));
        Assert.Equal("a", (string?)await cluster.LPopAsync(key));
        Assert.Equal("d", (string?)await cluster.RPopAsync(key));
        Assert.Equal(["b", "c"], Text(await cluster.LPopAsync(key, 5)));
        Assert.True((await cluster.LPopAsync(key)).IsNull);
        Assert.True((await cluster.RPopAsync(key)).IsNull);
        Assert.Empty(await cluster.LPopAsync(key, 2));
        Assert.Empty(await cluster.RPopAsync(key, 2));
        Assert.Equal(0, await cluster.LLenAsync(key));
    }

    [Fact]
    public async Task PushX_OnlyOnExistingLists()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("pushx");
        Assert.Equal(0, await cluster.LPushXAsync(key, "a"));
        Assert.Equal(0, await cluster.RPushXAsync(key, "a"));
        Assert.False(await cluster.ExistsAsync(key));
        await cluster.RPushAsync(key, "m");
        Assert.Equal(3, await cluster.LPushXAsync(key, "l1", "l2"));
        Assert.Equal(4, await cluster.RPushXAsync(key, "r"));
        Assert.Equal(["l2", "l1", "m", "r"], Text(await cluster.LRangeAsync(key)));
    }

    [Fact]
    public async Task IndexSetInsertRemTrim_FollowRedisSemantics()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("list-edit");
        await cluster.RPushAsync(key, "a", "x", "b", "x", "c", "x");
        Assert.Equal("b", (string?)await cluster.LIndexAsync(key, 2));
        Assert.Equal("x", (string?)await cluster.LIndexAsync(key, -1));
        Assert.True((await cluster.LIndexAsync(key, 100)).IsNull);
        await cluster.LSetAsync(key, 0, "A");
        Assert.Equal(7, await cluster.LInsertAsync(key, ListInsertPosition.Before, "b", "before-b"));
        Assert.Equal(8, await cluster.LInsertAsync(key, ListInsertPosition.After, "b", "after-b"));
        Assert.Equal(-1, await cluster.LInsertAsync(key, ListInsertPosition.After, "nope", "z"));
        Assert.Equal(0, await cluster.LInsertAsync(Key("list-missing"), ListInsertPosition.After, "a", "z"));
        Assert.Equal(["A", "x", "before-b", "b", "after-b", "x", "c", "x"], Text(await cluster.LRangeAsync(key)));
        Assert.Equal(1, await cluster.LRemAsync(key, "x", -1));
        Assert.Equal(1, await cluster.LRemAsync(key, "x", 1));
        Assert.Equal(["A", "before-b", "b", "after-b", "x", "c"], Text(await cluster.LRangeAsync(key)));
        Assert.Equal(1, await cluster.LRemAsync(key, "x"));
        await cluster.LTrimAsync(key, 1, -2);
        Assert.Equal(["before-b", "b", "after-b"], Text(await cluster.LRangeAsync(key)));
        var error = await Assert.ThrowsAsync<RedisServerException>(async () => await cluster.LSetAsync(key, 99, "v"));
        Assert.Contains("out of range", error.Message);
    }

    [Fact]
    public async Task LPos_RankCountMaxLen()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("lpos");
        await cluster.RPushAsync(key, "a", "b", "c", "1", "2", "3", "c", "c");
        Assert.Equal(2, await cluster.LPosAsync(key, "c"));
        Assert.Equal(6, await cluster.LPosAsync(key, "c", rank: 2));
        Assert.Equal(7, await cluster.LPosAsync(key, "c", rank: -1));
        Assert.Null(await cluster.LPosAsync(key, "zz"));
        Assert.Null(await cluster.LPosAsync(key, "c", maxLen: 2));
        Assert.Equal(new[] { 2L, 6L }, await cluster.LPosManyAsync(key, "c", 2));
        Assert.Equal(new[] { 2L, 6L, 7L }, await cluster.LPosManyAsync(key, "c", 0));
        Assert.Equal(new[] { 7L, 6L }, await cluster.LPosManyAsync(key, "c", 2, rank: -1));
        Assert.Equal(new[] { 2L }, await cluster.LPosManyAsync(key, "c", 0, maxLen: 4));
        Assert.Empty(await cluster.LPosManyAsync(key, "zz", 0));
        Assert.Equal(6, cluster.LPos(key, "c", rank: 2));
        Assert.Equal(new[] { 6L, 7L }, cluster.LPosMany(key, "c", 0, rank: 2));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.LPosAsync(key, "c", rank: 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.LPosManyAsync(key, "c", -1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.LPosAsync(key, "c", maxLen: -1));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task LMPop_SameSlotKeys_PopsFromFirstNonEmpty(int protocol)
    {
        await using var cluster = await ConnectAsync(fixture, protocol);
        var keys = SameSlotKeys("lmpop", 3);
        Assert.Null(await cluster.LMPopAsync([keys[0], keys[1]], ListSide.Left));
        await cluster.RPushAsync(keys[1], "a", "b", "c");
        var popped = await cluster.LMPopAsync([keys[0], keys[1], keys[2]], ListSide.Right, 2);
        Assert.Equal(keys[1], popped!.Value.Key);
        Assert.Equal(["c", "b"], Text(popped.Value.Value));
        var sync = cluster.LMPop([keys[0], keys[1]], ListSide.Left);
        Assert.Equal(["a"], Text(sync!.Value.Value));
        var (x, y) = CrossSlotKeys("lmpop-x");
        await Assert.ThrowsAsync<RedisCrossSlotException>(async () => await cluster.LMPopAsync([x, y], ListSide.Left));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.LMPopAsync([keys[0]], ListSide.Left, 0));
    }

    [Fact]
    public void SyncTwins_Work()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        string key = Key("list-sync");
        Assert.Equal(2, cluster.RPush(key, "b", "c"));
        Assert.Equal(3, cluster.LPush(key, "a"));
        Assert.Equal(4, cluster.RPushX(key, "d"));
        Assert.Equal(5, cluster.LPushX(key, "z"));
        Assert.Equal(5, cluster.LLen(key));
        Assert.Equal("z", (string?)cluster.LPop(key));
        Assert.Equal("d", (string?)cluster.RPop(key));
        Assert.Equal("a", (string?)cluster.LIndex(key, 0));
        cluster.LSet(key, 0, "A");
        Assert.Equal(4, cluster.LInsert(key, ListInsertPosition.After, "A", "a2"));
        Assert.Equal(1, cluster.LRem(key, "a2"));
        Assert.Equal(1, cluster.LPos(key, "b"));
        Assert.Equal(["A", "b", "c"], Text(cluster.LRange(key)));
        cluster.LTrim(key, 0, 1);
        Assert.Equal(["b"], Text(cluster.RPop(key, 1)));
        Assert.Equal(["A"], Text(cluster.LPop(key, 1)));
        Assert.False(cluster.Exists(key));
    }

    [Fact]
    public async Task BadInput_ThrowsTypedErrorsBeforeSending()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("list-bad");
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.LPushAsync((string)null!, "a"));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.RPushAsync(key));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.RPushAsync(key, (RedisValue[])null!, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.LPushAsync(key, "a", RedisValue.Null));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.LSetAsync(key, 0, RedisValue.Null));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.LInsertAsync(key, ListInsertPosition.Before, RedisValue.Null, "x"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.LInsertAsync(key, (ListInsertPosition)7, "p", "x"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.LPopAsync(key, -1));
        Assert.Throws<ArgumentNullException>(() => cluster.LRem(key, RedisValue.Null));
        Assert.Throws<ArgumentException>(() => cluster.LLen(""));
        Assert.False(await cluster.ExistsAsync(key));
    }

    [Fact]
    public async Task ListCommands_OnAString_ThrowWrongType()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("list-wrongtype");
        await cluster.SetAsync(key, "x");
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await cluster.LPushAsync(key, "a"));
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await cluster.LRangeAsync(key));
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await cluster.BLPopAsync(key, TimeSpan.FromSeconds(1)));
        Assert.Throws<RedisWrongTypeException>(() => cluster.LLen(key));
    }
}

using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.MultiKey;

[Collection("cluster")]
public sealed class MultiKeyListsTests(ClusterFixture fixture)
{
    private static async Task SeedAsync(RedisCluster c, RedisKey[] k)
    {
        await c.ExecuteAsync("RPUSH", k[0], "a", "b", "c");
        await c.ExecuteAsync("RPUSH", k[1], "x");
    }

    [Fact]
    public async Task RPopLPush_AcrossSlots_AsNativeOnTag()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "rpoplpush", 3);
        var t = ParityKeys.Tagged("rpoplpush", 3);
        await SeedAsync(c, s);
        await SeedAsync(c, t);
        Assert.Equal((string?)await c.RPopLPushAsync(t[0], t[1]), (string?)await c.RPopLPushAsync(s[0], s[1]));
        Assert.Equal((string?)c.RPopLPush(t[0], t[2]), (string?)c.RPopLPush(s[0], s[2]));
        for (int i = 0; i < 3; i++) Assert.Equal(await ParityKeys.StateAsync(c, t[i]), await ParityKeys.StateAsync(c, s[i]));
        Assert.Equal("list[c,x]", await ParityKeys.StateAsync(c, s[1]));
        Assert.True((await c.RPopLPushAsync(ParityKeys.Spread(c, "rpoplpush-missing", 1)[0], s[1])).IsNull);
    }

    [Theory]
    [InlineData(ListSide.Left, ListSide.Left)]
    [InlineData(ListSide.Left, ListSide.Right)]
    [InlineData(ListSide.Right, ListSide.Left)]
    [InlineData(ListSide.Right, ListSide.Right)]
    public async Task LMove_AcrossSlots_EverySideAsNativeOnTag(ListSide from, ListSide to)
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "lmove", 2);
        var t = ParityKeys.Tagged("lmove", 2);
        await SeedAsync(c, s);
        await SeedAsync(c, t);
        Assert.Equal((string?)await c.LMoveAsync(t[0], t[1], from, to), (string?)await c.LMoveAsync(s[0], s[1], from, to));
        Assert.Equal((string?)c.LMove(t[0], t[1], from, to), (string?)c.LMove(s[0], s[1], from, to));
        for (int i = 0; i < 2; i++) Assert.Equal(await ParityKeys.StateAsync(c, t[i]), await ParityKeys.StateAsync(c, s[i]));
    }

    [Fact]
    public async Task LMove_DestinationNotAList_WrongTypeAndNothingPoppedAsNative()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "lmove-wrong", 3);
        var t = ParityKeys.Tagged("lmove-wrong", 3);
        foreach (var k in new[] { s, t })
        {
            await c.ExecuteAsync("RPUSH", k[0], "a", "b");
            await c.ExecuteAsync("PEXPIRE", k[0], 100_000);
            await c.SetAsync(k[1], "string");
        }
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await c.LMoveAsync(t[0], t[1], ListSide.Right, ListSide.Left));
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await c.LMoveAsync(s[0], s[1], ListSide.Right, ListSide.Left));
        Assert.Equal(await ParityKeys.StateAsync(c, t[0]), await ParityKeys.StateAsync(c, s[0]));
        Assert.Equal("list[a,b] ttl", await ParityKeys.StateAsync(c, s[0]));
        // A missing source answers nil even when the destination is of the wrong type.
        Assert.Equal(ParityKeys.Show(await c.LMoveAsync(t[2], t[1], ListSide.Left, ListSide.Left)),
            ParityKeys.Show(await c.LMoveAsync(s[2], s[1], ListSide.Left, ListSide.Left)));
    }

    [Fact]
    public async Task LMove_SourceNotAList_WrongTypeAsNative()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "lmove-wrongsrc", 2);
        var t = ParityKeys.Tagged("lmove-wrongsrc", 2);
        await c.SetAsync(s[0], "v");
        await c.SetAsync(t[0], "v");
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await c.LMoveAsync(t[0], t[1], ListSide.Left, ListSide.Left));
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await c.LMoveAsync(s[0], s[1], ListSide.Left, ListSide.Left));
    }

    [Fact]
    public async Task BRPopLPush_ElementAvailable_AsNativeOnTag()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "brpoplpush", 2);
        var t = ParityKeys.Tagged("brpoplpush", 2);
        await SeedAsync(c, s);
        await SeedAsync(c, t);
        Assert.Equal((string?)await c.BRPopLPushAsync(t[0], t[1], TimeSpan.FromSeconds(1)), (string?)await c.BRPopLPushAsync(s[0], s[1], TimeSpan.FromSeconds(1)));
        Assert.Equal((string?)c.BRPopLPush(t[0], t[1], TimeSpan.FromSeconds(1)), (string?)c.BRPopLPush(s[0], s[1], TimeSpan.FromSeconds(1)));
        for (int i = 0; i < 2; i++) Assert.Equal(await ParityKeys.StateAsync(c, t[i]), await ParityKeys.StateAsync(c, s[i]));
    }

    [Fact]
    public async Task BRPopLPush_EmptySource_TimesOutWithNullAsNative()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "brpoplpush-timeout", 2);
        var t = ParityKeys.Tagged("brpoplpush-timeout", 2);
        Assert.True((await c.BRPopLPushAsync(t[0], t[1], TimeSpan.FromMilliseconds(100))).IsNull);
        Assert.True((await c.BRPopLPushAsync(s[0], s[1], TimeSpan.FromMilliseconds(100))).IsNull);
        Assert.True(c.BRPopLPush(s[0], s[1], TimeSpan.FromMilliseconds(100)).IsNull);
        Assert.Equal(0, await c.ExistsAsync(s));
    }

    [Fact]
    public async Task BRPopLPush_ElementPushedWhileWaiting_IsMoved()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "brpoplpush-wait", 2);
        var waiting = c.BRPopLPushAsync(s[0], s[1], TimeSpan.FromSeconds(10)).AsTask();
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted);
        Assert.False(await c.ExistsAsync(s[0])); // the source node's shared connection is not held by the wait
        await c.ExecuteAsync("LPUSH", s[0], "late");
        Assert.Equal("late", (string?)await waiting);
        Assert.Equal("list[late]", await ParityKeys.StateAsync(c, s[1]));
        Assert.Equal("none[]", await ParityKeys.StateAsync(c, s[0]));
    }

    [Fact]
    public async Task BRPopLPush_Cancelled_StopsWaitingAndLosesNothing()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "brpoplpush-cancel", 2);
        using var cts = new CancellationTokenSource();
        var waiting = c.BRPopLPushAsync(s[0], s[1], Timeout.InfiniteTimeSpan, cts.Token).AsTask();
        await Task.Delay(200);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        // The server-side wait ended: a later element stays in the source.
        await c.ExecuteAsync("LPUSH", s[0], "after");
        await Task.Delay(100);
        Assert.Equal("list[after]", await ParityKeys.StateAsync(c, s[0]));
        Assert.Equal("none[]", await ParityKeys.StateAsync(c, s[1]));
    }

    [Theory]
    [InlineData(ListSide.Left, ListSide.Right)]
    [InlineData(ListSide.Right, ListSide.Right)]
    public async Task BLMove_AcrossSlots_AsNativeOnTag(ListSide from, ListSide to)
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "blmove", 2);
        var t = ParityKeys.Tagged("blmove", 2);
        await SeedAsync(c, s);
        await SeedAsync(c, t);
        Assert.Equal((string?)await c.BLMoveAsync(t[0], t[1], from, to, TimeSpan.FromSeconds(1)), (string?)await c.BLMoveAsync(s[0], s[1], from, to, TimeSpan.FromSeconds(1)));
        Assert.Equal((string?)c.BLMove(t[0], t[1], from, to, TimeSpan.FromSeconds(1)), (string?)c.BLMove(s[0], s[1], from, to, TimeSpan.FromSeconds(1)));
        for (int i = 0; i < 2; i++) Assert.Equal(await ParityKeys.StateAsync(c, t[i]), await ParityKeys.StateAsync(c, s[i]));
    }

    [Fact]
    public async Task BLMove_DestinationNotAList_ElementGivenBackAsNative()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "blmove-wrong", 2);
        var t = ParityKeys.Tagged("blmove-wrong", 2);
        foreach (var k in new[] { s, t })
        {
            await c.ExecuteAsync("RPUSH", k[0], "a", "b");
            await c.SetAsync(k[1], "string");
        }
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await c.BLMoveAsync(t[0], t[1], ListSide.Left, ListSide.Left, TimeSpan.FromSeconds(1)));
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await c.BLMoveAsync(s[0], s[1], ListSide.Left, ListSide.Left, TimeSpan.FromSeconds(1)));
        Assert.Equal(await ParityKeys.StateAsync(c, t[0]), await ParityKeys.StateAsync(c, s[0]));
    }
}

using System.Diagnostics;
using Slotted.ClusterTests.Infrastructure;
using static Slotted.ClusterTests.Commands.CommandTest;

namespace Slotted.ClusterTests.Commands;

/// <summary>BLPOP, BRPOP, BLMPOP, BZPOPMIN and BZPOPMAX: each runs on an exclusive connection.</summary>
[Collection("cluster")]
public sealed class BlockingCommandsTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task BLPop_NothingArrives_TimesOutWithNull()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("blpop-empty");
        var watch = Stopwatch.StartNew();
        Assert.True((await cluster.BLPopAsync(key, Short)).IsNull);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(150), $"returned after {watch.ElapsedMilliseconds} ms, before the server timeout");
        Assert.True(cluster.BRPop(key, Short).IsNull);
        Assert.Null(await cluster.BLPopAsync([key], Short));
        Assert.Empty(await cluster.BLMPopAsync(key, ListSide.Left, Short));
        Assert.Null(await cluster.BZPopMinAsync(key, Short));
        Assert.Null(cluster.BZPopMax([key], Short));
    }

    [Fact]
    public async Task BLPop_WokenByPushFromAnotherClient_ReturnsElement()
    {
        await using var cluster = await ConnectAsync(fixture);
        await using var other = await ConnectAsync(fixture);
        string key = Key("blpop-wake");
        var pop = cluster.BLPopAsync(key, Long).AsTask();
        await WaitUntilBlocked(key);
        Assert.False(pop.IsCompleted);
        await other.RPushAsync(key, "hello");
        Assert.Equal("hello", (string?)await pop);
        Assert.False(await cluster.ExistsAsync(key));
    }

    [Fact]
    public async Task BLPop_Sync_WokenByPushFromAnotherClient()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        await using var other = await ConnectAsync(fixture);
        string key = Key("blpop-sync-wake");
        var pop = Task.Factory.StartNew(() => cluster.BRPop(key, Long), TaskCreationOptions.LongRunning);
        await WaitUntilBlocked(key);
        await other.RPushAsync(key, "a", "b");
        Assert.Equal("b", (string?)await pop);
    }

    [Fact]
    public async Task BLPop_Blocking_DoesNotStallOtherCommandsOnTheSameNode()
    {
        await using var cluster = await ConnectAsync(fixture);
        var keys = SameSlotKeys("blpop-nostall", 101);
        RedisKey listKey = keys[0];
        for (int i = 1; i < keys.Length; i++) await cluster.SetAsync(keys[i], $"v{i}");
        var pop = cluster.BLPopAsync(listKey, TimeSpan.FromSeconds(2)).AsTask();
        await WaitUntilBlocked(listKey);

        // 100 GETs to keys in the blocked key's own slot (so on the same node) all complete while BLPOP still waits.
        var gets = new Task<RedisValue>[keys.Length - 1];
        for (int i = 1; i < keys.Length; i++) gets[i - 1] = cluster.GetAsync(keys[i]).AsTask();
        var all = Task.WhenAll(gets);
        var first = await Task.WhenAny(all, pop);
        Assert.Same(all, first);
        Assert.False(pop.IsCompleted);
        for (int i = 0; i < gets.Length; i++) Assert.Equal($"v{i + 1}", (string?)await gets[i]);
        Assert.True((await pop).IsNull);
    }

    [Fact]
    public async Task BRPop_SameSlotKeys_SaysWhichKey()
    {
        await using var cluster = await ConnectAsync(fixture);
        await using var other = await ConnectAsync(fixture);
        var keys = SameSlotKeys("brpop-multi", 3);
        await other.RPushAsync(keys[2], "x", "y");
        var popped = await cluster.BRPopAsync(keys, Long);
        Assert.Equal(keys[2], popped!.Value.Key);
        Assert.Equal("y", (string?)popped.Value.Value);
        var waiting = cluster.BLPopAsync([keys[0], keys[1]], Long).AsTask();
        await WaitUntilBlocked(keys[0]);
        await other.LPushAsync(keys[1], "late");
        var late = await waiting;
        Assert.Equal(keys[1], late!.Value.Key);
        Assert.Equal("late", (string?)late.Value.Value);
        Assert.Equal("x", (string?)cluster.BLPop(keys, Long)!.Value.Value);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task BLMPop_SingleAndSameSlotKeys(int protocol)
    {
        await using var cluster = await ConnectAsync(fixture, protocol);
        var keys = SameSlotKeys("blmpop", 2);
        await cluster.RPushAsync(keys[0], "a", "b", "c");
        Assert.Equal(["a", "b"], Text(await cluster.BLMPopAsync(keys[0], ListSide.Left, Long, count: 2)));
        Assert.Equal(["c"], Text(cluster.BLMPop(keys[0], ListSide.Right, Long, count: 5)));
        await cluster.RPushAsync(keys[1], "d", "e");
        var popped = await cluster.BLMPopAsync(keys, ListSide.Right, Long, count: 1);
        Assert.Equal(keys[1], popped!.Value.Key);
        Assert.Equal(["e"], Text(popped.Value.Value));
        Assert.Equal(["d"], Text(cluster.BLMPop(keys, ListSide.Left, Long)!.Value.Value));
        Assert.Null(await cluster.BLMPopAsync(keys, ListSide.Left, Short));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task BZPop_MinAndMax_ReadScoresInBothProtocols(int protocol)
    {
        await using var cluster = await ConnectAsync(fixture, protocol);
        await using var other = await ConnectAsync(fixture);
        var keys = SameSlotKeys("bzpop", 2);
        await cluster.ZAddAsync(keys[0], [new("low", 1.5), new("mid", 2), new("high", double.PositiveInfinity)]);
        Assert.Equal(new SortedSetEntry("low", 1.5), await cluster.BZPopMinAsync(keys[0], Long));
        Assert.Equal(new SortedSetEntry("high", double.PositiveInfinity), await cluster.BZPopMaxAsync(keys[0], Long));
        Assert.Equal(new SortedSetEntry("mid", 2), cluster.BZPopMin(keys[0], Long));
        var waiting = cluster.BZPopMaxAsync(keys, Long).AsTask();
        await WaitUntilBlocked(keys[0]);
        await other.ZAddAsync(keys[1], "woken", -0.25);
        var popped = await waiting;
        Assert.Equal(keys[1], popped!.Value.Key);
        Assert.Equal(new SortedSetEntry("woken", -0.25), popped.Value.Value);
        await other.ZAddAsync(keys[1], "again", 3);
        Assert.Equal(new SortedSetEntry("again", 3), cluster.BZPopMin(keys, Long)!.Value.Value);
    }

    [Fact]
    public async Task Blocking_Cancelled_ThrowsAndLaterCommandsWork()
    {
        await using var cluster = await ConnectAsync(fixture);
        await using var other = await ConnectAsync(fixture);
        string key = Key("blpop-cancel");
        using var cts = new CancellationTokenSource();
        var pop = cluster.BLPopAsync(key, Long, cts.Token).AsTask();
        await WaitUntilBlocked(key);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pop);
        // The cancelled connection was closed, so the server no longer holds a waiter that would swallow this push.
        await WaitUntilNotBlocked(key);
        await other.RPushAsync(key, "kept");
        Assert.Equal("kept", (string?)await cluster.BLPopAsync(key, Long));
    }

    [Fact]
    public async Task Blocking_BlockLongerThanCommandTimeout_WaitsForTheServer()
    {
        // The client waits the block time plus the command timeout, not the command timeout alone.
        await using var cluster = await ConnectAsync(fixture, extra: ",commandTimeout=300");
        string key = Key("blpop-long-block");
        Assert.True((await cluster.BLPopAsync(key, TimeSpan.FromSeconds(1))).IsNull);
        Assert.True(cluster.BLPop(key, TimeSpan.FromSeconds(1)).IsNull);
        Assert.Null(await cluster.BZPopMinAsync(key, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Blocking_NodeStopsAnswering_ThrowsTimeoutAfterBlockPlusCommandTimeout()
    {
        await using var cluster = await ConnectAsync(fixture, extra: ",commandTimeout=300");
        string key = Key("blpop-client-timeout");
        // A first pop leaves an idle exclusive connection in the pool, so the next one is sent at once.
        Assert.True((await cluster.BLPopAsync(key, Short)).IsNull);
        var pause = PortOf(cluster, key);
        fixture.Cluster.StopNode(pause);
        try
        {
            var watch = Stopwatch.StartNew();
            await Assert.ThrowsAsync<RedisTimeoutException>(async () => await cluster.BLPopAsync(key, TimeSpan.FromMilliseconds(500)));
            Assert.True(watch.ElapsedMilliseconds >= 500, $"gave up after {watch.ElapsedMilliseconds} ms, before the block time");
        }
        finally
        {
            fixture.Cluster.ContinueNode(pause);
        }
        Assert.True((await cluster.BLPopAsync(key, Short)).IsNull);
    }

    [Fact]
    public async Task Blocking_SlotMovedBehindTheClient_FollowsMoved()
    {
        await using var cluster = await ConnectAsync(fixture, extra: ",topologyRefreshInterval=0");
        string key = Key("{blpop-moved}");
        int slot = RedisCluster.GetSlot(key);
        int source = PortOf(cluster, key);
        int target = cluster.SlotMap.Primaries.Select(p => RedisClusterOptions.ParseEndPoint(p.EndPoint).Port).First(p => p != source);
        var migration = new SlotMigration(fixture.Cluster, slot, source, target);
        await cluster.RPushAsync(key, "moved-value");
        migration.Begin();
        migration.Finish();
        try
        {
            Assert.Equal($"127.0.0.1:{source}", cluster.GetNodeForKey(key));
            Assert.Equal("moved-value", (string?)await cluster.BLPopAsync(key, Long));
            Assert.Equal($"127.0.0.1:{target}", cluster.GetNodeForKey(key));
            await cluster.RPushAsync(key, "again");
            Assert.Equal("again", (string?)cluster.BLPop(key, Long));
        }
        finally
        {
            var back = migration.Reverse();
            back.Begin();
            back.Finish();
        }
    }

    [Fact]
    public async Task Blocking_SlotMigratedWhileWaiting_FollowsMovedAndWaitsOnTheNewOwner()
    {
        await using var cluster = await ConnectAsync(fixture, extra: ",topologyRefreshInterval=0");
        string key = Key("{blpop-migrating}");
        int source = PortOf(cluster, key);
        int target = cluster.SlotMap.Primaries.Select(p => RedisClusterOptions.ParseEndPoint(p.EndPoint).Port).First(p => p != source);
        var migration = new SlotMigration(fixture.Cluster, RedisCluster.GetSlot(key), source, target);
        var pop = cluster.BLPopAsync(key, Long).AsTask();
        await WaitForBlockedClients(source, blocked: true);
        migration.Begin();
        migration.Finish();
        try
        {
            // The source answers its blocked client with MOVED; the pop is sent again to the target and waits there.
            await WaitForBlockedClients(target, blocked: true);
            Assert.False(pop.IsCompleted);
            await using var other = await ConnectAsync(fixture);
            await other.RPushAsync(key, "after-move");
            Assert.Equal("after-move", (string?)await pop);
        }
        finally
        {
            var back = migration.Reverse();
            back.Begin();
            back.Finish();
        }
    }

    [Fact]
    public async Task BadInput_ThrowsTypedErrorsBeforeSending()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("blocking-bad");
        var (a, b) = CrossSlotKeys("blocking-x");
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.BLPopAsync(key, TimeSpan.Zero));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.BZPopMinAsync(key, TimeSpan.FromSeconds(-1)));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.BLPopAsync((string)null!, Short));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.BRPopAsync(Array.Empty<RedisKey>(), Short));
        await Assert.ThrowsAsync<RedisCrossSlotException>(async () => await cluster.BLPopAsync([a, b], Short));
        await Assert.ThrowsAsync<RedisCrossSlotException>(async () => await cluster.BZPopMaxAsync([a, b], Short));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.BLMPopAsync(key, ListSide.Left, Short, count: 0));
        Assert.Throws<RedisCrossSlotException>(() => cluster.BLMPop([a, b], ListSide.Left, Short));
        Assert.Throws<ArgumentNullException>(() => cluster.BLPop((IReadOnlyList<RedisKey>)null!, Short));
    }

    /// <summary>Waits until the node serving <paramref name="key"/> reports a client blocked on it.</summary>
    private async Task WaitUntilBlocked(RedisKey key) => await WaitForBlockedClients(key, blocked: true);

    private async Task WaitUntilNotBlocked(RedisKey key) => await WaitForBlockedClients(key, blocked: false);

    private Task WaitForBlockedClients(RedisKey key, bool blocked) => CommandTest.WaitForBlockedClients(fixture, key, blocked);

    private Task WaitForBlockedClients(int port, bool blocked) => CommandTest.WaitForBlockedClients(fixture, port, blocked);
}

using Slotted.ClusterTests.Infrastructure;
using static Slotted.ClusterTests.Commands.CommandTest;
using static Slotted.ClusterTests.Commands.StreamTest;

namespace Slotted.ClusterTests.Commands;

/// <summary>
/// Consumer groups: XGROUP, XREADGROUP (history, NOACK, BLOCK, across slots), XACK, XPENDING,
/// XCLAIM, XAUTOCLAIM and XINFO GROUPS / CONSUMERS, under both protocols.
/// </summary>
[Collection("cluster")]
public sealed class StreamGroupTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ConsumerGroup_LifeCycle_ReadPendingClaimAutoClaimAckInfo(int protocol)
    {
        await using var cluster = await ConnectAsync(fixture, protocol);
        string key = Key("xgroup-life");
        await cluster.XGroupCreateAsync(key, "g", "0", mkStream: true);
        var busy = await Assert.ThrowsAsync<RedisServerException>(async () => await cluster.XGroupCreateAsync(key, "g"));
        Assert.Equal("BUSYGROUP", busy.Prefix);
        for (int i = 1; i <= 4; i++) await cluster.XAddAsync(key, "job", i, id: $"{i}-0");

        // alice reads two new entries, bob the rest; all four become pending.
        Assert.Equal(["1-0:job=1", "2-0:job=2"], Text(await cluster.XReadGroupAsync(key, "g", "alice", count: 2)));
        Assert.Equal(["3-0:job=3", "4-0:job=4"], Text(cluster.XReadGroup(key, "g", "bob")));
        Assert.Empty(await cluster.XReadGroupAsync(key, "g", "bob"));
        // An id instead of ">" re-reads the consumer's own pending history.
        Assert.Equal(["2-0:job=2"], Text(await cluster.XReadGroupAsync(key, "g", "alice", id: "1-0")));

        var summary = await cluster.XPendingAsync(key, "g");
        Assert.Equal(4, summary.Count);
        Assert.Equal("1-0", summary.LowestId.ToString());
        Assert.Equal("4-0", summary.HighestId.ToString());
        Assert.Equal([new StreamConsumerPending("alice", 2), new StreamConsumerPending("bob", 2)], summary.Consumers.OrderBy(c => c.Name.ToString()));

        var pending = cluster.XPending(key, "g", "-", "+", 10);
        Assert.Equal(["1-0", "2-0", "3-0", "4-0"], pending.Select(p => p.Id.ToString()));
        Assert.Equal(["alice", "alice", "bob", "bob"], pending.Select(p => p.Consumer.ToString()));
        Assert.Equal([1L, 2, 1, 1], pending.Select(p => p.DeliveryCount)); // alice's history read after 1-0 delivered 2-0 again
        Assert.Equal(["3-0"], (await cluster.XPendingAsync(key, "g", "-", "+", 1, consumer: "bob")).Select(p => p.Id.ToString()));
        Assert.Empty(await cluster.XPendingAsync(key, "g", "-", "+", 10, minIdle: TimeSpan.FromHours(1)));

        // carol claims bob's 3-0 (min idle 0), then with JUSTID his 4-0 (delivery count unchanged).
        Assert.Equal(["3-0:job=3"], Text(await cluster.XClaimAsync(key, "g", "carol", TimeSpan.Zero, ["3-0"])));
        Assert.Equal(["4-0"], Text(cluster.XClaimJustId(key, "g", "carol", TimeSpan.Zero, ["4-0"])));
        Assert.Empty(await cluster.XClaimAsync(key, "g", "carol", TimeSpan.FromHours(1), ["1-0"]));
        pending = await cluster.XPendingAsync(key, "g", "3-0", "4-0", 10);
        Assert.Equal([("carol", 2L), ("carol", 1L)], pending.Select(p => (p.Consumer.ToString(), p.DeliveryCount)));

        // XAUTOCLAIM hands dave everything idle; an entry deleted meanwhile is reported, not returned.
        await cluster.XDelAsync(key, "2-0");
        var auto = await cluster.XAutoClaimAsync(key, "g", "dave", TimeSpan.Zero, count: 10);
        Assert.Equal("0-0", auto.NextStartId.ToString());
        Assert.Equal(["1-0:job=1", "3-0:job=3", "4-0:job=4"], Text(auto.Entries));
        Assert.Equal(["2-0"], Text(auto.DeletedIds));
        var paged = cluster.XAutoClaim(key, "g", "erin", TimeSpan.Zero, "0-0", count: 1);
        Assert.Equal(["1-0:job=1"], Text(paged.Entries));
        Assert.Equal("3-0", paged.NextStartId.ToString());

        Assert.Equal(2, await cluster.XAckAsync(key, "g", "1-0", "3-0", "9-0"));
        Assert.Equal(1, cluster.XAck(key, "g", "4-0"));
        Assert.Equal(0, (await cluster.XPendingAsync(key, "g")).Count);

        var groups = await cluster.XInfoGroupsAsync(key);
        var g = Assert.Single(groups);
        Assert.Equal("g", g.Name.ToString());
        Assert.Equal(5, g.Consumers);
        Assert.Equal(0, g.Pending);
        Assert.Equal("4-0", g.LastDeliveredId.ToString());
        Assert.Equal(4, g.EntriesRead);
        var consumers = cluster.XInfoConsumers(key, "g");
        Assert.Equal(["alice", "bob", "carol", "dave", "erin"], consumers.Select(c => c.Name.ToString()).Order());
        Assert.All(consumers, c => Assert.Equal(0, c.Pending));
        Assert.All(consumers, c => Assert.True(c.Idle >= TimeSpan.Zero));

        Assert.True(await cluster.XGroupCreateConsumerAsync(key, "g", "frank"));
        Assert.False(cluster.XGroupCreateConsumer(key, "g", "frank"));
        Assert.Equal(0, await cluster.XGroupDelConsumerAsync(key, "g", "frank"));
        Assert.True(await cluster.XGroupDestroyAsync(key, "g"));
        Assert.False(cluster.XGroupDestroy(key, "g"));
        Assert.Empty(await cluster.XInfoGroupsAsync(key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task XReadGroup_HistoryOfDeletedEntry_ComesWithoutFields(int protocol)
    {
        await using var cluster = await ConnectAsync(fixture, protocol);
        string key = Key("xgroup-deleted");
        await cluster.XAddAsync(key, "f", "v", id: "1-0");
        await cluster.XAddAsync(key, "f", "w", id: "2-0");
        cluster.XGroupCreate(key, "g", "0");
        await cluster.XReadGroupAsync(key, "g", "c");
        await cluster.XDelAsync(key, "1-0");
        var history = await cluster.XReadGroupAsync(key, "g", "c", id: "0");
        Assert.Equal(["1-0:(deleted)", "2-0:f=w"], Text(history));
        Assert.True(history[0].IsDeleted);
    }

    [Fact]
    public async Task XReadGroup_NoAck_LeavesNothingPending_SetIdRewinds()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = await StreamWithGroupAsync(cluster, "xgroup-noack", entries: 2, entriesRead: 0);
        Assert.Equal(2, (await cluster.XReadGroupAsync(key, "g", "c", noAck: true)).Length);
        Assert.Equal(0, cluster.XPending(key, "g").Count);
        Assert.Equal(0, (await cluster.XInfoGroupsAsync(key))[0].Lag);

        await cluster.XGroupSetIdAsync(key, "g", "1-0");
        Assert.Equal(["2-0:f=2"], Text(await cluster.XReadGroupAsync(key, "g", "c")));
        cluster.XGroupSetId(key, "g", "0", entriesRead: 0);
        Assert.Equal(2, cluster.XReadGroup(key, "g", "c").Length);
        await cluster.XGroupSetIdAsync(key, "g");
        Assert.Empty(await cluster.XReadGroupAsync(key, "g", "c"));
    }

    [Fact]
    public async Task XReadGroup_Block_WokenByXAddFromAnotherClient()
    {
        await using var cluster = await ConnectAsync(fixture);
        await using var other = await ConnectAsync(fixture);
        var keys = SameSlotKeys("xgroup-block", 2);
        foreach (var k in keys) await cluster.XGroupCreateAsync(k, "g", mkStream: true);
        var read = cluster.XReadGroupAsync([new(keys[0], ">"), new(keys[1], ">")], "g", "c", block: Long).AsTask();
        await WaitForBlockedClients(fixture, keys[0], blocked: true);
        Assert.False(read.IsCompleted);
        await other.XAddAsync(keys[1], "f", "v", id: "5-0");
        Assert.Equal([$"{keys[1]}=[5-0:f=v]"], Text(await read));
        Assert.Equal(1, (await cluster.XPendingAsync(keys[1], "g")).Count);

        // Sync, one stream.
        var sync = Task.Factory.StartNew(() => cluster.XReadGroup(keys[0], "g", "c", block: Long), TaskCreationOptions.LongRunning);
        await WaitForBlockedClients(fixture, keys[0], blocked: true);
        await other.XAddAsync(keys[0], "g", "w", id: "6-0");
        Assert.Equal(["6-0:g=w"], Text(await sync));
    }

    [Fact]
    public async Task XReadGroup_BlockCancelled_ThrowsAndDeliversNothing()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("xgroup-cancel");
        await cluster.XGroupCreateAsync(key, "g", mkStream: true);
        using var cts = new CancellationTokenSource();
        var read = cluster.XReadGroupAsync(key, "g", "c", block: Long, cancellationToken: cts.Token).AsTask();
        await WaitForBlockedClients(fixture, key, blocked: true);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        await WaitForBlockedClients(fixture, key, blocked: false);
        await cluster.XAddAsync(key, "f", "v", id: "1-0");
        Assert.Equal(["1-0:f=v"], Text(await cluster.XReadGroupAsync(key, "g", "c")));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task XReadGroup_CrossSlotStreams_SameAsNativeOnHashTaggedCopies(int protocol)
    {
        await using var cluster = await ConnectAsync(fixture, protocol);
        var (a, b) = CrossSlotKeys("xgroup-x");
        string tag = $"{{xgroup-tag-{Guid.NewGuid():N}}}";
        string[] spread = [a, b];
        string[] tagged = [tag + a, tag + b];
        foreach (var k in spread.Concat(tagged))
        {
            await cluster.XAddAsync(k, "f", 1, id: "1-0");
            await cluster.XAddAsync(k, "f", 2, id: "2-0");
            await cluster.XGroupCreateAsync(k, "g", "0");
        }
        StreamPosition[] Positions(string[] keys) => [new(keys[1], ">"), new(keys[0], ">")];
        var native = await cluster.XReadGroupAsync(Positions(tagged), "g", "c", count: 1);
        var emulated = await cluster.XReadGroupAsync(Positions(spread), "g", "c", count: 1);
        Assert.Equal(Text(native).Select(l => l.Replace(tag, "")), Text(emulated));
        Assert.Equal([$"{b}=[1-0:f=1]", $"{a}=[1-0:f=1]"], Text(emulated));
        Assert.Equal([$"{b}=[2-0:f=2]", $"{a}=[2-0:f=2]"], Text(cluster.XReadGroup(Positions(spread), "g", "c", noAck: true)));
        Assert.Equal(1, (await cluster.XPendingAsync(a, "g")).Count);
        Assert.Empty(await cluster.XReadGroupAsync(Positions(spread), "g", "c"));

        // One slot fails: the call throws, and what the other slot delivered stays pending (documented).
        string none;
        do none = Key("xgroup-none"); while (RedisCluster.GetSlot(none) == RedisCluster.GetSlot(a));
        await cluster.XAddAsync(a, "f", 3, id: "3-0");
        var missingGroup = await Assert.ThrowsAsync<RedisServerException>(async () => await cluster.XReadGroupAsync([new(a, ">"), new(none, ">")], "g", "c"));
        Assert.Equal("NOGROUP", missingGroup.Prefix);
        Assert.Equal(["1-0:f=1", "3-0:f=3"], Text(await cluster.XReadGroupAsync(a, "g", "c", id: "0")));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task XInfoStreamFull_ShowsEntriesGroupsPendingAndConsumers(int protocol)
    {
        await using var cluster = await ConnectAsync(fixture, protocol);
        string key = await StreamWithGroupAsync(cluster, "xinfo-full", entries: 3);
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        await cluster.XReadGroupAsync(key, "g", "alice", count: 2);
        await cluster.XReadGroupAsync(key, "g", "bob");

        var full = await cluster.XInfoStreamFullAsync(key);
        Assert.Equal(3, full.Stream.Length);
        Assert.Equal(1, full.Stream.Groups);
        Assert.Equal("3-0", full.Stream.LastGeneratedId.ToString());
        Assert.Equal(["1-0:f=1", "2-0:f=2", "3-0:f=3"], Text(full.Entries));
        var group = Assert.Single(full.Groups);
        Assert.Equal("g", group.Name.ToString());
        Assert.Equal(3, group.PendingCount);
        Assert.Equal([("1-0", "alice"), ("2-0", "alice"), ("3-0", "bob")], group.Pending.Select(p => (p.Id.ToString(), p.Consumer.ToString())));
        Assert.All(group.Pending, p => Assert.True(p.LastDelivered >= before && p.DeliveryCount == 1));
        var alice = group.Consumers.Single(c => c.Name == "alice");
        Assert.Equal(2, alice.PendingCount);
        Assert.Equal(["1-0", "2-0"], alice.Pending.Select(p => p.Id.ToString()));
        Assert.All(alice.Pending, p => Assert.Equal("alice", p.Consumer.ToString()));
        Assert.True(alice.SeenTime >= before);

        var limited = cluster.XInfoStreamFull(key, count: 1);
        Assert.Single(limited.Entries);
        Assert.Single(limited.Groups[0].Pending);
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.XInfoStreamFull(key, count: -1));
    }

    [Fact]
    public async Task XClaim_Options_SetIdleRetryCountAndForce()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = await StreamWithGroupAsync(cluster, "xclaim-options", entries: 2);
        await cluster.XReadGroupAsync(key, "g", "a", count: 1);

        var claimed = await cluster.XClaimAsync(key, "g", "b", TimeSpan.Zero, ["1-0"], new StreamClaimOptions { Idle = TimeSpan.FromMinutes(5), RetryCount = 7 });
        Assert.Equal(["1-0:f=1"], Text(claimed));
        var entry = Assert.Single(await cluster.XPendingAsync(key, "g", "-", "+", 10));
        Assert.Equal(7, entry.DeliveryCount);
        Assert.True(entry.Idle >= TimeSpan.FromMinutes(5), $"idle {entry.Idle}");

        // 2-0 was never delivered: only FORCE puts it in b's pending list.
        Assert.Empty(await cluster.XClaimAsync(key, "g", "b", TimeSpan.Zero, ["2-0"]));
        var time = DateTimeOffset.UtcNow.AddMinutes(-10);
        Assert.Equal(["2-0"], Text(cluster.XClaimJustId(key, "g", "b", TimeSpan.Zero, ["2-0"], new StreamClaimOptions { Force = true, Time = time })));
        var forced = (await cluster.XPendingAsync(key, "g", "2-0", "2-0", 1)).Single();
        Assert.Equal("b", forced.Consumer.ToString());
        Assert.True(forced.Idle >= TimeSpan.FromMinutes(9), $"idle {forced.Idle}");
    }

    [Fact]
    public async Task XAutoClaimJustId_AndXClaimLastId()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = await StreamWithGroupAsync(cluster, "xautoclaim-justid", entries: 3);
        await cluster.XReadGroupAsync(key, "g", "a", count: 3);

        // JUSTID: ids only, and the delivery counts stay as they were (1).
        var ids = await cluster.XAutoClaimJustIdAsync(key, "g", "b", TimeSpan.Zero, count: 2);
        Assert.Equal(["1-0", "2-0"], Text(ids.Ids));
        Assert.Equal("3-0", ids.NextStartId.ToString());
        Assert.Empty(ids.DeletedIds);
        Assert.All(await cluster.XPendingAsync(key, "g", "1-0", "2-0", 10), p => Assert.Equal(("b", 1L), (p.Consumer.ToString(), p.DeliveryCount)));
        var rest = cluster.XAutoClaimJustId(key, "g", "b", TimeSpan.Zero, ids.NextStartId);
        Assert.Equal(["3-0"], Text(rest.Ids));
        Assert.Equal("0-0", rest.NextStartId.ToString());

        // LASTID moves the group's last-delivered id forward (never back).
        await cluster.XAddAsync(key, "f", "4", id: "4-0");
        await cluster.XClaimJustIdAsync(key, "g", "c", TimeSpan.Zero, ["3-0"], new StreamClaimOptions { LastId = "4-0" });
        Assert.Equal("4-0", (await cluster.XInfoGroupsAsync(key)).Single().LastDeliveredId.ToString());
        Assert.Empty(await cluster.XReadGroupAsync(key, "g", "c"));
        await cluster.XClaimJustIdAsync(key, "g", "c", TimeSpan.Zero, ["3-0"], new StreamClaimOptions { LastId = "1-0" });
        Assert.Equal("4-0", (await cluster.XInfoGroupsAsync(key)).Single().LastDeliveredId.ToString());
    }

    [Fact]
    public async Task BadInput_ThrowsTypedErrorsBeforeSending()
    {
        // A null group, consumer or id → ArgumentNullException; an empty id list → ArgumentException;
        // negative min-idle, COUNT, ENTRIESREAD or RETRYCOUNT, XAUTOCLAIM COUNT 0 → ArgumentOutOfRangeException.
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("xgroup-bad");
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.XGroupCreateAsync(key, RedisValue.Null, mkStream: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.XGroupCreate(key, "g", mkStream: true, entriesRead: -1));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.XGroupCreateConsumerAsync(key, "g", RedisValue.Null));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.XAckAsync(key, "g"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.XPendingAsync(key, "g", "-", "+", -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.XPending(key, "g", "-", "+", 10, minIdle: TimeSpan.FromSeconds(-1)));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.XPendingAsync(key, "g", RedisValue.Null, "+", 1));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.XClaimAsync(key, "g", "c", TimeSpan.Zero, []));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.XClaimAsync(key, "g", "c", TimeSpan.FromMilliseconds(-1), ["1-0"]));
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.XClaim(key, "g", "c", TimeSpan.Zero, ["1-0"], new StreamClaimOptions { RetryCount = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.XAutoClaim(key, "g", "c", TimeSpan.Zero, count: 0));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.XAutoClaimAsync(key, "g", RedisValue.Null, TimeSpan.Zero));
        Assert.False(await cluster.ExistsAsync(key));
        var noGroup = await Assert.ThrowsAsync<RedisServerException>(async () => await cluster.XPendingAsync(key, "g"));
        Assert.Equal("NOGROUP", noGroup.Prefix);
    }

    /// <summary>A new stream with entries <c>1-0 f=1</c> ... <c>n-0 f=n</c> and group <c>g</c> that has delivered none of them.</summary>
    private static async Task<string> StreamWithGroupAsync(RedisCluster cluster, string name, int entries, long? entriesRead = null)
    {
        string key = Key(name);
        for (int i = 1; i <= entries; i++) await cluster.XAddAsync(key, "f", i, id: $"{i}-0");
        await cluster.XGroupCreateAsync(key, "g", "0", entriesRead: entriesRead);
        return key;
    }
}

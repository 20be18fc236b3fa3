using Slotted.ClusterTests.Infrastructure;
using static Slotted.ClusterTests.Commands.CommandTest;
using static Slotted.ClusterTests.Commands.StreamTest;

namespace Slotted.ClusterTests.Commands;

/// <summary>
/// XREAD: one stream, several streams (native in one slot, emulated per slot across slots), and
/// BLOCK on an exclusive connection — woken by another client, cancelled, refused across slots.
/// </summary>
[Collection("cluster")]
public sealed class StreamReadTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task XRead_OneStream_ReadsAfterTheIdInBothProtocols(int protocol)
    {
        await using var cluster = await ConnectAsync(fixture, protocol);
        string key = Key("xread-one");
        for (int i = 1; i <= 3; i++) await cluster.XAddAsync(key, [new("i", i), new("sq", i * i)], id: $"{i}-0");
        Assert.Equal(["1-0:i=1,sq=1", "2-0:i=2,sq=4", "3-0:i=3,sq=9"], Text(await cluster.XReadAsync(key, "0")));
        Assert.Equal(["2-0:i=2,sq=4"], Text(cluster.XRead(key, "1-0", count: 1)));
        Assert.Empty(await cluster.XReadAsync(key, "3-0"));
        Assert.Empty(cluster.XRead(Key("xread-missing"), "0"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task XRead_SameSlotStreams_NativeReplyInCallersOrder(int protocol)
    {
        await using var cluster = await ConnectAsync(fixture, protocol);
        var keys = SameSlotKeys("xread-same", 3);
        await cluster.XAddAsync(keys[0], "a", 1, id: "1-0");
        await cluster.XAddAsync(keys[2], "c", 3, id: "3-0");
        await cluster.XAddAsync(keys[2], "c", 4, id: "4-0");
        var read = await cluster.XReadAsync([new(keys[2], "0"), new(keys[1], "0"), new(keys[0], "0")], count: 1);
        Assert.Equal([$"{keys[2]}=[3-0:c=3]", $"{keys[0]}=[1-0:a=1]"], Text(read));
        Assert.Equal([$"{keys[2]}=[4-0:c=4]"], Text(cluster.XRead([new(keys[0], "1-0"), new(keys[2], "3-0")])));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task XRead_CrossSlotStreams_SameReplyAsNativeOnHashTaggedCopies(int protocol)
    {
        await using var cluster = await ConnectAsync(fixture, protocol);
        // Four streams in (very likely) four slots, and copies of them under one hash tag.
        string[] spread = [Key("xread-x0"), Key("xread-x1"), Key("xread-x2"), Key("xread-x3")];
        Assert.True(spread.Select(k => RedisCluster.GetSlot(k)).Distinct().Count() > 1);
        string tag = $"{{xread-tag-{Guid.NewGuid():N}}}";
        string[] tagged = spread.Select(k => $"{tag}{k}").ToArray();
        for (int s = 0; s < spread.Length; s++)
        {
            if (s == 1) continue; // one stream stays missing
            for (int i = 1; i <= s + 1; i++)
            {
                await cluster.XAddAsync(spread[s], [new("s", s), new("i", i)], id: $"{i}-{s}");
                await cluster.XAddAsync(tagged[s], [new("s", s), new("i", i)], id: $"{i}-{s}");
            }
        }
        // The caller's order is not the slots' order; ids and COUNT differ per stream.
        int[] order = [3, 1, 0, 2];
        string[] ids = ["0", "0", "0", "1-2"];
        StreamPosition[] Positions(string[] keys) => order.Select((s, i) => new StreamPosition(keys[s], ids[i])).ToArray();

        var native = await cluster.XReadAsync(Positions(tagged), count: 2);
        var emulated = await cluster.XReadAsync(Positions(spread), count: 2);
        string Untag(string line) => line.Replace(tag, "");
        Assert.Equal(Text(native).Select(Untag), Text(emulated));
        Assert.Equal(3, emulated.Length); // the missing stream is left out, as natively
        Assert.Equal([spread[3], spread[0], spread[2]], emulated.Select(r => r.Key.ToString()));
        Assert.Equal(["2-2:s=2,i=2", "3-2:s=2,i=3"], Text(emulated[2].Entries));
        Assert.Equal(spread[3], emulated[0].Key.ToString());
        Assert.Equal(["1-3:s=3,i=1", "2-3:s=3,i=2"], Text(emulated[0].Entries));
        Assert.Equal(Text(cluster.XRead(Positions(tagged))).Select(Untag), Text(cluster.XRead(Positions(spread))));
        Assert.Empty(await cluster.XReadAsync([new(spread[0], "$"), new(spread[2], "$"), new(spread[1], "0")]));
    }

    [Fact]
    public async Task XRead_Block_WokenByXAddFromAnotherClient()
    {
        await using var cluster = await ConnectAsync(fixture);
        await using var other = await ConnectAsync(fixture);
        string key = Key("xread-block");
        await cluster.XAddAsync(key, "old", 1);
        var read = cluster.XReadAsync(key, "$", block: Long).AsTask();
        await WaitForBlockedClients(fixture, key, blocked: true);
        Assert.False(read.IsCompleted);
        var id = await other.XAddAsync(key, "new", 2);
        Assert.Equal([$"{id}:new=2"], Text(await read));
    }

    [Fact]
    public async Task XRead_BlockOnSameSlotStreams_Sync_WokenByXAdd()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        await using var other = await ConnectAsync(fixture);
        var keys = SameSlotKeys("xread-block-sync", 2);
        var read = Task.Factory.StartNew(() => cluster.XRead([new(keys[0], "$"), new(keys[1], "0")], block: Long), TaskCreationOptions.LongRunning);
        await WaitForBlockedClients(fixture, keys[0], blocked: true);
        await other.XAddAsync(keys[1], "f", "v", id: "7-0");
        Assert.Equal([$"{keys[1]}=[7-0:f=v]"], Text(await read));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task XRead_Block_NothingArrives_ReturnsEmpty(int protocol)
    {
        await using var cluster = await ConnectAsync(fixture, protocol);
        var keys = SameSlotKeys("xread-timeout", 2);
        Assert.Empty(await cluster.XReadAsync(keys[0], "$", block: Short));
        Assert.Empty(cluster.XRead([new(keys[0], "0"), new(keys[1], "0")], count: 5, block: Short));
    }

    [Fact]
    public async Task XRead_BlockCancelled_ThrowsAndTheServerIsReleased()
    {
        await using var cluster = await ConnectAsync(fixture);
        await using var other = await ConnectAsync(fixture);
        string key = Key("xread-cancel");
        using var cts = new CancellationTokenSource();
        var read = cluster.XReadAsync(key, "$", block: Timeout.InfiniteTimeSpan, cancellationToken: cts.Token).AsTask();
        await WaitForBlockedClients(fixture, key, blocked: true);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        await WaitForBlockedClients(fixture, key, blocked: false);
        var id = await other.XAddAsync(key, "after", 1);
        Assert.Equal([$"{id}:after=1"], Text(await cluster.XReadAsync(key, "0", block: Long)));
    }

    [Fact]
    public async Task XRead_BlockAcrossSlots_RefusedBeforeSending()
    {
        await using var cluster = await ConnectAsync(fixture);
        var (a, b) = CrossSlotKeys("xread-block-x");
        var error = await Assert.ThrowsAsync<RedisCrossSlotException>(async () => await cluster.XReadAsync([new(a, "$"), new(b, "$")], block: Long));
        Assert.Contains("atomically", error.Message);
        Assert.Contains("hash tag", error.Message);
        Assert.Throws<RedisCrossSlotException>(() => cluster.XRead([new(a, "0"), new(b, "0")], block: Short));
        Assert.Throws<RedisCrossSlotException>(() => cluster.XReadGroup([new(a, ">"), new(b, ">")], "g", "c", block: Short));
        await Assert.ThrowsAsync<RedisCrossSlotException>(async () => await cluster.XReadGroupAsync([new(a, ">"), new(b, ">")], "g", "c", block: Short));
    }

    [Fact]
    public async Task BadInput_ThrowsTypedErrorsBeforeSending()
    {
        // Null list or id → ArgumentNullException; empty list or empty key → ArgumentException;
        // negative COUNT, zero or negative BLOCK → ArgumentOutOfRangeException.
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("xread-bad");
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.XReadAsync(key, RedisValue.Null));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.XReadAsync((IReadOnlyList<StreamPosition>)null!));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.XReadAsync(Array.Empty<StreamPosition>()));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.XReadAsync([new(key, "0"), new("", "0")]));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.XReadAsync([new(key, "0"), new(Key("x"), RedisValue.Null)]));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.XReadAsync(key, "0", count: -1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.XReadAsync(key, "0", block: TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.XRead([new(key, "0")], block: TimeSpan.FromSeconds(-1)));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.XReadGroupAsync(key, RedisValue.Null, "c"));
        Assert.Throws<ArgumentNullException>(() => cluster.XReadGroup(key, "g", RedisValue.Null));
    }
}

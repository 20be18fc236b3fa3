using Slotted.ClusterTests.Infrastructure;
using static Slotted.ClusterTests.Commands.CommandTest;
using static Slotted.ClusterTests.Commands.StreamTest;

namespace Slotted.ClusterTests.Commands;

/// <summary>Stream commands queued in pipelines and transactions.</summary>
[Collection("cluster")]
public sealed class StreamBatchTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Pipeline_StreamCommandsAcrossSlots_GiveTheTypedReplies(int protocol)
    {
        await using var cluster = await ConnectAsync(fixture, protocol);
        var (a, b) = CrossSlotKeys("xpipe");
        var pipe = cluster.CreatePipeline();
        var addA = pipe.XAddAsync(a, "f", 1, id: "1-0");
        var addB = pipe.XAddAsync(b, [new("f", 2), new("g", 3)], id: "2-0");
        var missing = pipe.XAddAsync(Key("xpipe-missing"), "f", 1, noMkStream: true);
        var len = pipe.XLenAsync(a);
        var range = pipe.XRangeAsync(b);
        var rev = pipe.XRevRangeAsync(a, count: 1);
        var read = pipe.XReadAsync(b, "0");
        var del = pipe.XDelAsync(a, "1-0");
        var trim = pipe.XTrimAsync(b, StreamTrim.MaxLength(0));
        await pipe.ExecuteAsync();

        Assert.Equal("1-0", (await addA).ToString());
        Assert.Equal("2-0", (await addB).ToString());
        Assert.True((await missing).IsNull);
        Assert.Equal(1, await len);
        Assert.Equal(["2-0:f=2,g=3"], Text(await range));
        Assert.Equal(["1-0:f=1"], Text(await rev));
        Assert.Equal(["2-0:f=2,g=3"], Text(await read));
        Assert.Equal(1, await del);
        Assert.Equal(1, await trim);
    }

    [Fact]
    public async Task Transaction_ReadGroupAndAck_CommitTogether()
    {
        await using var cluster = await ConnectAsync(fixture);
        var keys = SameSlotKeys("xtx", 2);
        RedisKey jobs = keys[0], done = keys[1];
        await cluster.XAddAsync(jobs, "job", "a", id: "1-0");
        await cluster.XGroupCreateAsync(jobs, "workers", "0");
        var claimed = await cluster.XReadGroupAsync(jobs, "workers", "w1");
        Assert.Equal(["1-0:job=a"], Text(claimed));

        // Acknowledge the job and record its result atomically.
        await using var tx = cluster.CreateTransaction(jobs);
        var ack = tx.XAckAsync(jobs, "workers", "1-0");
        var add = tx.XAddAsync(done, "job", "a", id: "1-0");
        var pending = tx.XPendingAsync(jobs, "workers");
        var next = tx.XReadGroupAsync(jobs, "workers", "w1");
        Assert.True(await tx.ExecuteAsync());
        Assert.Equal(1, await ack);
        Assert.Equal("1-0", (await add).ToString());
        Assert.Equal(0, (await pending).Count);
        Assert.Empty(await next);
    }
}

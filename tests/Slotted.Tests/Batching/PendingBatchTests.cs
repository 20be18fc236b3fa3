using Slotted.Connections;

namespace Slotted.Tests.Batching;

public sealed class PendingBatchTests
{
    private static PendingBatch Create(int count) =>
        new(Enumerable.Range(0, count).Select(i => new RedisValue[] { "GET", $"k{i}" }).ToArray(), null, Environment.TickCount64 + 60_000);

    [Fact]
    public async Task TrySetResult_EveryReply_StoredInOrderAndCompletesOnLast()
    {
        var batch = Create(3);
        batch.TrySetResult(RedisResult.Integer(10));
        batch.TrySetResult(RedisResult.Integer(11));
        Assert.False(batch.IsCompleted);
        Assert.Equal(2, batch.Delivered);
        batch.TrySetResult(RedisResult.Integer(12));
        Assert.True(batch.IsCompleted);
        await batch.Task;
        Assert.Equal([10L, 11L, 12L], Enumerable.Range(0, 3).Select(i => batch.Reply(i).ToInt64()));
    }

    [Fact]
    public async Task TrySetException_AfterSomeReplies_KeepsThoseReplies()
    {
        var batch = Create(4);
        batch.TrySetResult(RedisResult.Ok);
        batch.TrySetException(new RedisConnectionException("lost", "n:1", outcomeUnknown: true));
        await Assert.ThrowsAsync<RedisConnectionException>(async () => await batch.Task);
        Assert.Equal(1, batch.Delivered);
        Assert.Same(RedisResult.Ok, batch.Reply(0));
        Assert.Throws<InvalidOperationException>(() => batch.Reply(1));
    }

    [Fact]
    public void TrySetResult_AfterFailure_ReplyStillStoredInItsPlace()
    {
        // Replies are FIFO: a late reply is still the answer to the next command, never another's.
        var batch = Create(2);
        batch.TrySetException(new RedisTimeoutException("late"));
        batch.TrySetResult(RedisResult.Integer(5));
        Assert.Equal(1, batch.Delivered);
        Assert.Equal(5, batch.Reply(0).ToInt64());
    }

    [Fact]
    public void Wait_Completed_ReturnsWithoutBlocking()
    {
        var batch = Create(1);
        batch.TrySetResult(RedisResult.Integer(1));
        Assert.Same(RedisResult.Ok, batch.Wait("n:1"));
    }

    [Fact]
    public void Constructor_NoCommands_Throws() =>
        Assert.Throws<ArgumentException>(() => new PendingBatch([], null, 0));
}

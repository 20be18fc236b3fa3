using Slotted.Routing;

namespace Slotted.Tests.Batching;

/// <summary>What pipelines and transactions decide before anything is sent (no server needed).</summary>
public sealed class BatchQueueTests : IDisposable
{
    private readonly ClusterExecutor _executor = new(RedisClusterOptions.Parse("127.0.0.1:1,topologyRefreshInterval=0"));

    public void Dispose() => _executor.Dispose();

    [Fact]
    public void SetAsync_NullKey_ThrowsAndQueuesNothing()
    {
        var pipeline = new RedisPipeline(_executor);
        Assert.Throws<ArgumentNullException>(() => { _ = pipeline.SetAsync(default(RedisKey), "v"); });
        Assert.Throws<ArgumentException>(() => { _ = pipeline.GetAsync(""); });
        Assert.Equal(0, pipeline.Count);
    }

    [Theory]
    [InlineData("WATCH")]
    [InlineData("unwatch")]
    [InlineData("MULTI")]
    [InlineData("EXEC")]
    [InlineData("DISCARD")]
    public void ExecuteAsync_TransactionCommand_RefusedPointingToCreateTransaction(string command)
    {
        var pipeline = new RedisPipeline(_executor);
        var error = Assert.Throws<RedisBlockedCommandException>(() => { _ = pipeline.ExecuteAsync(command, "k"); });
        Assert.Contains("CreateTransaction", error.Message);
        Assert.Equal(command.ToUpperInvariant(), error.Command);
    }

    [Fact]
    public void ThrowIfBlocked_TransactionCommands_RefusedOnTheSharedPath()
    {
        foreach (string name in new[] { "WATCH", "UNWATCH", "MULTI", "EXEC", "DISCARD" })
        {
            Assert.Contains(name, BlockedCommands.UseInsteadNames);
            var error = Assert.Throws<RedisBlockedCommandException>(() => BlockedCommands.ThrowIfBlocked([name, "k"]));
            Assert.Contains("CreateTransaction", error.Message);
        }
    }

    [Fact]
    public void ExecuteAsync_CrossSlotKeys_ThrowsWhenQueued()
    {
        var pipeline = new RedisPipeline(_executor);
        Assert.Throws<RedisCrossSlotException>(() => { _ = pipeline.ExecuteAsync("MGET", "a", "b"); });
        Assert.Throws<RedisCrossSlotException>(() => { _ = pipeline.DelAsync("a", "b"); });
        Assert.Equal(0, pipeline.Count);
    }

    [Theory]
    [InlineData("BLPOP", "k", "0")]
    [InlineData("BRPOP", "k", "1.5")]
    [InlineData("XREAD", "BLOCK", "100", "STREAMS", "s", "$")]
    public void ExecuteAsync_BlockingCommand_RefusedInAPipeline(params string[] words)
    {
        var pipeline = new RedisPipeline(_executor);
        var args = words[1..].Select(w => (RedisValue)w).ToArray();
        var error = Assert.Throws<NotSupportedException>(() => { _ = pipeline.ExecuteAsync(words[0], args); });
        Assert.Contains("connection of its own", error.Message);
        Assert.Equal(0, pipeline.Count);
    }

    [Fact]
    public void ExecuteAsync_NonBlockingFormOrTransaction_Accepted()
    {
        var pipeline = new RedisPipeline(_executor);
        _ = pipeline.ExecuteAsync("XREAD", "STREAMS", "s", "0");
        Assert.Equal(1, pipeline.Count);
        // Inside MULTI a blocking command does not block, so a transaction queues it.
        var transaction = new RedisTransaction(_executor, RedisCluster.GetSlot("k"));
        _ = transaction.ExecuteAsync("BLPOP", "k", "0");
        Assert.Equal(1, transaction.Count);
    }

    [Fact]
    public async Task ExecuteAsync_Empty_ReturnsEmptyAndRunsOnce()
    {
        var pipeline = new RedisPipeline(_executor);
        Assert.Empty(await pipeline.ExecuteAsync());
        Assert.True(pipeline.IsExecuted);
        await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.ExecuteAsync());
        Assert.Throws<InvalidOperationException>(() => pipeline.Execute());
        Assert.Throws<InvalidOperationException>(() => { _ = pipeline.GetAsync("k"); });
    }

    [Fact]
    public void Transaction_KeyOutsideItsSlot_ThrowsWhenQueued()
    {
        var transaction = new RedisTransaction(_executor, RedisCluster.GetSlot("{user:1}"));
        _ = transaction.SetAsync("{user:1}:name", "ann");
        _ = transaction.IncrAsync("{user:1}:visits");
        Assert.Throws<RedisCrossSlotException>(() => { _ = transaction.SetAsync("{user:2}:name", "bob"); });
        Assert.Throws<RedisCrossSlotException>(() => { _ = transaction.ExecuteAsync("RENAME", "{user:1}:name", "{user:2}:name"); });
        Assert.Equal(2, transaction.Count);
    }

    [Fact]
    public async Task Transaction_WatchKeyOutsideItsSlot_ThrowsBeforeConnecting()
    {
        await using var transaction = new RedisTransaction(_executor, RedisCluster.GetSlot("{user:1}"));
        await Assert.ThrowsAsync<RedisCrossSlotException>(() => transaction.WatchAsync("{user:1}:a", "{user:2}:a"));
        Assert.Throws<RedisCrossSlotException>(() => transaction.Watch("{user:3}"));
    }

    [Fact]
    public void Transaction_KeylessCommand_Accepted()
    {
        var transaction = new RedisTransaction(_executor, 42);
        _ = transaction.ExecuteAsync("PING");
        Assert.Equal(1, transaction.Count);
    }

    [Fact]
    public async Task Transaction_NothingQueuedNothingWatched_CommitsWithoutSending()
    {
        var transaction = new RedisTransaction(_executor, 42);
        var result = await transaction.ExecuteAsync();
        Assert.True(result.Committed);
        Assert.True(result);
        Assert.Empty(result.Results);
    }

    [Fact]
    public async Task Transaction_DisposedWithoutExecuting_TasksCancelledAndRunRefused()
    {
        var transaction = new RedisTransaction(_executor, RedisCluster.GetSlot("k"));
        var set = transaction.SetAsync("k", "v");
        await transaction.DisposeAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => set);
        await Assert.ThrowsAsync<InvalidOperationException>(() => transaction.ExecuteAsync());
    }
}

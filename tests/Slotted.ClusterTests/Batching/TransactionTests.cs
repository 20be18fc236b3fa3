using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.Batching;

[Collection("cluster")]
public sealed class TransactionTests(ClusterFixture fixture)
{
    private static string Tag(string name) => $"{{{name}-{Guid.NewGuid():N}}}";

    private static int PortOf(string endPoint) => RedisClusterOptions.ParseEndPoint(endPoint).Port;

    [Fact]
    public async Task ExecuteAsync_QueuedCommands_CommitAndCompleteTasks()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string tag = Tag("tx");
        await using var tx = cluster.CreateTransaction(tag);
        var set = tx.SetAsync(tag + ":name", "ann");
        var incr = tx.IncrByAsync(tag + ":visits", 5);
        var hset = tx.HSetAsync(tag + ":h", "f", "v");
        var get = tx.GetAsync(tag + ":name");
        var ping = tx.ExecuteAsync("PING");

        var result = await tx.ExecuteAsync();

        Assert.True(result.Committed);
        Assert.Equal(5, result.Results.Count);
        Assert.True(await set);
        Assert.Equal(5, await incr);
        Assert.True(await hset);
        Assert.Equal("ann", (string?)await get);
        Assert.Equal("PONG", (await ping).ToString());
        Assert.Equal(5, (long)await cluster.ExecuteAsync("GET", tag + ":visits"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ExecuteAsync_WatchedKeyChangedByAnotherClient_NotCommittedNothingRuns(int protocol)
    {
        // EXEC answers a RESP2 null array or a RESP3 null: both mean "not committed".
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + $",protocol={protocol}");
        await using var other = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string tag = Tag("watch");
        string balance = tag + ":balance", log = tag + ":log";
        await cluster.SetAsync(balance, "100");
        await using var tx = cluster.CreateTransaction(balance);
        await tx.WatchAsync(balance);
        long seen = (long)await cluster.GetAsync(balance);
        await other.SetAsync(balance, "0");
        var set = tx.SetAsync(balance, seen - 10);
        var push = tx.RPushAsync(log, "debit");

        var result = await tx.ExecuteAsync();

        Assert.False(result.Committed);
        Assert.False(result);
        Assert.Empty(result.Results);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => set);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => push);
        Assert.Equal("0", (string?)await cluster.GetAsync(balance));
        Assert.False(await cluster.ExistsAsync(log));
    }

    [Fact]
    public async Task ExecuteAsync_WatchedKeyUnchanged_Commits()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string tag = Tag("watchok");
        string balance = tag + ":balance";
        await cluster.SetAsync(balance, "100");
        await using var tx = cluster.CreateTransaction(tag);
        await tx.WatchAsync(balance, tag + ":other");
        long seen = (long)await cluster.GetAsync(balance);
        _ = tx.SetAsync(balance, seen - 10);
        Assert.True(await tx.ExecuteAsync());
        Assert.Equal("90", (string?)await cluster.GetAsync(balance));
    }

    [Fact]
    public async Task Queue_KeyInAnotherSlot_RefusedBeforeAnythingIsSent()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string tag = Tag("cross"), elsewhere = Tag("elsewhere");
        Assert.NotEqual(RedisCluster.GetSlot(tag), RedisCluster.GetSlot(elsewhere));
        await using var tx = cluster.CreateTransaction(tag);
        _ = tx.SetAsync(tag + ":a", "1");
        Assert.Throws<RedisCrossSlotException>(() => { _ = tx.SetAsync(elsewhere + ":b", "2"); });
        await Assert.ThrowsAsync<RedisCrossSlotException>(() => tx.WatchAsync(elsewhere));
        await tx.DisposeAsync();
        Assert.False(await cluster.ExistsAsync(tag + ":a"));
        Assert.False(await cluster.ExistsAsync(elsewhere + ":b"));
    }

    [Fact]
    public async Task ExecuteAsync_CommandRejectedWhenQueued_ExecAbortNothingRuns()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string tag = Tag("abort");
        await using var tx = cluster.CreateTransaction(tag);
        var set = tx.SetAsync(tag + ":a", "1");
        var bogus = tx.ExecuteAsync("NOSUCHCOMMAND", tag);

        var error = await Assert.ThrowsAsync<RedisTransactionAbortedException>(() => tx.ExecuteAsync());

        Assert.Equal("EXECABORT", error.Prefix);
        Assert.Equal(2, error.QueueReplies.Count);
        Assert.Equal("QUEUED", error.QueueReplies[0].ToString());
        Assert.True(error.QueueReplies[1].IsError);
        await Assert.ThrowsAsync<RedisTransactionAbortedException>(() => set);
        await Assert.ThrowsAsync<RedisServerException>(() => bogus);
        Assert.False(await cluster.ExistsAsync(tag + ":a"));
    }

    [Fact]
    public async Task ExecuteAsync_CommandFailsWhileRunning_OthersStillRunErrorInPlace()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string tag = Tag("runtime");
        await cluster.ExecuteAsync("RPUSH", tag + ":list", "x");
        await using var tx = cluster.CreateTransaction(tag);
        var wrong = tx.IncrAsync(tag + ":list");
        var right = tx.IncrAsync(tag + ":n");

        var result = await tx.ExecuteAsync();

        Assert.True(result.Committed);
        Assert.Equal("WRONGTYPE", result.Results[0].ErrorPrefix);
        Assert.Equal(1, result.Results[1].ToInt64());
        await Assert.ThrowsAsync<RedisWrongTypeException>(() => wrong);
        Assert.Equal(1, await right);
    }

    [Fact]
    public async Task Execute_SyncTwins_WatchConflictAndCommit()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        using var other = RedisCluster.Connect(fixture.StartupNodes);
        string tag = Tag("sync");
        string key = tag + ":k";
        cluster.Set(key, "1");

        using (var conflicted = cluster.CreateTransaction(key))
        {
            conflicted.Watch(key);
            other.Set(key, "2");
            _ = conflicted.SetAsync(key, "3");
            Assert.False(conflicted.Execute().Committed);
        }
        Assert.Equal("2", (string?)cluster.Get(key));

        using var tx = cluster.CreateTransaction(key);
        tx.Watch(key);
        var incr = tx.IncrAsync(key);
        var result = tx.Execute();
        Assert.True(result.Committed);
        Assert.True(incr.IsCompletedSuccessfully);
        Assert.Equal(3, await incr);
        Assert.Throws<InvalidOperationException>(() => tx.Execute());
    }

    [Fact]
    public async Task DisposeAsync_NotExecuted_UnwatchesAndCancelsTasks()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string tag = Tag("dispose");
        var tx = cluster.CreateTransaction(tag);
        await tx.WatchAsync(tag + ":k");
        var set = tx.SetAsync(tag + ":k", "never");
        await tx.DisposeAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => set);
        Assert.False(await cluster.ExistsAsync(tag + ":k"));
        // The watch does not outlive the transaction: a change to the key now does not stop the next
        // transaction on the slot (which may get the same pooled connection).
        await cluster.SetAsync(tag + ":k", "changed");
        await using var fresh = cluster.CreateTransaction(tag);
        _ = fresh.SetAsync(tag + ":k", "fresh");
        Assert.True(await fresh.ExecuteAsync());
    }

    [Fact]
    public async Task ExecuteAsync_SlotMovedBehindTheClient_FollowsOnceAndCommitsOnNewOwner()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",topologyRefreshInterval=0");
        string tag = Tag("txmoved");
        int source = PortOf(cluster.GetNodeForKey(tag)!);
        int target = cluster.SlotMap.Primaries.Select(p => PortOf(p.EndPoint)).First(p => p != source);
        var migration = new SlotMigration(fixture.Cluster, RedisCluster.GetSlot(tag), source, target);
        migration.Begin();
        migration.Finish();
        try
        {
            await using (var tx = cluster.CreateTransaction(tag))
            {
                var incr = tx.IncrAsync(tag + ":n");
                Assert.True(await tx.ExecuteAsync());
                Assert.Equal(1, await incr);
            }
            Assert.Equal($"127.0.0.1:{target}", cluster.GetNodeForKey(tag));
            Assert.Equal("1", fixture.Cluster.RedisCli(target, "GET", tag + ":n").Trim());
        }
        finally
        {
            var back = migration.Reverse();
            back.Begin();
            back.Finish();
        }
    }

    [Fact]
    public async Task WatchAsync_SlotMovedBehindTheClient_FollowsOnceThenCommits()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",topologyRefreshInterval=0");
        string tag = Tag("watchmoved");
        int source = PortOf(cluster.GetNodeForKey(tag)!);
        int target = cluster.SlotMap.Primaries.Select(p => PortOf(p.EndPoint)).First(p => p != source);
        var migration = new SlotMigration(fixture.Cluster, RedisCluster.GetSlot(tag), source, target);
        migration.Begin();
        migration.Finish();
        try
        {
            await using var tx = cluster.CreateTransaction(tag);
            await tx.WatchAsync(tag + ":k");
            Assert.Equal($"127.0.0.1:{target}", cluster.GetNodeForKey(tag));
            _ = tx.SetAsync(tag + ":k", "v");
            Assert.True(await tx.ExecuteAsync());
            Assert.Equal("v", fixture.Cluster.RedisCli(target, "GET", tag + ":k").Trim());
        }
        finally
        {
            var back = migration.Reverse();
            back.Begin();
            back.Finish();
        }
    }

    [Fact]
    public async Task ExecuteAsync_SlotMovedAfterWatch_NotCommittedAndMapUpdated()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",topologyRefreshInterval=0");
        string tag = Tag("movedafterwatch");
        int source = PortOf(cluster.GetNodeForKey(tag)!);
        int target = cluster.SlotMap.Primaries.Select(p => PortOf(p.EndPoint)).First(p => p != source);
        var migration = new SlotMigration(fixture.Cluster, RedisCluster.GetSlot(tag), source, target);
        await using var tx = cluster.CreateTransaction(tag);
        await tx.WatchAsync(tag + ":k");
        migration.Begin();
        migration.Finish();
        try
        {
            var set = tx.SetAsync(tag + ":k", "v");
            var result = await tx.ExecuteAsync();
            Assert.False(result.Committed);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => set);
            Assert.Equal($"127.0.0.1:{target}", cluster.GetNodeForKey(tag));
            Assert.False(await cluster.ExistsAsync(tag + ":k"));
        }
        finally
        {
            var back = migration.Reverse();
            back.Begin();
            back.Finish();
        }
    }

    [Fact]
    public async Task WatchAsync_KeyBeingMigrated_ClearErrorNothingWatched()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",topologyRefreshInterval=0");
        string tag = Tag("watchask");
        string key = tag + ":k";
        await cluster.SetAsync(key, "v");
        int source = PortOf(cluster.GetNodeForKey(tag)!);
        int target = cluster.SlotMap.Primaries.Select(p => PortOf(p.EndPoint)).First(p => p != source);
        var migration = new SlotMigration(fixture.Cluster, RedisCluster.GetSlot(tag), source, target);
        migration.Begin();
        try
        {
            migration.MigrateKeys(key);
            await using var tx = cluster.CreateTransaction(tag);
            var error = await Assert.ThrowsAsync<RedisServerException>(() => tx.WatchAsync(key));
            Assert.Equal("ASK", error.Prefix);
            Assert.Contains("being migrated", error.Message);
        }
        finally
        {
            migration.Finish();
            var back = migration.Reverse();
            back.Begin();
            back.Finish();
        }
    }

    [Theory]
    [InlineData("WATCH")]
    [InlineData("MULTI")]
    [InlineData("EXEC")]
    [InlineData("UNWATCH")]
    [InlineData("DISCARD")]
    public async Task ClusterExecuteAsync_TransactionCommand_RefusedPointingToCreateTransaction(string command)
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var error = await Assert.ThrowsAsync<RedisBlockedCommandException>(async () => await cluster.ExecuteAsync(command, "k"));
        Assert.Contains("CreateTransaction", error.Message);
        Assert.Throws<RedisBlockedCommandException>(() => cluster.Execute(command));
    }
}

using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.Batching;

[Collection("cluster")]
public sealed class PipelineTests(ClusterFixture fixture)
{
    private static string Run() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task ExecuteAsync_KeysOnAllThreeMasters_ResultsInCallerOrder()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string run = Run();
        var pipeline = cluster.CreatePipeline();
        var sets = new List<Task<bool>>();
        var gets = new List<Task<RedisValue>>();
        var nodes = new HashSet<string>();
        for (int i = 0; i < 300; i++)
        {
            string key = $"pipe:{run}:{i}";
            nodes.Add(cluster.GetNodeForKey(key)!);
            sets.Add(pipeline.SetAsync(key, $"v{i}"));
            gets.Add(pipeline.GetAsync(key));
        }
        Assert.Equal(3, nodes.Count);
        Assert.All(sets, t => Assert.False(t.IsCompleted));

        var results = await pipeline.ExecuteAsync();

        Assert.Equal(600, results.Count);
        for (int i = 0; i < 300; i++)
        {
            Assert.Equal("OK", results[2 * i].ToString());
            Assert.Equal($"v{i}", results[2 * i + 1].ToString());
            Assert.True(await sets[i]);
            Assert.Equal($"v{i}", (string?)await gets[i]);
        }
    }

    [Fact]
    public async Task ExecuteAsync_WrongTypeInTheMiddle_OnlyThatCommandFails()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string run = Run();
        string list = $"pipe:{run}:list", counter = $"pipe:{run}:counter", text = $"pipe:{run}:text";
        await cluster.ExecuteAsync("RPUSH", list, "a");
        var pipeline = cluster.CreatePipeline();
        var first = pipeline.IncrAsync(counter);
        var wrong = pipeline.GetAsync(list);
        var set = pipeline.SetAsync(text, "x");
        var last = pipeline.IncrAsync(counter);

        var results = await pipeline.ExecuteAsync();

        Assert.Equal(1, results[0].ToInt64());
        Assert.True(results[1].IsError);
        Assert.Equal("WRONGTYPE", results[1].ErrorPrefix);
        Assert.Equal("OK", results[2].ToString());
        Assert.Equal(2, results[3].ToInt64());
        Assert.Equal(1, await first);
        await Assert.ThrowsAsync<RedisWrongTypeException>(() => wrong);
        Assert.True(await set);
        Assert.Equal(2, await last);
    }

    [Fact]
    public async Task ExecuteAsync_SixteenThousandCommands_EveryReplyMatchesItsCommand()
    {
        // Over 4096 commands per node, so each node's share is also written from its own thread.
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string run = Run();
        const int N = 8000;
        var pipeline = cluster.CreatePipeline();
        for (int i = 0; i < N; i++) _ = pipeline.SetAsync($"big:{run}:{i}", $"value-{i}");
        var gets = new Task<RedisValue>[N];
        for (int i = 0; i < N; i++) gets[i] = pipeline.GetAsync($"big:{run}:{i}");
        Assert.Equal(2 * N, pipeline.Count);

        var results = await pipeline.ExecuteAsync();

        Assert.Equal(2 * N, results.Count);
        for (int i = 0; i < N; i++)
        {
            Assert.Equal("OK", results[i].ToString());
            Assert.Equal($"value-{i}", results[N + i].ToString());
            Assert.Equal($"value-{i}", (string?)await gets[i]);
        }
        Assert.Equal($"value-{N - 1}", (string?)await cluster.GetAsync($"big:{run}:{N - 1}"));
    }

    [Fact]
    public async Task ExecuteAsync_SeedStyle_TypedCallsThenListOfResults()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string run = Run();
        string hash = $"seed:{run}:h", list = $"seed:{run}:l", set = $"seed:{run}:s", zset = $"seed:{run}:z", key = $"seed:{run}:k";
        var p = cluster.CreatePipeline();
        var hset = p.HSetAsync(hash, "f1", "v1");
        _ = p.HSetAsync(hash, [new KeyValuePair<RedisValue, RedisValue>("f2", "v2")]);
        var hget = p.HGetAsync(hash, "f1");
        var hgetall = p.HGetAllAsync(hash);
        var lpush = p.LPushAsync(list, "b", "a");
        var rpush = p.RPushAsync(list, "c");
        var lrange = p.LRangeAsync(list);
        var sadd = p.SAddAsync(set, "x", "y", "x");
        var smembers = p.SMembersAsync(set);
        var zadd = p.ZAddAsync(zset, "m1", 1.5);
        _ = p.ZAddAsync(zset, "m0", -2);
        var zscore = p.ZScoreAsync(zset, "m1");
        var zmissing = p.ZScoreAsync(zset, "nobody");
        var zrange = p.ZRangeAsync(zset);
        _ = p.SetAsync(key, "1");
        var expire = p.ExpireAsync(key, TimeSpan.FromSeconds(100));
        var ttl = p.TtlAsync(key);
        var exists = p.ExistsAsync(key);
        var incr = p.IncrAsync(key);
        var del = p.DelAsync(key);
        var existsAfter = p.ExistsAsync(key);
        var raw = p.ExecuteAsync("HLEN", hash);

        IReadOnlyList<RedisResult> all = await p.ExecuteAsync();

        Assert.Equal(22, all.Count);
        Assert.True(await hset);
        Assert.Equal("v1", (string?)await hget);
        var fields = (await hgetall).ToDictionary();
        Assert.Equal(2, fields.Count);
        Assert.Equal("v2", (string?)fields["f2"]);
        Assert.Equal(2, await lpush);
        Assert.Equal(3, await rpush);
        Assert.Equal(["a", "b", "c"], (await lrange).Select(v => (string?)v));
        Assert.Equal(2, await sadd);
        Assert.Equal(["x", "y"], (await smembers).Select(v => (string?)v).Order());
        Assert.True(await zadd);
        Assert.Equal(1.5, await zscore);
        Assert.Null(await zmissing);
        Assert.Equal(["m0", "m1"], (await zrange).Select(v => (string?)v));
        Assert.True(await expire);
        Assert.InRange((await ttl)!.Value.TotalSeconds, 90, 100);
        Assert.True(await exists);
        Assert.Equal(2, await incr);
        Assert.True(await del);
        Assert.False(await existsAfter);
        Assert.Equal(2, (await raw).ToInt64());
        Assert.Equal(2, all[^1].ToInt64());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ExecuteAsync_EitherProtocol_SameTypedAnswers(int protocol)
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + $",protocol={protocol}");
        string run = Run();
        await cluster.ExecuteAsync("HSET", $"proto:{run}:h", "a", "1", "b", "2");
        await cluster.ExecuteAsync("ZADD", $"proto:{run}:z", "2.5", "m");
        var p = cluster.CreatePipeline();
        var hash = p.HGetAllAsync($"proto:{run}:h");
        var score = p.ZScoreAsync($"proto:{run}:z", "m");
        var members = p.SMembersAsync($"proto:{run}:none");
        await p.ExecuteAsync();
        Assert.Equal(new Dictionary<string, RedisValue> { ["a"] = "1", ["b"] = "2" }, (await hash).ToDictionary());
        Assert.Equal(2.5, await score);
        Assert.Empty(await members);
    }

    [Fact]
    public void Execute_Sync_SameAsAsync()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        string run = Run();
        var p = cluster.CreatePipeline();
        for (int i = 0; i < 100; i++) _ = p.IncrByAsync($"sync:{run}:{i % 10}", i);
        var results = p.Execute();
        Assert.Equal(100, results.Count);
        for (int i = 0; i < 10; i++) Assert.Equal(Enumerable.Range(0, 10).Sum(j => 10 * j + i), results[90 + i].ToInt64());
        Assert.Throws<InvalidOperationException>(() => p.Execute());
    }

    [Fact]
    public async Task ExecuteAsync_KeylessFanOutCommands_CombinedAsOutsideAPipeline()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var p = cluster.CreatePipeline();
        var ping = p.ExecuteAsync("PING");
        var dbsize = p.ExecuteAsync("DBSIZE");
        var echo = p.ExecuteAsync("ECHO", "hi");
        await p.ExecuteAsync();
        Assert.Equal((await cluster.ExecuteAsync("PING")).ToString(), (await ping).ToString());
        Assert.True((await dbsize).ToInt64() >= 0);
        Assert.Equal("hi", (await echo).ToString());
    }

    [Fact]
    public async Task ExecuteAsync_ReadFromReplica_ReadsGroupedOnReplicasWritesOnPrimaries()
    {
        await using var writer = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",readFrom=PreferReplica");
        string run = Run();
        for (int i = 0; i < 30; i++) await writer.SetAsync($"replica:{run}:{i}", $"v{i}");
        await writer.ExecuteAsync("WAIT", 1, 5000);
        var replicaPorts = cluster.SlotMap.Shards.SelectMany(s => s.Replicas).Select(r => RedisClusterOptions.ParseEndPoint(r.EndPoint).Port).ToList();
        Assert.Equal(3, replicaPorts.Count);
        long before = replicaPorts.Sum(ReplicaGets);

        var p = cluster.CreatePipeline();
        var gets = Enumerable.Range(0, 30).Select(i => p.GetAsync($"replica:{run}:{i}")).ToList();
        var incr = p.IncrAsync($"replica:{run}:counter");
        await p.ExecuteAsync();

        for (int i = 0; i < 30; i++) Assert.Equal($"v{i}", (string?)await gets[i]);
        Assert.Equal(1, await incr);
        Assert.Equal(30, replicaPorts.Sum(ReplicaGets) - before);
    }

    private long ReplicaGets(int port)
    {
        foreach (string line in fixture.Cluster.RedisCli(port, "INFO", "commandstats").Split('\n'))
        {
            if (!line.StartsWith("cmdstat_get:calls=", StringComparison.Ordinal)) continue;
            return long.Parse(line["cmdstat_get:calls=".Length..line.IndexOf(',')]);
        }
        return 0;
    }

    [Fact]
    public async Task ExecuteAsync_CommandWhoseKeysOnlyTheServerKnows_PlannedWhenRunErrorsInPlace()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string tag = $"{{sort-{Run()}}}";
        await cluster.ExecuteAsync("RPUSH", tag + ":list", "c", "a", "b");
        var p = cluster.CreatePipeline();
        var sorted = p.ExecuteAsync("SORT", tag + ":list", "ALPHA");
        var crossSlot = p.ExecuteAsync("SORT", tag + ":list", "ALPHA", "STORE", $"elsewhere-{Run()}");
        var after = p.ExecuteAsync("ECHO", "after");

        var results = await p.ExecuteAsync();

        Assert.Equal("a,b,c", string.Join(",", (await sorted).ToStringArray()));
        Assert.Equal("CROSSSLOT", results[1].ErrorPrefix);
        await Assert.ThrowsAsync<RedisCrossSlotException>(() => crossSlot);
        Assert.Equal("after", (await after).ToString());
    }

    [Fact]
    public async Task ExecuteAsync_Cancelled_ThrowsAndCancelsTasks()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var p = cluster.CreatePipeline();
        var get = p.GetAsync($"cancel:{Run()}");
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => p.ExecuteAsync(cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => get);
    }
}

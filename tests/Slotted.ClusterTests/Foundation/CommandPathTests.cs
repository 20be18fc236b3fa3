using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.Foundation;

[Collection("cluster")]
public sealed class CommandPathTests(ClusterFixture fixture)
{
    [Fact]
    public async Task SetGet_KeysOnAllThreeMasters_RoundTrip()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var seen = new HashSet<string>();
        for (int i = 0; i < 300; i++)
        {
            string key = $"spread:{Guid.NewGuid():N}:{i}";
            Assert.True(await cluster.SetAsync(key, $"value-{i}"));
            Assert.Equal($"value-{i}", (string?)await cluster.GetAsync(key));
            seen.Add(cluster.GetNodeForKey(key)!);
        }
        Assert.Equal(3, cluster.SlotMap.Shards.Count);
        Assert.Equal(3, seen.Count);
        Assert.Equal(16384, cluster.SlotMap.CoveredSlots);
    }

    [Fact]
    public async Task Get_MissingKey_IsNull()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        Assert.True((await cluster.GetAsync($"missing:{Guid.NewGuid():N}")).IsNull);
    }

    [Fact]
    public void SyncTwins_SetGetIncr_Work()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        string key = $"sync:{Guid.NewGuid():N}";
        Assert.True(cluster.Set(key, "10"));
        Assert.Equal(11, cluster.Incr(key));
        Assert.Equal("11", (string?)cluster.Get(key));
        Assert.Equal("OK", cluster.Execute("SET", key, "x").ToString());
    }

    [Fact]
    public async Task Set_Options_FollowRedisSemantics()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string key = $"setopts:{Guid.NewGuid():N}";
        Assert.False(await cluster.SetAsync(key, "a", condition: SetCondition.Exists));
        Assert.True(await cluster.SetAsync(key, "a", condition: SetCondition.NotExists));
        Assert.False(await cluster.SetAsync(key, "b", condition: SetCondition.NotExists));
        Assert.Equal("a", (string?)await cluster.SetAndGetAsync(key, "c", expiry: TimeSpan.FromSeconds(100)));
        long ttl = (long)await cluster.ExecuteAsync("TTL", key);
        Assert.InRange(ttl, 90, 100);
        Assert.True(await cluster.SetAsync(key, "d", keepTtl: true));
        Assert.InRange((long)await cluster.ExecuteAsync("TTL", key), 90, 100);
        Assert.True(await cluster.SetAsync(key, "e", expiry: TimeSpan.FromMilliseconds(1500)));
        Assert.InRange((long)await cluster.ExecuteAsync("PTTL", key), 1, 1500);
        Assert.True(await cluster.SetAsync(key, "f", expireAt: DateTimeOffset.UtcNow.AddHours(1)));
        Assert.InRange((long)await cluster.ExecuteAsync("TTL", key), 3500, 3600);
        Assert.Throws<ArgumentException>(() => cluster.Set(key, "g", expiry: TimeSpan.FromSeconds(1), keepTtl: true));
    }

    [Fact]
    public async Task ExecuteAsync_CommandsWithoutTypedMethods_RouteByKeys()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string key = $"exec:{Guid.NewGuid():N}";
        Assert.Equal(5, (long)await cluster.ExecuteAsync("APPEND", key, "hello"));
        Assert.Equal(11, (long)await cluster.ExecuteAsync("APPEND", key, " world"));
        Assert.Equal(11, (long)await cluster.ExecuteAsync("STRLEN", key));
        Assert.Equal("raw", (await cluster.ExecuteAsync("OBJECT", "ENCODING", key)).ToString()); // APPEND makes a raw string
        Assert.Equal("world", (await cluster.ExecuteAsync("GETRANGE", key, 6, -1)).ToString());
        Assert.Equal(RedisCluster.GetSlot(key), (long)await cluster.ExecuteAsync("CLUSTER", "KEYSLOT", key));
        Assert.Equal(1, (long)await cluster.ExecuteAsync("DEL", key));
    }

    [Fact]
    public async Task ExecuteAsync_KeylessFanOut_SumsDbSize()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        long total = 0;
        foreach (var shard in cluster.SlotMap.Shards)
        {
            var (_, port) = RedisClusterOptions.ParseEndPoint(shard.Primary.EndPoint);
            total += long.Parse(fixture.Cluster.RedisCli(port, "DBSIZE").Trim());
        }
        long viaClient = (long)await cluster.ExecuteAsync("DBSIZE");
        Assert.InRange(viaClient, total - 50, total + 50); // other tests may write concurrently
        Assert.Equal("PONG", (await cluster.ExecuteAsync("PING")).ToString());
    }

    [Fact]
    public async Task ExecuteAsync_KeysInDifferentSlots_ThrowsCrossSlotBeforeSending()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var ex = await Assert.ThrowsAsync<RedisCrossSlotException>(async () => await cluster.ExecuteAsync("RENAME", "a", "b"));
        Assert.Contains("slot", ex.Message);
        Assert.Equal(0, (long)await cluster.ExecuteAsync("EXISTS", "{a}x", "{a}y"));
    }

    [Fact]
    public async Task ServerError_KeepsPrefixAndMessage_TypedByPrefix()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string key = $"wrongtype:{Guid.NewGuid():N}";
        await cluster.ExecuteAsync("LPUSH", key, "x");
        var ex = await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await cluster.GetAsync(key));
        Assert.Equal("WRONGTYPE", ex.Prefix);
        Assert.StartsWith("WRONGTYPE Operation against a key holding the wrong kind of value", ex.ServerMessage);
        var err = await Assert.ThrowsAsync<RedisServerException>(async () => await cluster.ExecuteAsync("INCRBY", key + "n", "notanumber"));
        Assert.Equal("ERR", err.Prefix);
        var unknown = await Assert.ThrowsAsync<RedisServerException>(async () => await cluster.ExecuteAsync("NOSUCHCOMMAND", "x"));
        Assert.Equal("ERR", unknown.Prefix);
    }

    [Fact]
    public async Task BadInput_NullOrEmptyKey_ThrowsArgumentErrorBeforeSending()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.GetAsync((string?)null!));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.GetAsync(""));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.SetAsync("k", RedisValue.Null));
        Assert.Throws<ArgumentNullException>(() => cluster.Get((string?)null!));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.ExecuteAsync(" "));
    }

    [Fact]
    public async Task Connect_NoReachableStartupNode_ListsEachNodeAndWhy()
    {
        var ex = await Assert.ThrowsAsync<RedisConnectionException>(() =>
            RedisCluster.ConnectAsync("127.0.0.1:1,127.0.0.1:2,connectTimeout=2000"));
        Assert.Contains("127.0.0.1:1", ex.Message);
        Assert.Contains("127.0.0.1:2", ex.Message);
    }

    [Fact]
    public async Task Connect_WrongPassword_AuthErrorWithoutThePassword()
    {
        var ex = await Assert.ThrowsAnyAsync<RedisConnectionException>(() =>
            RedisCluster.ConnectAsync(fixture.StartupNodes + ",user=slotted-nobody,password=hunter2-secret"));
        var auth = ex as RedisAuthenticationException ?? ex.InnerException as RedisAuthenticationException;
        Assert.True(auth is not null || ex.Message.Contains("WRONGPASS"), ex.ToString());
        Assert.DoesNotContain("hunter2-secret", ex.ToString());
    }

    [Fact]
    public async Task Connect_Resp2_WorksTheSame()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",protocol=2,name=slotted-test");
        string key = $"resp2:{Guid.NewGuid():N}";
        await cluster.SetAsync(key, "v");
        Assert.Equal("v", (string?)await cluster.GetAsync(key));
        string clients = (await cluster.ExecuteAsync("CLIENT", "INFO")).ToString()!;
        Assert.Contains("name=slotted-test", clients);
        Assert.Contains("resp=2", clients);
    }

    [Fact]
    public async Task Connect_Resp3_NegotiatedByDefault()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string info = (await cluster.ExecuteAsync("CLIENT", "INFO")).ToString()!;
        Assert.Contains("resp=3", info);
    }

    [Fact]
    public async Task Cancellation_BeforeReply_ThrowsAndNextCallGetsItsOwnReply()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string key = $"cancel:{Guid.NewGuid():N}";
        await cluster.SetAsync(key, "mine");
        using var cts = new CancellationTokenSource();
        // A blocking pop on the shared connection would stall it; DEBUG SLEEP delays one reply instead.
        var slow = cluster.ExecuteAsync("DEBUG", ["SLEEP", "0.3"], cts.Token).AsTask();
        cts.CancelAfter(50);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slow);
        Assert.Equal("mine", (string?)await cluster.GetAsync(key));
    }
    [Fact]
    public async Task ExecuteAsync_BlockingCommand_DoesNotStallTheSharedConnection()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string tag = Guid.NewGuid().ToString("N");
        string list = $"{{{tag}}}list", other = $"{{{tag}}}other";
        await cluster.SetAsync(other, "free");
        var pop = cluster.ExecuteAsync("BLPOP", list, 2).AsTask();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < 20; i++) Assert.Equal("free", (string?)await cluster.GetAsync(other));
        Assert.False(pop.IsCompleted, "the GETs should finish while BLPOP still blocks");
        await cluster.ExecuteAsync("RPUSH", list, "item");
        var popped = await pop;
        Assert.Equal(["list", "item"], popped.ToStringArray().Select(x => x!.Replace($"{{{tag}}}", "")).ToArray());
        var xread = await cluster.ExecuteAsync("XREAD", "BLOCK", 100, "STREAMS", $"{{{tag}}}stream", "$");
        Assert.True(xread.IsNull);
    }

    [Fact]
    public async Task ExecuteAsync_NullArgument_ThrowsBeforeSending()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.ExecuteAsync("SET", "k", RedisValue.Null));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.ExecuteAsync("GET", RedisValue.Null));
    }
}

using Slotted.ClusterTests.Infrastructure;
using Slotted.ClusterTests.ReadFrom;

namespace Slotted.ClusterTests.Scripting;

[Collection("cluster")]
public sealed class ScriptingTests(ClusterFixture fixture)
{
    private const string SetAndGet = "redis.call('SET', KEYS[1], ARGV[1]) return redis.call('GET', KEYS[1])";

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Eval_KeysAndArgs_RunsOnTheKeysNode(int protocol)
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + $",protocol={protocol}");
        string key = $"eval:{Guid.NewGuid():N}";
        Assert.Equal("v1", (await cluster.EvalAsync(SetAndGet, [key], ["v1"])).ToString());
        Assert.Equal("v1", fixture.Cluster.RedisCli(NodeStats.PortOf(cluster.GetNodeForKey(key)!), "GET", key).Trim());
        var table = await cluster.EvalAsync("return {1, 'two', {3}}");
        Assert.Equal(RedisResultType.Array, table.Type);
        Assert.Equal(1, table[0].ToInt64());
        Assert.Equal("two", table[1].ToString());
        Assert.Equal(3, table[2][0].ToInt64());
        Assert.Equal(42, (long)await cluster.EvalAsync("return tonumber(ARGV[1]) * 2", args: [21]));
    }

    [Fact]
    public async Task Eval_CrossSlotKeys_RefusedBeforeSending()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string a = $"xa:{Guid.NewGuid():N}", b = $"xb:{Guid.NewGuid():N}";
        Assert.NotEqual(RedisCluster.GetSlot(a), RedisCluster.GetSlot(b));
        var ports = fixture.Cluster.Ports.ToArray();
        long before = ports.Sum(p => NodeStats.CommandStat(fixture.Cluster, p, "eval") + NodeStats.CommandStat(fixture.Cluster, p, "evalsha"));
        var script = new RedisScript("return redis.call('MGET', KEYS[1], KEYS[2])");
        await Assert.ThrowsAsync<RedisCrossSlotException>(() => cluster.EvalAsync(script.Script, [a, b]).AsTask());
        await Assert.ThrowsAsync<RedisCrossSlotException>(() => script.EvaluateAsync(cluster, [a, b]).AsTask());
        await Assert.ThrowsAsync<RedisCrossSlotException>(() => cluster.FCallAsync("f", [a, b]).AsTask());
        Assert.Throws<RedisCrossSlotException>(() => cluster.Eval(script.Script, [a, b]));
        long after = ports.Sum(p => NodeStats.CommandStat(fixture.Cluster, p, "eval") + NodeStats.CommandStat(fixture.Cluster, p, "evalsha"));
        Assert.Equal(before, after);
        // With a hash tag they share a slot and the script runs.
        string tag = $"{{t{Guid.NewGuid():N}}}";
        Assert.Equal(2, (await script.EvaluateAsync(cluster, [tag + "a", tag + "b"])).Length);
    }

    [Fact]
    public async Task EvalReadOnly_ScriptWrites_ServerRefuses()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string key = $"ro:{Guid.NewGuid():N}";
        await cluster.SetAsync(key, "x");
        Assert.Equal("x", (await cluster.EvalReadOnlyAsync("return redis.call('GET', KEYS[1])", [key])).ToString());
        var error = await Assert.ThrowsAnyAsync<RedisServerException>(() => cluster.EvalReadOnlyAsync(SetAndGet, [key], ["y"]).AsTask());
        Assert.Contains("Write commands are not allowed", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("x", (string?)await cluster.GetAsync(key));
    }

    [Fact]
    public async Task ScriptLoad_EveryNodeIncludingReplicas_HasTheScript()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string source = $"return '{Guid.NewGuid():N}'";
        string sha = await cluster.ScriptLoadAsync(source);
        Assert.Equal(RedisScript.ComputeSha1(source), sha);
        Assert.True(await cluster.ScriptExistsAsync(sha));
        Assert.Equal(new[] { true, false }, await cluster.ScriptExistsAsync([sha, new string('0', 40)]));
        foreach (int port in fixture.Cluster.Ports)
            Assert.Equal("1", fixture.Cluster.RedisCli(port, "SCRIPT", "EXISTS", sha).Trim());
        string key = $"sha:{Guid.NewGuid():N}";
        Assert.Equal(source[8..^1], (await cluster.EvalShaAsync(sha, [key])).ToString());
        Assert.Equal(source[8..^1], (await cluster.EvalShaReadOnlyAsync(sha)).ToString());
    }

    [Fact]
    public async Task EvalSha_UnknownScript_ThrowsNoScript()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var error = await Assert.ThrowsAsync<RedisNoScriptException>(() => cluster.EvalShaAsync(new string('f', 40), [$"k:{Guid.NewGuid():N}"]).AsTask());
        Assert.Equal("NOSCRIPT", error.Prefix);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task RedisScript_AfterScriptFlush_ReloadedTransparently(int protocol)
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + $",protocol={protocol}");
        var script = new RedisScript($"-- {Guid.NewGuid():N}\nreturn redis.call('INCRBY', KEYS[1], ARGV[1])");
        string key = $"flush:{Guid.NewGuid():N}";
        int port = NodeStats.PortOf(cluster.GetNodeForKey(key)!);
        Assert.Equal(5, (long)await script.EvaluateAsync(cluster, [key], [5]));
        Assert.Equal("1", fixture.Cluster.RedisCli(port, "SCRIPT", "EXISTS", script.Sha1).Trim());
        long evalShaBefore = NodeStats.CommandStat(fixture.Cluster, port, "evalsha");

        await cluster.ScriptFlushAsync();
        foreach (int p in fixture.Cluster.Ports) Assert.Equal("0", fixture.Cluster.RedisCli(p, "SCRIPT", "EXISTS", script.Sha1).Trim());
        Assert.False(await cluster.ScriptExistsAsync(script.Sha1));

        // EVALSHA meets NOSCRIPT, EVAL runs it once and caches it; the caller sees only the result.
        Assert.Equal(12, (long)await script.EvaluateAsync(cluster, [key], [7]));
        Assert.Equal("1", fixture.Cluster.RedisCli(port, "SCRIPT", "EXISTS", script.Sha1).Trim());
        Assert.Equal(12, (long)await cluster.GetAsync(key));
        // Next time EVALSHA alone does it.
        long evalBefore = NodeStats.CommandStat(fixture.Cluster, port, "eval");
        Assert.Equal(13, (long)script.Evaluate(cluster, [key], [1]));
        Assert.Equal(evalBefore, NodeStats.CommandStat(fixture.Cluster, port, "eval"));
        // Counted since the first call: one EVALSHA answered NOSCRIPT (after the flush), one ran.
        Assert.True(NodeStats.CommandStat(fixture.Cluster, port, "evalsha") >= evalShaBefore + 2);

        cluster.ScriptFlush(ScriptFlushMode.Sync);
        Assert.Equal(14, (long)script.Evaluate(cluster, [key], [1]));
    }

    [Fact]
    public async Task RedisScript_KeylessAfterFlush_RunsOnEveryPrimaryInTurn()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var script = new RedisScript($"return '{Guid.NewGuid():N}'");
        await cluster.ScriptFlushAsync(ScriptFlushMode.Async);
        // Keyless calls rotate over the primaries; each one that lacks the script gets it on demand.
        for (int i = 0; i < 6; i++) Assert.Equal(script.Script[8..^1], (await script.EvaluateAsync(cluster)).ToString());
        Assert.True(await cluster.ScriptExistsAsync(script.Sha1));
        await script.LoadAsync(cluster);
        script.Load(cluster);
    }

    [Fact]
    public async Task ScriptKill_NothingRunning_False()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        Assert.False(await cluster.ScriptKillAsync());
        Assert.False(cluster.ScriptKill());
        Assert.False(await cluster.FunctionKillAsync());
    }

    [Fact]
    public async Task ScriptKill_OwnScriptBusy_KilledOverAnExclusiveConnection()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",commandTimeout=15000");
        string key = $"busy:{Guid.NewGuid():N}";
        int port = NodeStats.PortOf(cluster.GetNodeForKey(key)!);
        string threshold = fixture.Cluster.RedisCli(port, "CONFIG", "GET", "busy-reply-threshold").Split('\n', StringSplitOptions.TrimEntries)[1];
        fixture.Cluster.RedisCli(port, "CONFIG", "SET", "busy-reply-threshold", "100");
        try
        {
            // The script runs on this client's shared connection to the node; the node reads nothing
            // more from that connection until the script ends, so the kill must travel another way.
            var running = cluster.EvalReadOnlyAsync("local k = KEYS[1] while true do end", [key]).AsTask();
            bool killed = false;
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!killed && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
                killed = await cluster.ScriptKillAsync();
            }
            Assert.True(killed);
            var error = await Assert.ThrowsAnyAsync<RedisServerException>(() => running);
            Assert.Contains("killed", error.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Equal("PONG", (await cluster.ExecuteAsync("PING")).ToString());
            Assert.False(await cluster.ScriptKillAsync());
        }
        finally
        {
            fixture.Cluster.RedisCli(port, "CONFIG", "SET", "busy-reply-threshold", threshold);
        }
    }
}

using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.SeedParity;

/// <summary>
/// The seed blocked these only for lack of time; here they work: RESTORE, EVAL, EVALSHA and BITOP
/// routed by their keys, SCRIPT LOAD / FLUSH on every node, SCRIPT EXISTS AND-ed over the
/// primaries, SCRIPT KILL succeeding where a script runs, PUBLISH reaching subscribers on any node.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class NotBlockedTests(ClusterFixture fixture)
{
    private LocalCluster Nodes => fixture.Cluster;

    [Fact]
    public Task ExecuteAsync_Restore_DumpPayloadRestoredOnKeyOwner() => Restore(sync: false);

    [Fact]
    public Task Execute_Restore_DumpPayloadRestoredOnKeyOwner() => Restore(sync: true);

    [Fact]
    public Task ExecuteAsync_Eval_RoutedByKeyAndRuns() => Eval(sync: false);

    [Fact]
    public Task Execute_Eval_RoutedByKeyAndRuns() => Eval(sync: true);

    [Fact]
    public Task ExecuteAsync_EvalSha_RoutedByKeyAndRuns() => EvalSha(sync: false);

    [Fact]
    public Task Execute_EvalSha_RoutedByKeyAndRuns() => EvalSha(sync: true);

    [Fact]
    public Task ExecuteAsync_BitOp_RoutedByKeyAndStores() => BitOp(sync: false);

    [Fact]
    public Task Execute_BitOp_RoutedByKeyAndStores() => BitOp(sync: true);

    [Fact]
    public Task ExecuteAsync_ScriptLoad_OnEveryNode() => ScriptLoad(sync: false);

    [Fact]
    public Task Execute_ScriptLoad_OnEveryNode() => ScriptLoad(sync: true);

    [Fact]
    public Task ExecuteAsync_ScriptExists_AndedOverPrimaries() => ScriptExists(sync: false);

    [Fact]
    public Task Execute_ScriptExists_AndedOverPrimaries() => ScriptExists(sync: true);

    [Fact]
    public Task ExecuteAsync_ScriptFlush_OnEveryNode() => ScriptFlush(sync: false);

    [Fact]
    public Task Execute_ScriptFlush_OnEveryNode() => ScriptFlush(sync: true);

    [Fact]
    public Task ExecuteAsync_ScriptKill_KillsTheBusyScript() => ScriptKill(sync: false);

    [Fact]
    public Task Execute_ScriptKill_KillsTheBusyScript() => ScriptKill(sync: true);

    [Fact]
    public Task ExecuteAsync_Publish_SubscriberOnAnotherNodeReceives() => Publish(sync: false);

    [Fact]
    public Task Execute_Publish_SubscriberOnAnotherNodeReceives() => Publish(sync: true);

    private static async Task<RedisResult> Run(RedisCluster cluster, bool sync, string command, params RedisValue[] args) =>
        sync ? cluster.Execute(command, args) : await cluster.ExecuteAsync(command, args);

    private string OnOwner(RedisCluster cluster, string key, params string[] args) =>
        Nodes.RedisCli(ClusterProbe.Port(cluster.GetNodeForKey(key)!), args).Trim();

    private async Task Restore(bool sync)
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string tag = "{restore:" + Guid.NewGuid().ToString("N")[..8] + "}";
        await cluster.ExecuteAsync("RPUSH", tag + "src", "a", "b", "c");
        byte[] payload = (byte[])(await cluster.ExecuteAsync("DUMP", tag + "src"))!;
        Assert.Equal("OK", (await Run(cluster, sync, "RESTORE", tag + "copy", 60_000, payload)).ToString());
        Assert.Equal("a\nb\nc", OnOwner(cluster, tag + "copy", "LRANGE", tag + "copy", "0", "-1"));
        Assert.InRange(long.Parse(OnOwner(cluster, tag + "copy", "PTTL", tag + "copy")), 1, 60_000);
        var busy = await Assert.ThrowsAsync<RedisServerException>(async () => await Run(cluster, sync, "RESTORE", tag + "copy", 0, payload));
        Assert.Equal("BUSYKEY", busy.Prefix);
        Assert.Equal("OK", (await Run(cluster, sync, "RESTORE", tag + "copy", 0, payload, "REPLACE")).ToString());
        Assert.Equal("-1", OnOwner(cluster, tag + "copy", "PTTL", tag + "copy"));
    }

    private async Task Eval(bool sync)
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        foreach (var (tag, port) in ClusterProbe.TagPerShard(cluster, "eval"))
        {
            var reply = await Run(cluster, sync, "EVAL", "redis.call('SET', KEYS[1], ARGV[1]); return redis.call('GET', KEYS[2])", 2, tag + "a", tag + "b", port);
            Assert.True(reply.IsNull);
            Assert.Equal(port.ToString(), Nodes.RedisCli(port, "GET", tag + "a").Trim());
        }
        await Assert.ThrowsAsync<RedisCrossSlotException>(async () => await Run(cluster, sync, "EVAL", "return 1", 2, "{x}a", "{y}b"));
        Assert.Equal(7, (await Run(cluster, sync, "EVAL", "return 7", 0)).ToInt64());
    }

    private async Task EvalSha(bool sync)
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string script = $"return redis.call('GET', KEYS[1]) .. '{Guid.NewGuid():N}'";
        string sha = (await cluster.ExecuteAsync("SCRIPT", "LOAD", script)).ToString()!;
        Assert.Equal(Sha1(script), sha);
        foreach (var (tag, port) in ClusterProbe.TagPerShard(cluster, "evalsha"))
        {
            await cluster.SetAsync(tag + "k", "v" + port);
            Assert.StartsWith("v" + port, (await Run(cluster, sync, "EVALSHA", sha, 1, tag + "k")).ToString());
        }
        await Assert.ThrowsAsync<RedisNoScriptException>(async () => await Run(cluster, sync, "EVALSHA", Sha1("never loaded " + Guid.NewGuid()), 1, "k"));
    }

    private async Task BitOp(bool sync)
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string tag = "{bitop:" + Guid.NewGuid().ToString("N")[..8] + "}";
        await cluster.SetAsync(tag + "a", new byte[] { 0xF0, 0x0F, 0xFF });
        await cluster.SetAsync(tag + "b", new byte[] { 0xFF, 0xFF });
        Assert.Equal(3, (await Run(cluster, sync, "BITOP", "AND", tag + "and", tag + "a", tag + "b")).ToInt64());
        Assert.Equal(new byte[] { 0xF0, 0x0F, 0x00 }, (byte[])(await cluster.GetAsync(tag + "and"))!);
        Assert.Equal("8", OnOwner(cluster, tag + "and", "BITCOUNT", tag + "and"));
        Assert.Equal(3, (await Run(cluster, sync, "BITOP", "NOT", tag + "not", tag + "a")).ToInt64());
        Assert.Equal(new byte[] { 0x0F, 0xF0, 0x00 }, (byte[])(await cluster.GetAsync(tag + "not"))!);
        await Assert.ThrowsAsync<RedisCrossSlotException>(async () => await Run(cluster, sync, "BITOP", "OR", "{x}d", "{y}s"));
    }

    private async Task ScriptLoad(bool sync)
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string script = $"return '{Guid.NewGuid():N}'";
        string sha = (await Run(cluster, sync, "SCRIPT", "LOAD", script)).ToString()!;
        Assert.Equal(Sha1(script), sha);
        Assert.All(Nodes.Ports, p => Assert.Equal("1", Nodes.RedisCli(p, "SCRIPT", "EXISTS", sha).Trim()));
    }

    private async Task ScriptExists(bool sync)
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string script = $"return '{Guid.NewGuid():N}'";
        string sha = Sha1(script);
        string unknown = Sha1("unknown " + Guid.NewGuid());
        // Loaded on one primary only: not there for a command that may run on any primary.
        Nodes.RedisCli(ClusterProbe.Port(cluster.SlotMap.Shards[0].Primary.EndPoint), "SCRIPT", "LOAD", script);
        Assert.Equal([0L, 0L], (await Run(cluster, sync, "SCRIPT", "EXISTS", sha, unknown)).Elements.Select(e => e.ToInt64()));
        await cluster.ExecuteAsync("SCRIPT", "LOAD", script);
        Assert.Equal([1L, 0L], (await Run(cluster, sync, "SCRIPT", "EXISTS", sha, unknown)).Elements.Select(e => e.ToInt64()));
    }

    private async Task ScriptFlush(bool sync)
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string sha = (await cluster.ExecuteAsync("SCRIPT", "LOAD", $"return '{Guid.NewGuid():N}'")).ToString()!;
        Assert.All(Nodes.Ports, p => Assert.Equal("1", Nodes.RedisCli(p, "SCRIPT", "EXISTS", sha).Trim()));
        Assert.Equal("OK", (await Run(cluster, sync, "SCRIPT", "FLUSH", "SYNC")).ToString());
        Assert.All(Nodes.Ports, p => Assert.Equal("0", Nodes.RedisCli(p, "SCRIPT", "EXISTS", sha).Trim()));
    }

    private async Task ScriptKill(bool sync)
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var notBusy = await Assert.ThrowsAsync<RedisServerException>(async () => await Run(cluster, sync, "SCRIPT", "KILL"));
        Assert.Equal("NOTBUSY", notBusy.Prefix);

        int port = ClusterProbe.Port(cluster.SlotMap.Shards[1].Primary.EndPoint);
        string threshold = Nodes.RedisCli(port, "CONFIG", "GET", "busy-reply-threshold").Split('\n')[1];
        Nodes.RedisCli(port, "CONFIG", "SET", "busy-reply-threshold", "100");
        using var script = Start("-p", port.ToString(), "EVAL", "while true do end", "0");
        try
        {
            WaitUntilBusy(port);
            Assert.Equal("OK", (await Run(cluster, sync, "SCRIPT", "KILL")).ToString());
            Assert.True(script.WaitForExit(10_000), "the script is still running");
            Assert.Contains("killed", script.StandardOutput.ReadToEnd() + script.StandardError.ReadToEnd(), StringComparison.OrdinalIgnoreCase);
            Assert.Equal("PONG", Nodes.RedisCli(port, "PING").Trim());
        }
        finally
        {
            if (!script.HasExited)
            {
                try
                {
                    Nodes.RedisCli(port, "SCRIPT", "KILL");
                }
                catch (InvalidOperationException)
                {
                }
                script.Kill();
            }
            Nodes.RedisCli(port, "CONFIG", "SET", "busy-reply-threshold", threshold);
        }
    }

    private async Task Publish(bool sync)
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string channel = "news:" + Guid.NewGuid().ToString("N")[..8];
        int subscriberPort = ClusterProbe.Port(cluster.SlotMap.Shards[2].Replicas[0].EndPoint);
        using var subscriber = Start("-p", subscriberPort.ToString(), "SUBSCRIBE", channel);
        try
        {
            Assert.Equal(new[] { "subscribe", channel, "1" }, await ReadLinesAsync(subscriber, 3));
            long receivers = (await Run(cluster, sync, "PUBLISH", channel, "hello")).ToInt64();
            Assert.Equal(0, receivers); // subscribers on this node only: ours listens on a replica
            Assert.Equal(new[] { "message", channel, "hello" }, await ReadLinesAsync(subscriber, 3));
        }
        finally
        {
            subscriber.Kill();
        }
    }

    private void WaitUntilBusy(int port)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                Nodes.RedisCli(port, "PING");
            }
            catch (InvalidOperationException e) when (e.Message.Contains("BUSY", StringComparison.Ordinal))
            {
                return;
            }
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"node {port} never became busy");
            Thread.Sleep(20);
        }
    }

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("redis-cli") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args) info.ArgumentList.Add(a);
        return Process.Start(info)!;
    }

    private static async Task<string[]> ReadLinesAsync(Process process, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var lines = new string[count];
        for (int i = 0; i < count; i++) lines[i] = (await process.StandardOutput.ReadLineAsync(timeout.Token))?.Trim() ?? "(end of output)";
        return lines;
    }

    private static string Sha1(string text) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)));
}

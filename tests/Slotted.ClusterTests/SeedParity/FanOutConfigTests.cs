using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.SeedParity;

/// <summary>
/// The seed's fan-out list, configuration half: CONFIG GET / SET / RESETSTAT / REWRITE and SLOWLOG
/// GET / LEN / RESET reach every node and answer by "host:port". Every setting changed is put back.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FanOutConfigTests(ClusterFixture fixture)
{
    private LocalCluster Nodes => fixture.Cluster;

    [Fact]
    public async Task ConfigGetAsync_EveryNode_ItsOwnValues()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        AssertOwnPorts(await cluster.ConfigGetAsync("port"));
        var policies = await cluster.ConfigGetAsync("*policy*");
        Assert.All(policies.Values, v => Assert.Contains("maxmemory-policy", v.Keys));
    }

    [Fact]
    public void ConfigGet_EveryNode_ItsOwnValues()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes + ",protocol=2");
        AssertOwnPorts(cluster.ConfigGet("port"));
    }

    [Fact]
    public async Task ConfigSetAsync_EveryNode_TakesTheValue()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string original = Nodes.RedisCli(Nodes.BasePort, "CONFIG", "GET", "slowlog-max-len").Split('\n')[1];
        try
        {
            var set = await cluster.ConfigSetAsync("slowlog-max-len", 177);
            AssertAllNodes(set);
            Assert.All(set.Values, Assert.True);
            Assert.All(Nodes.Ports, p => Assert.Equal("177", Nodes.RedisCli(p, "CONFIG", "GET", "slowlog-max-len").Split('\n')[1]));
        }
        finally
        {
            await cluster.ConfigSetAsync("slowlog-max-len", original);
        }
    }

    [Fact]
    public void ConfigSet_EveryNode_TakesTheValue()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        string original = Nodes.RedisCli(Nodes.BasePort, "CONFIG", "GET", "slowlog-max-len").Split('\n')[1];
        try
        {
            var set = cluster.ConfigSet("slowlog-max-len", "178");
            AssertAllNodes(set);
            Assert.All(Nodes.Ports, p => Assert.Equal("178", Nodes.RedisCli(p, "CONFIG", "GET", "slowlog-max-len").Split('\n')[1]));
        }
        finally
        {
            cluster.ConfigSet("slowlog-max-len", original);
        }
    }

    [Fact]
    public async Task ConfigResetStatAsync_EveryNode_StatisticsCleared()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        await cluster.EchoAsync("before reset");
        Assert.All(Nodes.Ports, p => Assert.NotNull(ClusterProbe.Info(Nodes, p, "commandstats")["cmdstat_echo"]));
        var reset = await cluster.ConfigResetStatAsync();
        AssertAllNodes(reset);
        Assert.All(Nodes.Ports, p => Assert.Null(ClusterProbe.Info(Nodes, p, "commandstats")["cmdstat_echo"]));
    }

    [Fact]
    public void ConfigResetStat_EveryNode_StatisticsCleared()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        cluster.Echo("before reset");
        var reset = cluster.ConfigResetStat();
        AssertAllNodes(reset);
        Assert.All(Nodes.Ports, p => Assert.Null(ClusterProbe.Info(Nodes, p, "commandstats")["cmdstat_echo"]));
    }

    [Fact]
    public async Task ConfigRewriteAsync_EveryNode_WritesItsConfigFile()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        await AssertRewritesAsync(cluster, async () => await cluster.ConfigRewriteAsync());
    }

    [Fact]
    public async Task ConfigRewrite_EveryNode_WritesItsConfigFile()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        await AssertRewritesAsync(cluster, () => Task.FromResult(cluster.ConfigRewrite()));
    }

    [Fact]
    public async Task SlowlogGetAsync_EveryNode_ItsOwnEntries()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",name=slowlog-probe");
        string marker = "slow-" + Guid.NewGuid().ToString("N");
        await LogEverythingAsync(cluster, async () =>
        {
            await cluster.EchoAsync(marker);
            var logs = await cluster.SlowlogGetAsync(count: -1);
            AssertLogged(logs, marker, expectName: true);
        });
    }

    [Fact]
    public async Task SlowlogGet_EveryNode_ItsOwnEntries()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        string marker = "slow-" + Guid.NewGuid().ToString("N");
        await LogEverythingAsync(cluster, () =>
        {
            cluster.Echo(marker);
            AssertLogged(cluster.SlowlogGet(count: 50), marker, expectName: false);
            return Task.CompletedTask;
        });
    }

    [Fact]
    public async Task SlowlogLenAsync_EveryNode_CountsItsEntries()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        await LogEverythingAsync(cluster, async () =>
        {
            await cluster.SlowlogResetAsync();
            await cluster.EchoAsync("one");
            var lengths = await cluster.SlowlogLenAsync();
            AssertAllNodes(lengths);
            Assert.All(lengths.Values, n => Assert.InRange(n, 1, 5));
        });
    }

    [Fact]
    public async Task SlowlogLen_EveryNode_CountsItsEntries()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        await LogEverythingAsync(cluster, () =>
        {
            cluster.SlowlogReset();
            cluster.Echo("one");
            var lengths = cluster.SlowlogLen();
            AssertAllNodes(lengths);
            Assert.All(lengths.Values, n => Assert.InRange(n, 1, 5));
            return Task.CompletedTask;
        });
    }

    [Fact]
    public async Task SlowlogResetAsync_EveryNode_Emptied()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string marker = "reset-" + Guid.NewGuid().ToString("N");
        await LogEverythingAsync(cluster, async () =>
        {
            await cluster.EchoAsync(marker);
            var reset = await cluster.SlowlogResetAsync();
            AssertAllNodes(reset);
            Assert.All(reset.Values, Assert.True);
            var logs = await cluster.SlowlogGetAsync(-1);
            Assert.All(logs.Values, entries => Assert.DoesNotContain(entries, e => e.Arguments.Contains(marker)));
        });
    }

    [Fact]
    public async Task SlowlogReset_EveryNode_Emptied()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        string marker = "reset-" + Guid.NewGuid().ToString("N");
        await LogEverythingAsync(cluster, () =>
        {
            cluster.Echo(marker);
            AssertAllNodes(cluster.SlowlogReset());
            Assert.All(cluster.SlowlogGet(-1).Values, entries => Assert.DoesNotContain(entries, e => e.Arguments.Contains(marker)));
            return Task.CompletedTask;
        });
    }

    private void AssertAllNodes<T>(IReadOnlyDictionary<string, T> byNode) =>
        Assert.Equal(ClusterProbe.AllEndPoints(Nodes), byNode.Keys.ToHashSet());

    private void AssertOwnPorts(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> values)
    {
        AssertAllNodes(values);
        foreach (var (endPoint, config) in values) Assert.Equal(ClusterProbe.Port(endPoint).ToString(), config["port"]);
    }

    private async Task AssertRewritesAsync(RedisCluster cluster, Func<Task<IReadOnlyDictionary<string, bool>>> rewrite)
    {
        string original = Nodes.RedisCli(Nodes.BasePort, "CONFIG", "GET", "slowlog-max-len").Split('\n')[1];
        try
        {
            await cluster.ConfigSetAsync("slowlog-max-len", 191);
            var rewritten = await rewrite();
            AssertAllNodes(rewritten);
            Assert.All(Nodes.Ports, p => Assert.Contains("slowlog-max-len 191", File.ReadAllText(ConfigFile(p))));
        }
        finally
        {
            await cluster.ConfigSetAsync("slowlog-max-len", original);
            await cluster.ConfigRewriteAsync();
        }
        Assert.All(Nodes.Ports, p => Assert.DoesNotContain("slowlog-max-len 191", File.ReadAllText(ConfigFile(p))));
    }

    private string ConfigFile(int port) => Path.Combine(Nodes.DataDirectory, port.ToString(), "redis.conf");

    // Logs every command on every node while the body runs, then restores the threshold and empties the logs.
    private async Task LogEverythingAsync(RedisCluster cluster, Func<Task> body)
    {
        string original = Nodes.RedisCli(Nodes.BasePort, "CONFIG", "GET", "slowlog-log-slower-than").Split('\n')[1];
        await cluster.ConfigSetAsync("slowlog-log-slower-than", 0);
        try
        {
            await body();
        }
        finally
        {
            await cluster.ConfigSetAsync("slowlog-log-slower-than", original);
            await cluster.SlowlogResetAsync();
        }
    }

    private void AssertLogged(IReadOnlyDictionary<string, IReadOnlyList<SlowlogEntry>> logs, string marker, bool expectName)
    {
        AssertAllNodes(logs);
        foreach (var (endPoint, entries) in logs)
        {
            var entry = Assert.Single(entries, e => e.Arguments.Count == 2 && (string?)e.Arguments[1] == marker);
            Assert.Equal("ECHO", ((string?)entry.Arguments[0])?.ToUpperInvariant());
            Assert.StartsWith("127.0.0.1:", entry.ClientAddress);
            Assert.InRange(entry.StartTime, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
            Assert.True(entry.Duration >= TimeSpan.Zero);
            if (expectName) Assert.Equal("slowlog-probe", entry.ClientName);
            Assert.True(entries.Count >= 1, endPoint);
        }
    }
}

using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.SeedParity;

/// <summary>
/// SCAN over the cluster: the seed's per-node cursor pages, and ScanIter, which yields every key
/// exactly once on a stable cluster and carries on when a primary stalls or fails over mid-scan.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ScanTests(ClusterFixture fixture)
{
    private LocalCluster Nodes => fixture.Cluster;

    [Fact]
    public async Task ScanAsync_CursorPerPrimary_PagesCoverEveryKey()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var (prefix, written) = await WriteAsync(cluster, "scan", 300);
        var found = new HashSet<string>();
        IReadOnlyDictionary<string, long>? cursors = null;
        int pages = 0;
        do
        {
            var page = await cluster.ScanAsync(cursors, match: prefix + "*", count: 20);
            if (pages++ == 0) Assert.Equal(ClusterProbe.Primaries(cluster), page.Keys.ToHashSet());
            foreach (var result in page.Values) found.UnionWith(result.Items.Select(k => k.ToString()!));
            cursors = page.Where(p => p.Value.Cursor != 0).ToDictionary(p => p.Key, p => p.Value.Cursor);
        }
        while (cursors.Count > 0);
        Assert.True(pages > 3, $"only {pages} pages");
        Assert.Equal(written, found);
    }

    [Fact]
    public async Task Scan_CursorPerPrimary_PagesCoverEveryKey()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes + ",protocol=2");
        var (prefix, written) = await WriteAsync(cluster, "scan-sync", 150);
        var found = new HashSet<string>();
        IReadOnlyDictionary<string, long>? cursors = null;
        do
        {
            var page = cluster.Scan(cursors, match: prefix + "*", count: 50);
            foreach (var result in page.Values) found.UnionWith(result.Items.Select(k => k.ToString()!));
            cursors = page.Where(p => p.Value.Cursor != 0).ToDictionary(p => p.Key, p => p.Value.Cursor);
        }
        while (cursors.Count > 0);
        Assert.Equal(written, found);
    }

    [Fact]
    public async Task ScanIterAsync_StableCluster_EveryKeyExactlyOnce()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var (prefix, written) = await WriteAsync(cluster, "iter", 500);
        var yielded = new List<string>();
        await foreach (var key in cluster.ScanIterAsync(prefix + "*", count: 10)) yielded.Add(key.ToString()!);
        AssertExactlyOnce(written, yielded);

        var everything = new List<RedisKey>();
        await foreach (var key in cluster.ScanIterAsync()) everything.Add(key);
        Assert.Equal(everything.Count, everything.Distinct().Count());
        Assert.Equal(await cluster.DbSizeTotalAsync(), everything.Count);
    }

    [Fact]
    public async Task ScanIter_StableCluster_EveryKeyExactlyOnce()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        var (prefix, written) = await WriteAsync(cluster, "iter-sync", 300);
        var scan = cluster.ScanIter(prefix + "*", count: 10);
        AssertExactlyOnce(written, scan.Select(k => k.ToString()!).ToList());
        AssertExactlyOnce(written, scan.Select(k => k.ToString()!).ToList()); // enumerable again: a fresh scan
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.ScanIter(count: 0));
    }

    [Fact]
    public async Task ScanIterAsync_TypeFilter_OnlyKeysOfThatType()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string prefix = "typed:" + Guid.NewGuid().ToString("N")[..8] + ":";
        var hashes = new HashSet<string>();
        for (int i = 0; i < 40; i++)
        {
            await cluster.SetAsync(prefix + "s" + i, "v");
            await cluster.ExecuteAsync("HSET", prefix + "h" + i, "f", "v");
            hashes.Add(prefix + "h" + i);
        }
        var yielded = new List<string>();
        await foreach (var key in cluster.ScanIterAsync(prefix + "*", count: 25, type: "hash")) yielded.Add(key.ToString()!);
        AssertExactlyOnce(hashes, yielded);
        Assert.Equal(hashes, cluster.ScanIter(prefix + "*", type: "hash").Select(k => k.ToString()!).ToHashSet());
    }

    [Fact]
    public async Task ScanIterAsync_PrimaryStalledMidScan_StartsThatShardAgainEachKeyOnce()
    {
        Nodes.WaitForHealthy(TimeSpan.FromSeconds(30));
        var (prefix, written) = await WriteAsync("stall", 600);
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",commandTimeout=300");
        var yielded = new List<string>();
        await StallDuringAsync(cluster, prefix, async onKey =>
        {
            await foreach (var key in cluster.ScanIterAsync(prefix + "*", count: 5))
            {
                yielded.Add(key.ToString()!);
                onKey(key.ToString()!);
            }
        });
        AssertExactlyOnce(written, yielded);
    }

    [Fact]
    public async Task ScanIter_PrimaryStalledMidScan_StartsThatShardAgainEachKeyOnce()
    {
        Nodes.WaitForHealthy(TimeSpan.FromSeconds(30));
        var (prefix, written) = await WriteAsync("stall-sync", 600);
        using var cluster = RedisCluster.Connect(fixture.StartupNodes + ",commandTimeout=300");
        var yielded = new List<string>();
        await StallDuringAsync(cluster, prefix, onKey =>
        {
            foreach (var key in cluster.ScanIter(prefix + "*", count: 5))
            {
                yielded.Add(key.ToString()!);
                onKey(key.ToString()!);
            }
            return Task.CompletedTask;
        });
        AssertExactlyOnce(written, yielded);
    }

    [Fact]
    public async Task ScanIterAsync_PrimaryKilledMidScan_ContinuesOnPromotedReplicaEachKeyOnce()
    {
        Nodes.WaitForHealthy(TimeSpan.FromSeconds(30));
        var (prefix, written) = await WriteAsync("failover-scan", 900);
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",commandTimeout=1000");
        string? victim = null;
        int fromVictim = 0;
        var yielded = new List<string>();
        try
        {
            await foreach (var key in cluster.ScanIterAsync(prefix + "*", count: 5))
            {
                yielded.Add(key.ToString()!);
                string owner = cluster.GetNodeForKey(key)!;
                victim ??= owner;
                if (owner == victim && ++fromVictim == 40) Nodes.KillNode(ClusterProbe.Port(victim)); // mid-way through the first shard
            }
            Assert.NotNull(victim);
            Assert.True(fromVictim >= 40, "the scan did not reach the kill");
            AssertExactlyOnce(written, yielded);
            Assert.DoesNotContain(victim, ClusterProbe.Primaries(cluster));
        }
        finally
        {
            if (victim is not null)
            {
                Nodes.RestartNode(ClusterProbe.Port(victim));
                Nodes.WaitForClusterOk(TimeSpan.FromSeconds(60));
            }
        }
    }

    // Pauses the primary being scanned (SIGSTOP, so its pages time out) after 30 of its keys, resumes
    // it 1 s later (well under cluster-node-timeout, so no failover), and checks that its part of the
    // scan started over: SCAN with cursor 0 ran twice on it.
    private async Task StallDuringAsync(RedisCluster cluster, string prefix, Func<Action<string>, Task> scan)
    {
        string? stalled = null;
        int fromStalled = 0;
        Task? resume = null;
        string originalMaxLen = "";
        try
        {
            await scan(key =>
            {
                string owner = cluster.GetNodeForKey(key)!;
                if (stalled is null)
                {
                    stalled = owner;
                    int port = ClusterProbe.Port(owner);
                    originalMaxLen = Nodes.RedisCli(port, "CONFIG", "GET", "slowlog-max-len").Split('\n')[1];
                    Nodes.RedisCli(port, "CONFIG", "SET", "slowlog-max-len", "10000");
                    Nodes.RedisCli(port, "CONFIG", "SET", "slowlog-log-slower-than", "0");
                    Nodes.RedisCli(port, "SLOWLOG", "RESET");
                }
                if (owner == stalled && ++fromStalled == 30)
                {
                    Nodes.StopNode(ClusterProbe.Port(stalled));
                    resume = Task.Run(async () =>
                    {
                        await Task.Delay(1000);
                        Nodes.ContinueNode(ClusterProbe.Port(stalled));
                    });
                }
            });
            Assert.NotNull(resume);
            await resume!;
            int port = ClusterProbe.Port(stalled!);
            var log = Nodes.RedisCli(port, "SLOWLOG", "GET", "10000");
            int fromZero = CountScansFromZero(log, prefix);
            Assert.True(fromZero >= 2, $"SCAN 0 ran {fromZero} time(s) on {stalled}: the stalled shard was not started again");
        }
        finally
        {
            if (resume is not null) await resume;
            if (stalled is not null)
            {
                int port = ClusterProbe.Port(stalled);
                Nodes.RedisCli(port, "CONFIG", "SET", "slowlog-log-slower-than", "10000");
                Nodes.RedisCli(port, "CONFIG", "SET", "slowlog-max-len", originalMaxLen);
                Nodes.RedisCli(port, "SLOWLOG", "RESET");
            }
        }
    }

    // redis-cli prints each slow-log entry's arguments one per line: "SCAN", "0", "MATCH", "<prefix>*".
    private static int CountScansFromZero(string slowlog, string prefix)
    {
        var lines = slowlog.Split('\n').Select(l => l.Trim()).ToArray();
        int count = 0;
        for (int i = 0; i + 3 < lines.Length; i++)
        {
            if (lines[i] == "SCAN" && lines[i + 1] == "0" && lines[i + 3] == prefix + "*") count++;
        }
        return count;
    }

    private static void AssertExactlyOnce(HashSet<string> written, List<string> yielded)
    {
        var duplicates = yielded.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
        Assert.Equal(written.Count, yielded.Count);
        Assert.Equal(written, yielded.ToHashSet());
    }

    private async Task<(string Prefix, HashSet<string> Keys)> WriteAsync(string name, int count)
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        return await WriteAsync(cluster, name, count);
    }

    private static async Task<(string Prefix, HashSet<string> Keys)> WriteAsync(RedisCluster cluster, string name, int count)
    {
        string prefix = name + ":" + Guid.NewGuid().ToString("N")[..8] + ":";
        var keys = new HashSet<string>();
        var writes = new List<Task>();
        for (int i = 0; i < count; i++)
        {
            string key = prefix + i;
            keys.Add(key);
            writes.Add(cluster.SetAsync(key, i).AsTask());
        }
        await Task.WhenAll(writes);
        await ClusterProbe.WaitForReplicasAsync(cluster);
        return (prefix, keys);
    }
}

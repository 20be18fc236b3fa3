using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.SeedParity;

/// <summary>
/// SSCAN, HSCAN and ZSCAN on one key, as the seed overrides them: one page with the caller's cursor,
/// and the Iter forms that run to the end with each element once, also when the key's slot moves
/// to another primary mid-scan.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class KeyScanTests(ClusterFixture fixture)
{
    private const int Size = 700; // past the listpack limits (hash-max-listpack-entries is 512), so the server pages the scan

    [Fact]
    public async Task SScanAsync_Pages_EveryMemberAndMatch()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var (key, members) = await SetAsync(cluster);
        var found = new HashSet<string>();
        long cursor = 0;
        int pages = 0;
        do
        {
            var page = await cluster.SScanAsync(key, cursor, count: 10);
            found.UnionWith(page.Items.Select(m => m.ToString()!));
            cursor = page.Cursor;
            pages++;
        }
        while (cursor != 0);
        Assert.True(pages > 5, $"{pages} pages");
        Assert.Equal(members, found);
        var matched = await cluster.SScanAsync(key, 0, match: "nothing*", count: 1000);
        Assert.Empty(matched.Items);
    }

    [Fact]
    public async Task SScan_Pages_EveryMember()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        var (key, members) = await SetAsync(cluster);
        var found = new HashSet<string>();
        long cursor = 0;
        do
        {
            var page = cluster.SScan(key, cursor, count: 50);
            found.UnionWith(page.Items.Select(m => m.ToString()!));
            cursor = page.Cursor;
        }
        while (cursor != 0);
        Assert.Equal(members, found);
        Assert.Throws<ArgumentException>(() => cluster.SScan(""));
    }

    [Fact]
    public async Task SScanIterAsync_EveryMemberExactlyOnce()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var (key, members) = await SetAsync(cluster);
        var yielded = new List<string>();
        await foreach (var m in cluster.SScanIterAsync(key, count: 7)) yielded.Add(m.ToString()!);
        AssertExactlyOnce(members, yielded);
        var ones = new List<string>();
        await foreach (var m in cluster.SScanIterAsync(key, match: "m1*")) ones.Add(m.ToString()!);
        AssertExactlyOnce(members.Where(m => m.StartsWith("m1", StringComparison.Ordinal)).ToHashSet(), ones);
        await foreach (var _ in cluster.SScanIterAsync("missing:" + Guid.NewGuid())) Assert.Fail("a missing key has no members");
    }

    [Fact]
    public async Task SScanIter_EveryMemberExactlyOnce()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        var (key, members) = await SetAsync(cluster);
        AssertExactlyOnce(members, cluster.SScanIter(key, count: 7).Select(m => m.ToString()!).ToList());
        Assert.Throws<ArgumentNullException>(() => cluster.SScanIter(default(RedisKey)));
    }

    [Fact]
    public async Task HScanAsync_Pages_EveryFieldWithItsValue()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var (key, fields) = await HashAsync(cluster);
        var found = new Dictionary<string, string>();
        long cursor = 0;
        int pages = 0;
        do
        {
            var page = await cluster.HScanAsync(key, cursor, count: 10);
            foreach (var e in page.Items) found[e.Name.ToString()!] = e.Value.ToString()!;
            cursor = page.Cursor;
            pages++;
        }
        while (cursor != 0);
        Assert.True(pages > 5, $"{pages} pages");
        Assert.Equal(fields, found);
    }

    [Fact]
    public async Task HScan_Pages_EveryFieldWithItsValue()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes + ",protocol=2");
        var (key, fields) = await HashAsync(cluster);
        var found = new Dictionary<string, string>();
        long cursor = 0;
        do
        {
            var page = cluster.HScan(key, cursor, count: 50);
            foreach (var e in page.Items) found[e.Name.ToString()!] = e.Value.ToString()!;
            cursor = page.Cursor;
        }
        while (cursor != 0);
        Assert.Equal(fields, found);
    }

    [Fact]
    public async Task HScanIterAsync_EveryFieldOnceWithItsValue()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var (key, fields) = await HashAsync(cluster);
        var yielded = new List<HashEntry>();
        await foreach (var e in cluster.HScanIterAsync(key, count: 9)) yielded.Add(e);
        AssertExactlyOnce(fields.Keys.ToHashSet(), yielded.Select(e => e.Name.ToString()!).ToList());
        Assert.All(yielded, e => Assert.Equal(fields[e.Name.ToString()!], e.Value.ToString()));
    }

    [Fact]
    public async Task HScanIter_EveryFieldOnceWithItsValue()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        var (key, fields) = await HashAsync(cluster);
        var yielded = cluster.HScanIter(key, match: "f2*").ToList();
        AssertExactlyOnce(fields.Keys.Where(f => f.StartsWith("f2", StringComparison.Ordinal)).ToHashSet(), yielded.Select(e => e.Name.ToString()!).ToList());
    }

    [Fact]
    public async Task ZScanAsync_Pages_EveryMemberWithItsScore()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var (key, scores) = await SortedSetAsync(cluster);
        var found = new Dictionary<string, double>();
        long cursor = 0;
        int pages = 0;
        do
        {
            var page = await cluster.ZScanAsync(key, cursor, count: 10);
            foreach (var e in page.Items) found[e.Member.ToString()!] = e.Score;
            cursor = page.Cursor;
            pages++;
        }
        while (cursor != 0);
        Assert.True(pages > 5, $"{pages} pages");
        Assert.Equal(scores, found);
    }

    [Fact]
    public async Task ZScan_Pages_EveryMemberWithItsScore()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes + ",protocol=2");
        var (key, scores) = await SortedSetAsync(cluster);
        var found = new Dictionary<string, double>();
        long cursor = 0;
        do
        {
            var page = cluster.ZScan(key, cursor, count: 50);
            foreach (var e in page.Items) found[e.Member.ToString()!] = e.Score;
            cursor = page.Cursor;
        }
        while (cursor != 0);
        Assert.Equal(scores, found);
    }

    [Fact]
    public async Task ZScanIterAsync_EveryMemberOnceWithItsScore()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var (key, scores) = await SortedSetAsync(cluster);
        var yielded = new List<SortedSetEntry>();
        await foreach (var e in cluster.ZScanIterAsync(key, count: 11)) yielded.Add(e);
        AssertExactlyOnce(scores.Keys.ToHashSet(), yielded.Select(e => e.Member.ToString()!).ToList());
        Assert.All(yielded, e => Assert.Equal(scores[e.Member.ToString()!], e.Score));
        Assert.Contains(yielded, e => double.IsPositiveInfinity(e.Score));
    }

    [Fact]
    public async Task ZScanIter_EveryMemberOnceWithItsScore()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes + ",protocol=2");
        var (key, scores) = await SortedSetAsync(cluster);
        var yielded = cluster.ZScanIter(key, count: 11).ToList();
        AssertExactlyOnce(scores.Keys.ToHashSet(), yielded.Select(e => e.Member.ToString()!).ToList());
        Assert.All(yielded, e => Assert.Equal(scores[e.Member.ToString()!], e.Score));
    }

    [Fact]
    public async Task HScanIterAsync_SlotMovedMidScan_StartsOverOnNewOwnerEachFieldOnce()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var (key, fields) = await HashAsync(cluster);
        await MovedMidScanAsync(cluster, key, async onItem =>
        {
            var yielded = new List<string>();
            await foreach (var e in cluster.HScanIterAsync(key, count: 5))
            {
                yielded.Add(e.Name.ToString()!);
                onItem(yielded.Count);
            }
            AssertExactlyOnce(fields.Keys.ToHashSet(), yielded);
        });
    }

    [Fact]
    public async Task SScanIter_SlotMovedMidScan_StartsOverOnNewOwnerEachMemberOnce()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        var (key, members) = await SetAsync(cluster);
        await MovedMidScanAsync(cluster, key, onItem =>
        {
            var yielded = new List<string>();
            foreach (var m in cluster.SScanIter(key, count: 5))
            {
                yielded.Add(m.ToString()!);
                onItem(yielded.Count);
            }
            AssertExactlyOnce(members, yielded);
            return Task.CompletedTask;
        });
    }

    // After 50 items, moves the key's slot (key included) to another primary, then moves it back.
    private async Task MovedMidScanAsync(RedisCluster cluster, string key, Func<Action<int>, Task> scan)
    {
        int slot = RedisCluster.GetSlot(key);
        int source = ClusterProbe.Port(cluster.GetNodeForKey(key)!);
        int target = ClusterProbe.Primaries(cluster).Select(ClusterProbe.Port).First(p => p != source);
        var migration = new SlotMigration(fixture.Cluster, slot, source, target);
        bool moved = false;
        try
        {
            await scan(count =>
            {
                if (count != 50) return;
                migration.Begin();
                migration.Finish();
                moved = true;
            });
            Assert.True(moved);
            Assert.Equal("127.0.0.1:" + target, cluster.GetNodeForKey(key)); // the MOVED reply updated the map
        }
        finally
        {
            if (moved)
            {
                var back = migration.Reverse();
                back.Begin();
                back.Finish();
            }
        }
    }

    private static void AssertExactlyOnce(HashSet<string> expected, List<string> yielded)
    {
        Assert.Empty(yielded.GroupBy(x => x).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Equal(expected, yielded.ToHashSet());
    }

    private static async Task<(string Key, HashSet<string> Members)> SetAsync(RedisCluster cluster)
    {
        string key = "sscan:" + Guid.NewGuid().ToString("N");
        var members = Enumerable.Range(0, Size).Select(i => "m" + i).ToHashSet();
        await cluster.ExecuteAsync("SADD", [key, .. members.Select(m => (RedisValue)m)]);
        return (key, members);
    }

    private static async Task<(string Key, Dictionary<string, string> Fields)> HashAsync(RedisCluster cluster)
    {
        string key = "hscan:" + Guid.NewGuid().ToString("N");
        var fields = Enumerable.Range(0, Size).ToDictionary(i => "f" + i, i => "v" + i);
        var args = new List<RedisValue> { key };
        foreach (var (f, v) in fields) args.AddRange([f, v]);
        await cluster.ExecuteAsync("HSET", [.. args]);
        return (key, fields);
    }

    private static async Task<(string Key, Dictionary<string, double> Scores)> SortedSetAsync(RedisCluster cluster)
    {
        string key = "zscan:" + Guid.NewGuid().ToString("N");
        var scores = Enumerable.Range(0, Size).ToDictionary(i => "z" + i, i => i * 1.5 - 100);
        scores["top"] = double.PositiveInfinity;
        scores["bottom"] = double.NegativeInfinity;
        var args = new List<RedisValue> { key };
        foreach (var (m, s) in scores) args.AddRange([s, m]);
        await cluster.ExecuteAsync("ZADD", [.. args]);
        return (key, scores);
    }
}

using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.SeedParity;

/// <summary>Small helpers the seed-parity tests share: keys on every shard, node ports, replication waits.</summary>
internal static class ClusterProbe
{
    /// <summary>One hash tag ("{name:n}") per primary, each owned by a different primary, with the owner's port.</summary>
    public static List<(string Tag, int OwnerPort)> TagPerShard(RedisCluster cluster, string name)
    {
        var owners = new Dictionary<string, string>();
        for (int i = 0; owners.Count < cluster.SlotMap.Shards.Count && i < 10_000; i++)
        {
            string tag = "{" + name + ":" + Guid.NewGuid().ToString("N")[..8] + "}";
            string owner = cluster.GetNodeForKey(tag)!;
            owners.TryAdd(owner, tag);
        }
        var result = new List<(string, int)>();
        foreach (var (owner, tag) in owners) result.Add((tag, Port(owner)));
        return result;
    }

    /// <summary>The port of "host:port".</summary>
    public static int Port(string endPoint) => RedisClusterOptions.ParseEndPoint(endPoint).Port;

    /// <summary>Every node's endpoint as the client names them ("127.0.0.1:P").</summary>
    public static HashSet<string> AllEndPoints(LocalCluster cluster) => [.. cluster.Ports.Select(p => "127.0.0.1:" + p)];

    /// <summary>The primaries' endpoints, from the client's slot map.</summary>
    public static HashSet<string> Primaries(RedisCluster cluster) => [.. cluster.SlotMap.Shards.Select(s => s.Primary.EndPoint)];

    /// <summary>Waits until every primary's writes so far reached its replica (WAIT 1), so a failover loses none of them.</summary>
    public static async Task WaitForReplicasAsync(RedisCluster cluster)
    {
        foreach (var shard in cluster.SlotMap.Shards)
        {
            if (shard.Replicas.Count == 0) continue;
            var acked = await cluster.Executor.ExecuteOnNodeAsync(shard.Primary.EndPoint, ["WAIT", 1, 5000], CancellationToken.None);
            Assert.True(acked.ToInt64() >= 1, $"{shard.Primary.EndPoint}: no replica acknowledged the writes");
        }
    }

    /// <summary>A node's INFO section, read with redis-cli.</summary>
    public static RedisInfo Info(LocalCluster cluster, int port, string section) => new(cluster.RedisCli(port, "INFO", section));

    /// <summary>Waits until no node runs a background save or AOF rewrite (they refuse to start a second one).</summary>
    public static void WaitForPersistenceIdle(LocalCluster cluster)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        foreach (int port in cluster.Ports)
        {
            while (true)
            {
                var info = Info(cluster, port, "persistence");
                if (info.GetInt64("rdb_bgsave_in_progress") == 0 && info.GetInt64("aof_rewrite_in_progress") == 0 && info.GetInt64("aof_rewrite_scheduled") == 0) break;
                Assert.True(DateTime.UtcNow < deadline, $"node {port} still persisting after 30 s");
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>An INFO counter of every node, by port.</summary>
    public static Dictionary<int, long> Counter(LocalCluster cluster, string section, string field) =>
        cluster.Ports.ToDictionary(p => p, p => Info(cluster, p, section).GetInt64(field) ?? throw new InvalidOperationException($"node {p} has no {field}"));
}

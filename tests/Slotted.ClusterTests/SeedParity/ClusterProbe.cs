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
}

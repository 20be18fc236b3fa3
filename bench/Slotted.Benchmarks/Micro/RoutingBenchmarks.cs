using BenchmarkDotNet.Attributes;
using Slotted.Routing;
using Slotted.Topology;

namespace Slotted.Benchmarks.Micro;

/// <summary>
/// Routing one command without a server: key → slot → shard → node connection holder, through
/// the same <see cref="ClusterExecutor"/> calls the hot path makes (a three-shard map with replicas).
/// </summary>
[MemoryDiagnoser]
public class RoutingBenchmarks
{
    private ClusterExecutor _executor = null!;
    private readonly RedisKey _key = "user:1000:session";

    [GlobalSetup]
    public void Setup()
    {
        var options = new RedisClusterOptions { StartupNodes = ["127.0.0.1:7000"], TopologyRefreshInterval = TimeSpan.Zero };
        _executor = new ClusterExecutor(options);
        var shards = new List<Shard>();
        for (int i = 0; i < 3; i++)
        {
            var primary = new ClusterNode($"p{i}", "127.0.0.1", 7000 + i, isPrimary: true, primaryId: null);
            var replica = new ClusterNode($"r{i}", "127.0.0.1", 7003 + i, isPrimary: false, primaryId: $"p{i}");
            int start = i * HashSlot.Count / 3, end = (i + 1) * HashSlot.Count / 3 - 1;
            shards.Add(new Shard(primary, [replica], [(start, end)]));
        }
        _executor.Topology.Replace(new ShardMap(shards, 1));
    }

    [GlobalCleanup]
    public void Cleanup() => _executor.Dispose();

    [Benchmark]
    public string RouteWrite()
    {
        int slot = HashSlot.Get(_key);
        return _executor.GetNode(_executor.SelectNode(slot, readOnly: false, attempt: 0)!).EndPoint;
    }

    [Benchmark]
    public string RouteRead()
    {
        int slot = HashSlot.Get(_key);
        return _executor.GetNode(_executor.SelectNode(slot, readOnly: true, attempt: 0)!).EndPoint;
    }
}

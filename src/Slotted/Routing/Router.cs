using Slotted.Topology;

namespace Slotted.Routing;

/// <summary>
/// Picks the node for a slot: the primary for writes, and for reads whatever <see cref="ReadFrom"/>
/// asks. A replica is only chosen when its connection is up (the readiness check starts connecting to
/// it otherwise): a read never waits for a replica's connect while the primary can serve it, so a
/// replica that is restarting, hung or unreachable costs reads nothing.
/// </summary>
internal sealed class Router
{
    private readonly TopologyRefresher _topology;
    private readonly ReadFrom _readFrom;
    private readonly Func<string, bool> _isReady;
    private uint _roundRobin;

    public Router(TopologyRefresher topology, ReadFrom readFrom, Func<string, bool> isReady)
    {
        _topology = topology;
        _readFrom = readFrom;
        _isReady = isReady;
    }

    /// <summary>The node for <paramref name="slot"/> (-1: any primary), or null when no node serves the slot.</summary>
    public string? Select(int slot, bool readOnly, int attempt)
    {
        var map = _topology.Current;
        if (slot < 0)
        {
            var shards = map.Shards;
            if (shards.Count == 0) return null;
            return shards[(int)(Interlocked.Increment(ref _roundRobin) % (uint)shards.Count)].Primary.EndPoint;
        }
        var shard = map.GetShard(slot);
        if (shard is null) return null;
        if (!readOnly || _readFrom == ReadFrom.Primary || shard.Replicas.Count == 0 || attempt > 0) return shard.Primary.EndPoint;
        uint next = Interlocked.Increment(ref _roundRobin);
        if (_readFrom == ReadFrom.Any)
        {
            int pick = (int)(next % (uint)(shard.Replicas.Count + 1));
            string candidate = pick == shard.Replicas.Count ? shard.Primary.EndPoint : shard.Replicas[pick].EndPoint;
            return _isReady(candidate) ? candidate : shard.Primary.EndPoint;
        }
        for (int i = 0; i < shard.Replicas.Count; i++)
        {
            string candidate = shard.Replicas[(int)((next + (uint)i) % (uint)shard.Replicas.Count)].EndPoint;
            if (_isReady(candidate)) return candidate;
        }
        return shard.Primary.EndPoint;
    }
}

using Slotted.Topology;

namespace Slotted;

/// <summary>
/// Which nodes a node-level command (PING, INFO, CONFIG SET, CLIENT LIST ...) is sent to. The
/// default of each command follows redis-py-cluster: every node, primaries and replicas alike,
/// because these commands describe or change one server, and replicas are servers too. Pass
/// <see cref="Primaries"/> to leave replicas out, or <see cref="Node(string)"/> (or a
/// <see cref="ClusterNode"/> from <see cref="RedisCluster.SlotMap"/>) to ask one node.
/// </summary>
public sealed class TargetNodes
{
    private enum Kind
    {
        AllNodes,
        Primaries,
        Replicas,
        One,
    }

    private readonly Kind _kind;

    private TargetNodes(Kind kind, string? endPoint)
    {
        _kind = kind;
        EndPoint = endPoint;
    }

    /// <summary>Every node of the current slot map: primaries and replicas.</summary>
    public static TargetNodes AllNodes { get; } = new(Kind.AllNodes, null);

    /// <summary>
    /// The primary of every shard that serves slots. A primary without slots holds no keys; it is
    /// usually a node in transition (just added, or a failed primary rejoining as a replica), and
    /// counting it would repeat or miss keys in KEYS, SCAN and the DBSIZE total.
    /// </summary>
    public static TargetNodes Primaries { get; } = new(Kind.Primaries, null);

    /// <summary>Every replica (none when the cluster has no replicas).</summary>
    public static TargetNodes Replicas { get; } = new(Kind.Replicas, null);

    /// <summary>The single node named by <see cref="Node(string)"/>; null for the other selections.</summary>
    public string? EndPoint { get; }

    /// <summary>
    /// One node, "host:port" (IPv6 as "[::1]:7000"). It need not be in the slot map: a node that is
    /// joining the cluster can be asked too.
    /// </summary>
    /// <exception cref="ArgumentException">The text is not "host:port".</exception>
    public static TargetNodes Node(string endPoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endPoint);
        var (host, port) = RedisClusterOptions.ParseEndPoint(endPoint.Trim());
        return new TargetNodes(Kind.One, host.Contains(':') ? $"[{host}]:{port}" : $"{host}:{port}");
    }

    /// <summary>One node of the slot map.</summary>
    public static TargetNodes Node(ClusterNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new TargetNodes(Kind.One, node.EndPoint);
    }

    /// <summary>One node of the slot map.</summary>
    public static implicit operator TargetNodes(ClusterNode node) => Node(node);

    /// <summary>The endpoints selected in <paramref name="map"/>, each once, in slot-map order.</summary>
    internal IReadOnlyList<string> Resolve(ShardMap map)
    {
        if (_kind == Kind.One) return [EndPoint!];
        var endPoints = new List<string>(map.Nodes.Count);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var shard in map.Shards)
        {
            if (_kind == Kind.Primaries)
            {
                if (shard.SlotRanges.Count != 0 && seen.Add(shard.Primary.EndPoint)) endPoints.Add(shard.Primary.EndPoint);
                continue;
            }
            if (_kind == Kind.AllNodes && seen.Add(shard.Primary.EndPoint)) endPoints.Add(shard.Primary.EndPoint);
            foreach (var replica in shard.Replicas)
            {
                if (seen.Add(replica.EndPoint)) endPoints.Add(replica.EndPoint);
            }
        }
        return endPoints;
    }

    /// <inheritdoc />
    public override string ToString() => _kind == Kind.One ? EndPoint! : _kind.ToString();
}

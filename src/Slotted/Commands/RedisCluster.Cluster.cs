using Slotted.Routing;
using static Slotted.ReplyConverters;

namespace Slotted;

// CLUSTER introspection, as redis-py's RedisCluster offers it (cluster_info, cluster_nodes,
// cluster_myid, cluster_keyslot, cluster_countkeysinslot, cluster_get_keys_in_slot,
// cluster_failover). CLUSTER SHARDS and CLUSTER SLOTS have no typed methods: the client reads them
// into SlotMap (see the RedisCluster class remarks). Node views (INFO, NODES, MYID) are fan-outs
// with the conventions of RedisCluster.Server.cs; the slot commands are routed by their slot.
public sealed partial class RedisCluster
{
    /// <summary>
    /// CLUSTER INFO (https://redis.io/docs/latest/commands/cluster-info/): the cluster's state as each
    /// asked node sees it — cluster_state, slots assigned/ok/pfail/fail, known nodes, size, epochs.
    /// Like redis-py, one node is asked by default (a primary picked at random: every node reports
    /// the same cluster once it has settled); pass <see cref="TargetNodes.AllNodes"/> to compare every
    /// node's view while the cluster changes.
    /// </summary>
    /// <param name="target">The nodes to ask; one primary, picked at random, when null.</param>
    /// <param name="cancellationToken">Cancels the wait for the replies.</param>
    /// <returns>Each node's parsed reply, by node "host:port".</returns>
    /// <exception cref="RedisFanOutException">A node failed; the exception names it.</exception>
    public ValueTask<IReadOnlyDictionary<string, ClusterInfo>> ClusterInfoAsync(TargetNodes? target = null, CancellationToken cancellationToken = default) =>
        FanOut.RunAsync(_executor, target ?? AnyPrimary(), ["CLUSTER", "INFO"], ClusterInfoText, cancellationToken);

    /// <summary>CLUSTER INFO (synchronous).</summary>
    public IReadOnlyDictionary<string, ClusterInfo> ClusterInfo(TargetNodes? target = null) =>
        FanOut.Run(_executor, target ?? AnyPrimary(), ["CLUSTER", "INFO"], ClusterInfoText);

    /// <summary>
    /// CLUSTER NODES (https://redis.io/docs/latest/commands/cluster-nodes/): every node of the cluster
    /// as each asked node sees it — ids, addresses, flags (myself, master, slave, fail?, fail ...),
    /// primaries of replicas, epochs, link states, slot ranges and open slot migrations. The raw text is
    /// kept in <see cref="ClusterNodesInfo.Text"/>. One node (a primary picked at random) is asked by
    /// default, as in redis-py. For routing, <see cref="SlotMap"/> already holds the current shards.
    /// </summary>
    /// <param name="target">The nodes to ask; one primary, picked at random, when null.</param>
    /// <param name="cancellationToken">Cancels the wait for the replies.</param>
    /// <returns>Each node's parsed reply, by node "host:port".</returns>
    /// <exception cref="RedisFanOutException">A node failed, or sent a line that does not parse; the exception names it.</exception>
    public ValueTask<IReadOnlyDictionary<string, ClusterNodesInfo>> ClusterNodesAsync(TargetNodes? target = null, CancellationToken cancellationToken = default) =>
        FanOut.RunAsync(_executor, target ?? AnyPrimary(), ["CLUSTER", "NODES"], ClusterNodesText, cancellationToken);

    /// <summary>CLUSTER NODES (synchronous).</summary>
    public IReadOnlyDictionary<string, ClusterNodesInfo> ClusterNodes(TargetNodes? target = null) =>
        FanOut.Run(_executor, target ?? AnyPrimary(), ["CLUSTER", "NODES"], ClusterNodesText);

    /// <summary>
    /// CLUSTER MYID (https://redis.io/docs/latest/commands/cluster-myid/): each node's 40-character
    /// cluster id, by node. <see cref="Topology.ClusterNode.Id"/> in <see cref="SlotMap"/> holds the same
    /// ids without a round trip.
    /// </summary>
    /// <param name="target">The nodes to ask; every node when null.</param>
    /// <param name="cancellationToken">Cancels the wait for the replies.</param>
    /// <exception cref="RedisFanOutException">A node failed; the exception names it.</exception>
    public ValueTask<IReadOnlyDictionary<string, string>> ClusterMyIdAsync(TargetNodes? target = null, CancellationToken cancellationToken = default) =>
        FanOut.RunAsync(_executor, target ?? TargetNodes.AllNodes, ["CLUSTER", "MYID"], Text, cancellationToken);

    /// <summary>CLUSTER MYID (synchronous).</summary>
    public IReadOnlyDictionary<string, string> ClusterMyId(TargetNodes? target = null) =>
        FanOut.Run(_executor, target ?? TargetNodes.AllNodes, ["CLUSTER", "MYID"], Text);

    /// <summary>
    /// CLUSTER KEYSLOT (https://redis.io/docs/latest/commands/cluster-keyslot/): the hash slot of
    /// <paramref name="key"/> as the server computes it. <see cref="GetSlot"/> gives the same number
    /// locally (CRC16 of the key or its {hash tag}, modulo 16384) without a round trip; this asks a node.
    /// </summary>
    /// <param name="key">The key (it need not exist).</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    /// <exception cref="ArgumentException">The key is null or empty.</exception>
    public ValueTask<long> ClusterKeySlotAsync(RedisKey key, CancellationToken cancellationToken = default)
    {
        Guard.Key(key);
        return _executor.ExecuteAsync(["CLUSTER", "KEYSLOT", key], -1, readOnly: true, ReplyDecoders.Int64, cancellationToken);
    }

    /// <summary>CLUSTER KEYSLOT (synchronous).</summary>
    public long ClusterKeySlot(RedisKey key)
    {
        Guard.Key(key);
        return _executor.Execute(["CLUSTER", "KEYSLOT", key], -1, readOnly: true, ReplyDecoders.Int64);
    }

    /// <summary>
    /// CLUSTER COUNTKEYSINSLOT (https://redis.io/docs/latest/commands/cluster-countkeysinslot/): how
    /// many keys <paramref name="slot"/> holds. A node only counts its own keys, so the command is sent
    /// to the node that serves the slot (a replica when <see cref="RedisClusterOptions.ReadFrom"/>
    /// allows: it holds the same keys). <c>ExecuteAsync("CLUSTER", "COUNTKEYSINSLOT", slot)</c> is routed
    /// the same way.
    /// </summary>
    /// <remarks>
    /// A node that does not serve the slot answers 0 rather than a MOVED redirect, so the answer is as
    /// current as <see cref="SlotMap"/>: right after the slot moves, call <see cref="RefreshSlotMapAsync"/> first.
    /// </remarks>
    /// <param name="slot">The hash slot, 0..16383 (<see cref="GetSlot"/> gives a key's).</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="slot"/> is not in 0..16383.</exception>
    public ValueTask<long> ClusterCountKeysInSlotAsync(int slot, CancellationToken cancellationToken = default)
    {
        SlotArgumentCommands.CheckSlot(slot, nameof(slot));
        return _executor.ExecuteAsync(["CLUSTER", "COUNTKEYSINSLOT", slot], slot, readOnly: true, ReplyDecoders.Int64, cancellationToken);
    }

    /// <summary>CLUSTER COUNTKEYSINSLOT (synchronous).</summary>
    public long ClusterCountKeysInSlot(int slot)
    {
        SlotArgumentCommands.CheckSlot(slot, nameof(slot));
        return _executor.Execute(["CLUSTER", "COUNTKEYSINSLOT", slot], slot, readOnly: true, ReplyDecoders.Int64);
    }

    /// <summary>
    /// CLUSTER GETKEYSINSLOT (https://redis.io/docs/latest/commands/cluster-getkeysinslot/): up to
    /// <paramref name="count"/> keys of <paramref name="slot"/>, sent to the node that serves the slot
    /// (a replica when <see cref="RedisClusterOptions.ReadFrom"/> allows), as
    /// <see cref="ClusterCountKeysInSlotAsync"/> is. Which keys come first is up to the server; this is
    /// the call resharding tools use to list the keys to MIGRATE.
    /// </summary>
    /// <remarks>As for <see cref="ClusterCountKeysInSlotAsync"/>, the node is the one <see cref="SlotMap"/> names (no redirect follows a stale map).</remarks>
    /// <param name="slot">The hash slot, 0..16383.</param>
    /// <param name="count">The most keys to return (0 or more).</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="slot"/> is not in 0..16383, or <paramref name="count"/> is negative.</exception>
    public ValueTask<RedisKey[]> ClusterGetKeysInSlotAsync(int slot, int count, CancellationToken cancellationToken = default)
    {
        SlotArgumentCommands.CheckSlot(slot, nameof(slot));
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return _executor.ExecuteAsync(["CLUSTER", "GETKEYSINSLOT", slot, count], slot, readOnly: true, CheckedKeyList, cancellationToken);
    }

    /// <summary>CLUSTER GETKEYSINSLOT (synchronous).</summary>
    public RedisKey[] ClusterGetKeysInSlot(int slot, int count)
    {
        SlotArgumentCommands.CheckSlot(slot, nameof(slot));
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return _executor.Execute(["CLUSTER", "GETKEYSINSLOT", slot, count], slot, readOnly: true, CheckedKeyList);
    }

    /// <summary>
    /// CLUSTER FAILOVER (https://redis.io/docs/latest/commands/cluster-failover/) on the replica at
    /// <paramref name="replicaEndPoint"/>: it takes over its primary's slots, and the old primary becomes
    /// its replica. OK means the failover has started, not that it is done; the slot map is reloaded once
    /// the node accepts (and again on the first MOVED afterwards), so <see cref="SlotMap"/> shows the new
    /// primary shortly after. With <see cref="ClusterFailoverMode.Default"/> no acknowledged write is lost.
    /// </summary>
    /// <param name="replicaEndPoint">The replica to promote, "host:port" as <see cref="Topology.ClusterNode.EndPoint"/> names it.</param>
    /// <param name="mode">Default (coordinated), FORCE or TAKEOVER.</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    /// <exception cref="ArgumentException">The current slot map does not list <paramref name="replicaEndPoint"/>, or lists it as a primary (nothing is sent).</exception>
    /// <exception cref="RedisServerException">The node refused (for example, it is not a replica any more).</exception>
    public async ValueTask ClusterFailoverAsync(string replicaEndPoint, ClusterFailoverMode mode = ClusterFailoverMode.Default, CancellationToken cancellationToken = default)
    {
        string endPoint = FailoverTarget(replicaEndPoint);
        ThrowIfError(await _executor.ExecuteOnNodeAsync(endPoint, FailoverParts(mode), cancellationToken).ConfigureAwait(false));
        _executor.Topology.Trigger();
    }

    /// <summary>CLUSTER FAILOVER (synchronous).</summary>
    public void ClusterFailover(string replicaEndPoint, ClusterFailoverMode mode = ClusterFailoverMode.Default)
    {
        string endPoint = FailoverTarget(replicaEndPoint);
        ThrowIfError(_executor.ExecuteOnNode(endPoint, FailoverParts(mode)));
        _executor.Topology.Trigger();
    }

    private static readonly Func<RedisResult, ClusterInfo> ClusterInfoText = static r => new ClusterInfo(r.ToString() ?? "");
    private static readonly Func<RedisResult, ClusterNodesInfo> ClusterNodesText = static r => new ClusterNodesInfo(r.ToString() ?? "");
    private static readonly Func<RedisResult, RedisKey[]> CheckedKeyList = static r => KeyList(ReplyDecoders.ThrowIfError(r));

    // redis-py sends CLUSTER INFO / NODES to one random node; a primary that serves slots is the
    // node whose view the cluster's routing follows.
    private TargetNodes AnyPrimary()
    {
        var primaries = TargetNodes.Primaries.Resolve(SlotMap);
        return primaries.Count == 0 ? TargetNodes.AllNodes : TargetNodes.Node(primaries[Random.Shared.Next(primaries.Count)]);
    }

    private string FailoverTarget(string replicaEndPoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(replicaEndPoint);
        string endPoint = TargetNodes.Node(replicaEndPoint).EndPoint!;
        foreach (var node in SlotMap.Nodes)
        {
            if (!string.Equals(node.EndPoint, endPoint, StringComparison.OrdinalIgnoreCase)) continue;
            if (node.IsPrimary)
                throw new ArgumentException($"{endPoint} is a primary in the current slot map; CLUSTER FAILOVER is sent to one of its replicas.", nameof(replicaEndPoint));
            return node.EndPoint;
        }
        throw new ArgumentException($"{endPoint} is not in the current slot map; CLUSTER FAILOVER is sent to a replica the map lists.", nameof(replicaEndPoint));
    }

    private static RedisValue[] FailoverParts(ClusterFailoverMode mode) => mode switch
    {
        ClusterFailoverMode.Default => ["CLUSTER", "FAILOVER"],
        ClusterFailoverMode.Force => ["CLUSTER", "FAILOVER", "FORCE"],
        ClusterFailoverMode.Takeover => ["CLUSTER", "FAILOVER", "TAKEOVER"],
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not a ClusterFailoverMode."),
    };
}

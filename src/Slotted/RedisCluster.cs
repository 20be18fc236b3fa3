using Slotted.Routing;
using Slotted.Topology;

namespace Slotted;

/// <summary>
/// A client for a Redis Cluster. Connect with <see cref="ConnectAsync(string, CancellationToken)"/>
/// from one or more startup nodes; the slot map is discovered and kept current, every command is
/// routed to the node that serves its keys, and MOVED/ASK/TRYAGAIN/CLUSTERDOWN are handled so callers
/// never see them. One instance is meant to be shared by the whole application: it is thread-safe
/// and multiplexes all callers over one connection per node.
/// </summary>
/// <remarks>
/// The cluster's layout from CLUSTER SHARDS (or CLUSTER SLOTS on older servers) is already read and kept
/// current in <see cref="SlotMap"/> (shards, primaries, replicas, node ids, slot ranges), so those two
/// commands have no typed methods; <c>ExecuteAsync("CLUSTER", "SHARDS")</c> gives the raw reply. The
/// other CLUSTER introspection commands are typed: <see cref="ClusterInfoAsync"/>,
/// <see cref="ClusterNodesAsync"/>, <see cref="ClusterMyIdAsync"/>, <see cref="ClusterKeySlotAsync"/>,
/// <see cref="ClusterCountKeysInSlotAsync"/>, <see cref="ClusterGetKeysInSlotAsync"/> and
/// <see cref="ClusterFailoverAsync"/>.
/// </remarks>
public sealed partial class RedisCluster : IAsyncDisposable, IDisposable
{
    private readonly ClusterExecutor _executor;
    private int _disposed;

    private RedisCluster(RedisClusterOptions options)
    {
        _executor = new ClusterExecutor(options);
    }

    internal ClusterExecutor Executor => _executor;

    /// <summary>The options this client was created with.</summary>
    public RedisClusterOptions Options => _executor.Options;

    /// <summary>The current slot map (an immutable snapshot; it is replaced, never changed, when the cluster changes).</summary>
    public ShardMap SlotMap => _executor.Topology.Current;

    /// <summary>Raised after the slot map was reloaded from the cluster.</summary>
    public event Action<ShardMap>? SlotMapChanged
    {
        add => _executor.Topology.Changed += value;
        remove => _executor.Topology.Changed -= value;
    }

    /// <summary>
    /// Connects to the cluster described by a connection string such as
    /// <c>"127.0.0.1:7000,127.0.0.1:7001,password=secret"</c> (see <see cref="RedisClusterOptions.Parse"/>)
    /// and loads its slot map.
    /// </summary>
    /// <exception cref="RedisConnectionException">No startup node could be reached; the message lists each node and why.</exception>
    /// <exception cref="RedisAuthenticationException">The cluster refused the credentials.</exception>
    public static Task<RedisCluster> ConnectAsync(string connectionString, CancellationToken cancellationToken = default) =>
        ConnectAsync(RedisClusterOptions.Parse(connectionString), cancellationToken);

    /// <summary>Connects to the cluster with the given options and loads its slot map.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RedisConnectionException">No startup node could be reached; the message lists each node and why.</exception>
    /// <exception cref="RedisAuthenticationException">The cluster refused the credentials.</exception>
    public static async Task<RedisCluster> ConnectAsync(RedisClusterOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var cluster = new RedisCluster(options);
        try
        {
            await cluster._executor.Topology.RefreshAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            if (cluster.SlotMap.Shards.Count == 0)
                throw new RedisConnectionException($"The startup nodes ({string.Join(", ", options.StartupNodes)}) answered, but describe no slots: is cluster mode enabled and the cluster created?");
            if (options.ReadFrom != ReadFrom.Primary) await cluster.ConnectReplicasAsync(cancellationToken).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>
    /// With reads allowed on replicas, opens the replicas' connections up front, in parallel, so reads
    /// go to them from the first command: the router uses a replica only once it is connected. A
    /// replica that fails or hangs is skipped (its reads go to the primary); this waits no longer than
    /// the connect timeout.
    /// </summary>
    private async Task ConnectReplicasAsync(CancellationToken cancellationToken)
    {
        var connects = new List<Task>();
        foreach (var node in SlotMap.Nodes)
        {
            if (node.IsPrimary) continue;
            try
            {
                connects.Add(_executor.GetNode(node.EndPoint).GetSharedAsync(cancellationToken).AsTask());
            }
            catch (RedisConnectionException)
            {
                // In back-off after a failed connect: skipped.
            }
        }
        var all = Task.WhenAll(connects);
        _ = all.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            await all.WaitAsync(Options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Replicas that did not connect are left to the router, which sends their reads to the primaries.
        }
    }

    /// <summary>The synchronous twin of <see cref="ConnectAsync(string, CancellationToken)"/>.</summary>
    public static RedisCluster Connect(string connectionString) => Connect(RedisClusterOptions.Parse(connectionString));

    /// <summary>The synchronous twin of <see cref="ConnectAsync(RedisClusterOptions, CancellationToken)"/>.</summary>
    public static RedisCluster Connect(RedisClusterOptions options) => Task.Run(() => ConnectAsync(options)).GetAwaiter().GetResult();

    /// <summary>Reloads the slot map now (joining a reload already running).</summary>
    public Task RefreshSlotMapAsync() => _executor.Topology.RefreshAsync();

    /// <summary>The hash slot of a key (CRC16 of the key or its <c>{hash tag}</c>, modulo 16384).</summary>
    public static int GetSlot(RedisKey key)
    {
        Guard.Key(key);
        return HashSlot.Get(key);
    }

    /// <summary>The node ("host:port") that currently serves <paramref name="key"/>'s slot for writes.</summary>
    public string? GetNodeForKey(RedisKey key) => SlotMap.GetShard(GetSlot(key))?.Primary.EndPoint;

    /// <summary>Closes every connection.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Closes every connection.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        CloseSubscriptions();
        _executor.Dispose();
    }
}

using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Slotted.Connections;
using Slotted.Protocol;
using Slotted.Topology;
using Slotted.Diagnostics;

namespace Slotted.Routing;

/// <summary>
/// The one command path: a command with its slot goes through the <see cref="Router"/>, the
/// <see cref="RetryState"/> machine and a <see cref="NodeConnection"/>. Typed methods, ExecuteAsync,
/// fan-out and pipelines all end here. Server errors are returned as error replies, for the caller
/// to throw or keep in place.
/// </summary>
internal sealed class ClusterExecutor : IDisposable
{
    private readonly ConcurrentDictionary<string, NodeConnection> _nodes = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConnectionSettings _settings;
    private readonly Router _router;
    private readonly ILogger? _logger;

    public ClusterExecutor(RedisClusterOptions options)
    {
        Options = options;
        _settings = new ConnectionSettings(options);
        _logger = options.LoggerFactory?.CreateLogger("Slotted");
        Topology = new TopologyRefresher(options.StartupNodes, GetNode, options, _logger);
        _router = new Router(Topology, options.ReadFrom, ep => GetNode(ep).IsReady());
        _startupNodes = new HashSet<string>(options.StartupNodes, StringComparer.OrdinalIgnoreCase);
        Topology.Changed += CloseDepartedNodes;
        Telemetry.Register(this);
    }

    private readonly HashSet<string> _startupNodes;

    /// <summary>The nodes the client holds connections (or connection state) for.</summary>
    internal ICollection<NodeConnection> Nodes => _nodes.Values;

    /// <summary>
    /// After the map changed: closes the connections to nodes that are no longer in it (removed from
    /// the cluster, or replaced by a node on another address), so their sockets and the objects
    /// holding them do not pile up. Startup nodes are kept (the topology is loaded through them), and
    /// so is a node with commands still waiting on it — the next change looks again. A command that
    /// picked such a node from an older map just before finds it closed, before anything was written,
    /// and goes to the node the new map names.
    /// </summary>
    private void CloseDepartedNodes(ShardMap map)
    {
        HashSet<string>? present = null;
        foreach (var (endPoint, node) in _nodes)
        {
            present ??= new HashSet<string>(map.Nodes.Select(n => n.EndPoint), StringComparer.OrdinalIgnoreCase);
            if (present.Contains(endPoint) || _startupNodes.Contains(endPoint) || !node.IsIdle) continue;
            if (!_nodes.TryRemove(KeyValuePair.Create(endPoint, node))) continue;
            var cache = _nodeCache;
            for (int i = 0; i < cache.Length; i++)
            {
                if (cache[i] is { } entry && ReferenceEquals(entry.Node, node)) cache[i] = null;
            }
            node.Retire();
            _logger?.DepartedNodeClosed(endPoint);
        }
    }

    public RedisClusterOptions Options { get; }

    public TopologyRefresher Topology { get; }

    /// <summary>The client's logger, when the options gave a logger factory.</summary>
    public ILogger? Logger => _logger;

    public long CommandTimeoutMilliseconds => (long)Options.CommandTimeout.TotalMilliseconds;

    /// <summary>The connection holder for a node, created on first use.</summary>
    public NodeConnection GetNode(string endPoint)
    {
        // The router hands out the same string instances (a ClusterNode's EndPoint) over and over:
        // a small cache compared by reference skips hashing the name on every command.
        var cache = _nodeCache;
        int index = RuntimeHelpers.GetHashCode(endPoint) & (cache.Length - 1);
        if (cache[index] is { } hit && ReferenceEquals(hit.EndPoint, endPoint)) return hit.Node;
        if (!_nodes.TryGetValue(endPoint, out var node))
        {
            node = _nodes.GetOrAdd(endPoint, ep =>
            {
                var created = new NodeConnection(ep, _settings);
                created.ConnectionLost += OnConnectionLost;
                return created;
            });
        }
        cache[index] = new NodeCacheEntry(endPoint, node);
        return node;
    }

    private sealed record NodeCacheEntry(string EndPoint, NodeConnection Node);

    private readonly NodeCacheEntry?[] _nodeCache = new NodeCacheEntry?[32];

    private void OnConnectionLost(NodeConnection node, Exception error)
    {
        _logger?.ConnectionLost(node.EndPoint, error.Message);
        Topology.Trigger();
    }

    /// <summary>The node the router picks for <paramref name="slot"/> (-1: any primary), or null when none serves it (pipelines group by it).</summary>
    public string? SelectNode(int slot, bool readOnly, int attempt) => _router.Select(slot, readOnly, attempt);

    /// <summary>Runs a command on the node that serves <paramref name="slot"/> (-1: any primary), following redirects.</summary>
    public ValueTask<RedisResult> ExecuteAsync(RedisValue[] parts, int slot, bool readOnly, CancellationToken cancellationToken) =>
        ExecuteAsync(parts, slot, readOnly, ReplyDecoders.Raw, cancellationToken);

    /// <summary>Runs a command following redirects; the caller gets <paramref name="decoder"/> of the reply.</summary>
    public ValueTask<T> ExecuteAsync<T>(ReadOnlySpan<RedisValue> parts, int slot, bool readOnly, Func<RedisResult, T> decoder, CancellationToken cancellationToken)
    {
        var command = ClusterCommand<T>.Rent(this, decoder);
        RespWriter.WriteCommand(command.Buffer, parts);
        return command.StartAsync(slot, readOnly, cancellationToken);
    }

    /// <summary>The synchronous twin of <see cref="ExecuteAsync(RedisValue[], int, bool, CancellationToken)"/>: the calling thread waits for the reply itself.</summary>
    public RedisResult Execute(RedisValue[] parts, int slot, bool readOnly) => Execute(parts, slot, readOnly, ReplyDecoders.Raw);

    /// <summary>The synchronous twin of <see cref="ExecuteAsync{T}"/>.</summary>
    public T Execute<T>(ReadOnlySpan<RedisValue> parts, int slot, bool readOnly, Func<RedisResult, T> decoder)
    {
        var command = ClusterCommand<T>.Rent(this, decoder);
        RespWriter.WriteCommand(command.Buffer, parts);
        return command.Run(slot, readOnly);
    }

    // After a node was unreachable the map is probably stale (a replica is being promoted, a node was removed).
    // Waiting out the whole back-off (up to 500 ms) after the refresh that finds the new owner delays recovery
    // for nothing: wait for refreshes (one per MinTopologyRefreshInterval at most) and go as soon as the map changes.
    internal async ValueTask WaitForNewMapAsync(int delayMilliseconds, CancellationToken cancellationToken)
    {
        ShardMap before = Topology.Current;
        Task delay = Task.Delay(delayMilliseconds, cancellationToken);
        while (!delay.IsCompleted && ReferenceEquals(Topology.Current, before))
        {
            Task refresh = Topology.RefreshAsync();
            await Task.WhenAny(refresh, delay).ConfigureAwait(false);
            if (refresh.IsFaulted) _ = refresh.Exception; // observed; the next attempt reports the node's own error
        }
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>The synchronous twin of <see cref="WaitForNewMapAsync"/>.</summary>
    internal void WaitForNewMap(int delayMilliseconds)
    {
        ShardMap before = Topology.Current;
        long until = Environment.TickCount64 + delayMilliseconds;
        long left;
        while ((left = until - Environment.TickCount64) > 0 && ReferenceEquals(Topology.Current, before))
        {
            Task refresh = Topology.RefreshAsync();
            try
            {
                refresh.Wait((int)left);
            }
            catch (AggregateException)
            {
                // observed; the next attempt reports the node's own error
            }
        }
    }

    /// <summary>Runs a command on one named node, without following redirects (fan-out, node-scoped commands).</summary>
    public ValueTask<RedisResult> ExecuteOnNodeAsync(string endPoint, RedisValue[] parts, CancellationToken cancellationToken) =>
        GetNode(endPoint).ExecuteAsync(parts, Environment.TickCount64 + CommandTimeoutMilliseconds, asking: false, cancellationToken);

    /// <summary>The synchronous twin of <see cref="ExecuteOnNodeAsync"/>.</summary>
    public RedisResult ExecuteOnNode(string endPoint, RedisValue[] parts) =>
        GetNode(endPoint).Execute(parts, Environment.TickCount64 + CommandTimeoutMilliseconds, asking: false);

    public void Dispose()
    {
        Telemetry.Unregister(this);
        Topology.Dispose();
        foreach (var node in _nodes.Values) node.Dispose();
    }
}

using Microsoft.Extensions.Logging;
using Slotted.Connections;
using Slotted.Diagnostics;

namespace Slotted.Topology;

/// <summary>
/// Keeps the current <see cref="ShardMap"/>. A refresh asks known nodes (primaries first, then
/// replicas, then the startup nodes) until one describes every slot, and swaps the new map in
/// atomically. Refreshes are coalesced — one in flight, and none sooner than the minimum interval
/// after the last — so a burst of MOVED replies or lost connections costs one refresh.
/// </summary>
internal sealed class TopologyRefresher : IDisposable
{
    private readonly IReadOnlyList<string> _startupNodes;
    private readonly Func<string, NodeConnection> _nodes;
    private readonly TimeSpan _minInterval;
    private readonly TimeSpan _commandTimeout;
    private readonly bool _tls;
    private readonly ILogger? _logger;
    private readonly object _lock = new();
    private readonly Timer? _periodic;
    private ShardMap _map = ShardMap.Empty;
    private Task? _inflight;
    private long _lastRefresh = long.MinValue / 2;
    private long _version;
    private int _refreshCount;
    private bool _disposed;

    public TopologyRefresher(IReadOnlyList<string> startupNodes, Func<string, NodeConnection> nodes, RedisClusterOptions options, ILogger? logger)
    {
        _startupNodes = startupNodes;
        _nodes = nodes;
        _minInterval = options.MinTopologyRefreshInterval;
        _commandTimeout = options.CommandTimeout;
        _tls = options.Tls;
        _logger = logger;
        if (options.TopologyRefreshInterval > TimeSpan.Zero)
            _periodic = new Timer(static s => ((TopologyRefresher)s!).Trigger(), this, options.TopologyRefreshInterval, options.TopologyRefreshInterval);
    }

    /// <summary>The current map; never null, possibly <see cref="ShardMap.Empty"/> before the first load.</summary>
    public ShardMap Current => Volatile.Read(ref _map);

    /// <summary>How many refreshes have run (for tests and diagnostics).</summary>
    public int RefreshCount => Volatile.Read(ref _refreshCount);

    /// <summary>Raised after a refresh swapped in a new map.</summary>
    public event Action<ShardMap>? Changed;

    /// <summary>Swaps in a map built elsewhere (micro-benchmarks and tests that need routing without a server).</summary>
    internal void Replace(ShardMap map) => Interlocked.Exchange(ref _map, map);

    /// <summary>Records a MOVED reply: the slot now belongs to <paramref name="endPoint"/>.</summary>
    public void ApplyMoved(int slot, string endPoint)
    {
        while (true)
        {
            var current = Current;
            if (current.GetShard(slot)?.Primary.EndPoint == endPoint) return;
            var next = current.WithSlotMovedTo(slot, endPoint);
            if (Interlocked.CompareExchange(ref _map, next, current) == current) return;
        }
    }

    /// <summary>Asks for a refresh without waiting for it.</summary>
    public void Trigger()
    {
        if (_disposed) return;
        Task started;
        lock (_lock)
        {
            // A refresh already in flight covers this request; only the call that starts one observes its failure.
            if (_inflight is not null) return;
            started = _inflight = RunAsync();
        }
        _ = started.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Refreshes the map, joining the refresh already in flight if there is one.</summary>
    public Task RefreshAsync()
    {
        lock (_lock)
        {
            return _inflight ??= RunAsync();
        }
    }

    private async Task RunAsync()
    {
        try
        {
            long wait = _lastRefresh + (long)_minInterval.TotalMilliseconds - Environment.TickCount64;
            if (wait > 0) await Task.Delay((int)wait).ConfigureAwait(false);
            else await Task.Yield();
            var map = await LoadAsync().ConfigureAwait(false);
            Interlocked.Exchange(ref _map, map);
            Interlocked.Increment(ref _refreshCount);
            _logger?.SlotMapRefreshed(map.Shards.Count, map.CoveredSlots);
            Telemetry.TopologyRefreshed(ok: true);
            Changed?.Invoke(map);
        }
        catch
        {
            Telemetry.TopologyRefreshed(ok: false);
            throw;
        }
        finally
        {
            lock (_lock)
            {
                _lastRefresh = Environment.TickCount64;
                _inflight = null;
            }
        }
    }

    private async Task<ShardMap> LoadAsync()
    {
        var errors = new List<string>();
        List<Shard>? best = null;
        foreach (string endPoint in Candidates())
        {
            try
            {
                var shards = await AskAsync(endPoint).ConfigureAwait(false);
                if (best is null || Covered(shards) > Covered(best)) best = shards;
                if (Covered(shards) == HashSlot.Count) break;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or OperationCanceledException)
            {
                errors.Add($"{endPoint}: {ex.Message}");
                _logger?.TopologyLoadFailed(endPoint, ex.Message);
            }
        }
        if (best is null)
            throw new RedisConnectionException("No cluster node could be reached to load the slot map: " + string.Join("; ", errors));
        return new ShardMap(best, Interlocked.Increment(ref _version));
    }

    private async Task<List<Shard>> AskAsync(string endPoint)
    {
        var node = _nodes(endPoint);
        long deadline = Environment.TickCount64 + (long)_commandTimeout.TotalMilliseconds;
        var reply = await node.ExecuteAsync(["CLUSTER", "SHARDS"], deadline, asking: false, CancellationToken.None).ConfigureAwait(false);
        if (!reply.IsError) return TopologyLoader.ParseShards(reply, node.Host, _tls);
        reply = await node.ExecuteAsync(["CLUSTER", "SLOTS"], deadline, asking: false, CancellationToken.None).ConfigureAwait(false);
        if (reply.IsError) throw ErrorMapper.FromServer(reply.ToString() ?? "", endPoint);
        return TopologyLoader.ParseSlots(reply, node.Host);
    }

    private static int Covered(List<Shard> shards)
    {
        int n = 0;
        foreach (var s in shards)
            foreach (var (start, end) in s.SlotRanges) n += end - start + 1;
        return n;
    }

    private List<string> Candidates()
    {
        var map = Current;
        var primaries = new List<string>();
        var replicas = new List<string>();
        foreach (var node in map.Nodes)
        {
            var list = node.IsPrimary ? primaries : replicas;
            if (!list.Contains(node.EndPoint)) list.Add(node.EndPoint);
        }
        Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(primaries));
        Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(replicas));
        var result = new List<string>(primaries.Count + replicas.Count + _startupNodes.Count);
        foreach (var e in primaries) if (!_nodes(e).IsBackingOff) result.Add(e);
        foreach (var e in replicas) if (!_nodes(e).IsBackingOff) result.Add(e);
        foreach (var e in _startupNodes) if (!result.Contains(e)) result.Add(e);
        foreach (var e in primaries) if (!result.Contains(e)) result.Add(e);
        return result;
    }

    public void Dispose()
    {
        _disposed = true;
        _periodic?.Dispose();
    }
}

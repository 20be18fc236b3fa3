using Slotted.Routing;
using static Slotted.ReplyConverters;

namespace Slotted;

// CONFIG and SLOWLOG on every node (primaries and replicas), as redis-py-cluster does: each node
// has its own configuration and slow log. See RedisCluster.Server.cs for the shared rules.
public sealed partial class RedisCluster
{
    /// <summary>
    /// CONFIG GET on every node (https://redis.io/docs/latest/commands/config-get/): the parameters
    /// matching <paramref name="pattern"/> and their values, by node.
    /// </summary>
    /// <param name="pattern">A parameter name or glob pattern ("maxmemory", "*policy*").</param>
    /// <param name="target">The nodes to ask; every node when null.</param>
    /// <param name="cancellationToken">Cancels the wait for the replies.</param>
    /// <exception cref="RedisFanOutException">A node failed; the exception names it.</exception>
    public ValueTask<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> ConfigGetAsync(string pattern, TargetNodes? target = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        return FanOut.RunAsync(_executor, target ?? TargetNodes.AllNodes, ["CONFIG", "GET", pattern], ConfigValues, cancellationToken);
    }

    /// <summary>CONFIG GET on every node (synchronous).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ConfigGet(string pattern, TargetNodes? target = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        return FanOut.Run(_executor, target ?? TargetNodes.AllNodes, ["CONFIG", "GET", pattern], ConfigValues);
    }

    /// <summary>
    /// CONFIG SET on every node (https://redis.io/docs/latest/commands/config-set/): true by node once
    /// it took the value. Every node is asked, so a setting stays the same on a replica that is
    /// later promoted. A node that refuses makes the call throw; the nodes that accepted keep the new value.
    /// </summary>
    /// <param name="parameter">The parameter ("maxmemory-policy").</param>
    /// <param name="value">Its new value.</param>
    /// <param name="target">The nodes to change; every node when null.</param>
    /// <param name="cancellationToken">Cancels the wait for the replies.</param>
    /// <exception cref="RedisFanOutException">A node refused or failed; the exception names it and keeps the others' replies.</exception>
    public ValueTask<IReadOnlyDictionary<string, bool>> ConfigSetAsync(string parameter, RedisValue value, TargetNodes? target = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(parameter);
        Guard.Value(value);
        return FanOut.RunAsync(_executor, target ?? TargetNodes.AllNodes, ["CONFIG", "SET", parameter, value], Ok, cancellationToken);
    }

    /// <summary>CONFIG SET on every node (synchronous).</summary>
    public IReadOnlyDictionary<string, bool> ConfigSet(string parameter, RedisValue value, TargetNodes? target = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(parameter);
        Guard.Value(value);
        return FanOut.Run(_executor, target ?? TargetNodes.AllNodes, ["CONFIG", "SET", parameter, value], Ok);
    }

    /// <summary>CONFIG RESETSTAT on every node (https://redis.io/docs/latest/commands/config-resetstat/): clears the INFO statistics (commandstats, errorstats, keyspace hits ...).</summary>
    /// <param name="target">The nodes to reset; every node when null.</param>
    /// <param name="cancellationToken">Cancels the wait for the replies.</param>
    /// <exception cref="RedisFanOutException">A node failed; the exception names it.</exception>
    public ValueTask<IReadOnlyDictionary<string, bool>> ConfigResetStatAsync(TargetNodes? target = null, CancellationToken cancellationToken = default) =>
        FanOut.RunAsync(_executor, target ?? TargetNodes.AllNodes, ["CONFIG", "RESETSTAT"], Ok, cancellationToken);

    /// <summary>CONFIG RESETSTAT on every node (synchronous).</summary>
    public IReadOnlyDictionary<string, bool> ConfigResetStat(TargetNodes? target = null) =>
        FanOut.Run(_executor, target ?? TargetNodes.AllNodes, ["CONFIG", "RESETSTAT"], Ok);

    /// <summary>
    /// CONFIG REWRITE on every node (https://redis.io/docs/latest/commands/config-rewrite/): each node
    /// writes its running configuration to its redis.conf. Fails on a node started without a config file.
    /// </summary>
    /// <param name="target">The nodes to ask; every node when null.</param>
    /// <param name="cancellationToken">Cancels the wait for the replies.</param>
    /// <exception cref="RedisFanOutException">A node failed; the exception names it.</exception>
    public ValueTask<IReadOnlyDictionary<string, bool>> ConfigRewriteAsync(TargetNodes? target = null, CancellationToken cancellationToken = default) =>
        FanOut.RunAsync(_executor, target ?? TargetNodes.AllNodes, ["CONFIG", "REWRITE"], Ok, cancellationToken);

    /// <summary>CONFIG REWRITE on every node (synchronous).</summary>
    public IReadOnlyDictionary<string, bool> ConfigRewrite(TargetNodes? target = null) =>
        FanOut.Run(_executor, target ?? TargetNodes.AllNodes, ["CONFIG", "REWRITE"], Ok);

    /// <summary>
    /// SLOWLOG GET on every node (https://redis.io/docs/latest/commands/slowlog-get/): the newest
    /// entries of each node's slow log, newest first.
    /// </summary>
    /// <param name="count">How many entries per node (-1 for all); the server's default (10) when null.</param>
    /// <param name="target">The nodes to ask; every node when null.</param>
    /// <param name="cancellationToken">Cancels the wait for the replies.</param>
    /// <exception cref="RedisFanOutException">A node failed; the exception names it.</exception>
    public ValueTask<IReadOnlyDictionary<string, IReadOnlyList<SlowlogEntry>>> SlowlogGetAsync(int? count = null, TargetNodes? target = null, CancellationToken cancellationToken = default) =>
        FanOut.RunAsync(_executor, target ?? TargetNodes.AllNodes, SlowlogGetParts(count), Slowlog, cancellationToken);

    /// <summary>SLOWLOG GET on every node (synchronous).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<SlowlogEntry>> SlowlogGet(int? count = null, TargetNodes? target = null) =>
        FanOut.Run(_executor, target ?? TargetNodes.AllNodes, SlowlogGetParts(count), Slowlog);

    /// <summary>SLOWLOG LEN on every node (https://redis.io/docs/latest/commands/slowlog-len/): the number of entries in each node's slow log.</summary>
    /// <param name="target">The nodes to ask; every node when null.</param>
    /// <param name="cancellationToken">Cancels the wait for the replies.</param>
    /// <exception cref="RedisFanOutException">A node failed; the exception names it.</exception>
    public ValueTask<IReadOnlyDictionary<string, long>> SlowlogLenAsync(TargetNodes? target = null, CancellationToken cancellationToken = default) =>
        FanOut.RunAsync(_executor, target ?? TargetNodes.AllNodes, ["SLOWLOG", "LEN"], Integer, cancellationToken);

    /// <summary>SLOWLOG LEN on every node (synchronous).</summary>
    public IReadOnlyDictionary<string, long> SlowlogLen(TargetNodes? target = null) =>
        FanOut.Run(_executor, target ?? TargetNodes.AllNodes, ["SLOWLOG", "LEN"], Integer);

    /// <summary>SLOWLOG RESET on every node (https://redis.io/docs/latest/commands/slowlog-reset/): empties each node's slow log.</summary>
    /// <param name="target">The nodes to reset; every node when null.</param>
    /// <param name="cancellationToken">Cancels the wait for the replies.</param>
    /// <exception cref="RedisFanOutException">A node failed; the exception names it.</exception>
    public ValueTask<IReadOnlyDictionary<string, bool>> SlowlogResetAsync(TargetNodes? target = null, CancellationToken cancellationToken = default) =>
        FanOut.RunAsync(_executor, target ?? TargetNodes.AllNodes, ["SLOWLOG", "RESET"], Ok, cancellationToken);

    /// <summary>SLOWLOG RESET on every node (synchronous).</summary>
    public IReadOnlyDictionary<string, bool> SlowlogReset(TargetNodes? target = null) =>
        FanOut.Run(_executor, target ?? TargetNodes.AllNodes, ["SLOWLOG", "RESET"], Ok);

    private static RedisValue[] SlowlogGetParts(int? count)
    {
        if (count is null) return ["SLOWLOG", "GET"];
        ArgumentOutOfRangeException.ThrowIfLessThan(count.Value, -1, nameof(count));
        return ["SLOWLOG", "GET", count.Value];
    }
}

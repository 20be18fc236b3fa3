using Slotted.Routing;
using static Slotted.ReplyConverters;

namespace Slotted;

// Node-level server commands. As in redis-py-cluster, each is sent to every node (primaries and
// replicas: they describe or act on one server, and a replica is a server too) and answers a
// dictionary by node "host:port"; a TargetNodes narrows that to the primaries, the replicas or one
// node. A node that fails makes the call throw RedisFanOutException, which names it and keeps the
// other nodes' replies.
public sealed partial class RedisCluster
{
    /// <summary>
    /// PING on every node (https://redis.io/docs/latest/commands/ping/): "PONG" by node. A quick
    /// check that every node of the slot map answers.
    /// </summary>
    /// <param name="target">The nodes to ask; every node when null.</param>
    /// <param name="cancellationToken">Cancels the wait for the replies.</param>
    /// <exception cref="RedisFanOutException">A node failed; the exception names it.</exception>
    public ValueTask<IReadOnlyDictionary<string, string>> PingAsync(TargetNodes? target = null, CancellationToken cancellationToken = default) =>
        FanOut.RunAsync(_executor, target ?? TargetNodes.AllNodes, ["PING"], Text, cancellationToken);

    /// <summary>PING on every node (synchronous).</summary>
    public IReadOnlyDictionary<string, string> Ping(TargetNodes? target = null) =>
        FanOut.Run(_executor, target ?? TargetNodes.AllNodes, ["PING"], Text);

    /// <summary>ECHO on every node (https://redis.io/docs/latest/commands/echo/): <paramref name="message"/> back from each.</summary>
    /// <param name="message">The text each node sends back.</param>
    /// <param name="target">The nodes to ask; every node when null.</param>
    /// <param name="cancellationToken">Cancels the wait for the replies.</param>
    /// <exception cref="RedisFanOutException">A node failed; the exception names it.</exception>
    public ValueTask<IReadOnlyDictionary<string, RedisValue>> EchoAsync(RedisValue message, TargetNodes? target = null, CancellationToken cancellationToken = default)
    {
        Guard.Value(message, nameof(message));
        return FanOut.RunAsync(_executor, target ?? TargetNodes.AllNodes, ["ECHO", message], Value, cancellationToken);
    }

    /// <summary>ECHO on every node (synchronous).</summary>
    public IReadOnlyDictionary<string, RedisValue> Echo(RedisValue message, TargetNodes? target = null)
    {
        Guard.Value(message, nameof(message));
        return FanOut.Run(_executor, target ?? TargetNodes.AllNodes, ["ECHO", message], Value);
    }

    /// <summary>
    /// TIME on every node (https://redis.io/docs/latest/commands/time/): each node's clock, to the
    /// microsecond. Useful to see clock skew between nodes.
    /// </summary>
    /// <param name="target">The nodes to ask; every node when null.</param>
    /// <param name="cancellationToken">Cancels the wait for the replies.</param>
    /// <exception cref="RedisFanOutException">A node failed; the exception names it.</exception>
    public ValueTask<IReadOnlyDictionary<string, DateTimeOffset>> TimeAsync(TargetNodes? target = null, CancellationToken cancellationToken = default) =>
        FanOut.RunAsync(_executor, target ?? TargetNodes.AllNodes, ["TIME"], ServerTime, cancellationToken);

    /// <summary>TIME on every node (synchronous).</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Time(TargetNodes? target = null) =>
        FanOut.Run(_executor, target ?? TargetNodes.AllNodes, ["TIME"], ServerTime);

    /// <summary>LASTSAVE on every node (https://redis.io/docs/latest/commands/lastsave/): when each last saved its RDB file successfully.</summary>
    /// <param name="target">The nodes to ask; every node when null.</param>
    /// <param name="cancellationToken">Cancels the wait for the replies.</param>
    /// <exception cref="RedisFanOutException">A node failed; the exception names it.</exception>
    public ValueTask<IReadOnlyDictionary<string, DateTimeOffset>> LastSaveAsync(TargetNodes? target = null, CancellationToken cancellationToken = default) =>
        FanOut.RunAsync(_executor, target ?? TargetNodes.AllNodes, ["LASTSAVE"], UnixSeconds, cancellationToken);

    /// <summary>LASTSAVE on every node (synchronous).</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> LastSave(TargetNodes? target = null) =>
        FanOut.Run(_executor, target ?? TargetNodes.AllNodes, ["LASTSAVE"], UnixSeconds);

    /// <summary>
    /// SAVE on every node (https://redis.io/docs/latest/commands/save/): each writes its RDB file,
    /// blocking its clients meanwhile; prefer <see cref="BgSaveAsync"/> on a live cluster.
    /// </summary>
    /// <param name="target">The nodes to ask; every node when null.</param>
    /// <param name="cancellationToken">Cancels the wait for the replies.</param>
    /// <exception cref="RedisFanOutException">A node failed (for example a background save is running there); the exception names it.</exception>
    public ValueTask<IReadOnlyDictionary<string, bool>> SaveAsync(TargetNodes? target = null, CancellationToken cancellationToken = default) =>
        FanOut.RunAsync(_executor, target ?? TargetNodes.AllNodes, ["SAVE"], Ok, cancellationToken);

    /// <summary>SAVE on every node (synchronous).</summary>
    public IReadOnlyDictionary<string, bool> Save(TargetNodes? target = null) =>
        FanOut.Run(_executor, target ?? TargetNodes.AllNodes, ["SAVE"], Ok);

    /// <summary>
    /// BGSAVE on every node (https://redis.io/docs/latest/commands/bgsave/): each starts writing its
    /// RDB file in the background; the status text by node ("Background saving started").
    /// </summary>
    /// <param name="schedule">SCHEDULE: when an AOF rewrite is running, save after it instead of failing.</param>
    /// <param name="target">The nodes to ask; every node when null.</param>
    /// <param name="cancellationToken">Cancels the wait for the replies.</param>
    /// <exception cref="RedisFanOutException">A node failed (for example a save is already running there); the exception names it.</exception>
    public ValueTask<IReadOnlyDictionary<string, string>> BgSaveAsync(bool schedule = false, TargetNodes? target = null, CancellationToken cancellationToken = default) =>
        FanOut.RunAsync(_executor, target ?? TargetNodes.AllNodes, schedule ? ["BGSAVE", "SCHEDULE"] : ["BGSAVE"], Text, cancellationToken);

    /// <summary>BGSAVE on every node (synchronous).</summary>
    public IReadOnlyDictionary<string, string> BgSave(bool schedule = false, TargetNodes? target = null) =>
        FanOut.Run(_executor, target ?? TargetNodes.AllNodes, schedule ? ["BGSAVE", "SCHEDULE"] : ["BGSAVE"], Text);

    /// <summary>
    /// BGREWRITEAOF on every node (https://redis.io/docs/latest/commands/bgrewriteaof/): each starts
    /// rewriting its append-only file; the status text by node (started, or scheduled after a running save).
    /// </summary>
    /// <param name="target">The nodes to ask; every node when null.</param>
    /// <param name="cancellationToken">Cancels the wait for the replies.</param>
    /// <exception cref="RedisFanOutException">A node failed (for example a rewrite is already running there); the exception names it.</exception>
    public ValueTask<IReadOnlyDictionary<string, string>> BgRewriteAofAsync(TargetNodes? target = null, CancellationToken cancellationToken = default) =>
        FanOut.RunAsync(_executor, target ?? TargetNodes.AllNodes, ["BGREWRITEAOF"], Text, cancellationToken);

    /// <summary>BGREWRITEAOF on every node (synchronous).</summary>
    public IReadOnlyDictionary<string, string> BgRewriteAof(TargetNodes? target = null) =>
        FanOut.Run(_executor, target ?? TargetNodes.AllNodes, ["BGREWRITEAOF"], Text);

    /// <summary>
    /// DBSIZE on every node (https://redis.io/docs/latest/commands/dbsize/): the number of keys each
    /// holds. Replicas hold copies of their primary's keys, so do not add these up: use
    /// <see cref="DbSizeTotalAsync"/> for the number of keys in the cluster.
    /// </summary>
    /// <param name="target">The nodes to ask; every node when null.</param>
    /// <param name="cancellationToken">Cancels the wait for the replies.</param>
    /// <exception cref="RedisFanOutException">A node failed; the exception names it.</exception>
    public ValueTask<IReadOnlyDictionary<string, long>> DbSizeAsync(TargetNodes? target = null, CancellationToken cancellationToken = default) =>
        FanOut.RunAsync(_executor, target ?? TargetNodes.AllNodes, ["DBSIZE"], Integer, cancellationToken);

    /// <summary>DBSIZE on every node (synchronous).</summary>
    public IReadOnlyDictionary<string, long> DbSize(TargetNodes? target = null) =>
        FanOut.Run(_executor, target ?? TargetNodes.AllNodes, ["DBSIZE"], Integer);

    /// <summary>The number of keys in the cluster: DBSIZE summed over the primaries (replicas only hold copies).</summary>
    /// <param name="cancellationToken">Cancels the wait for the replies.</param>
    /// <exception cref="RedisFanOutException">A primary failed; the exception names it.</exception>
    public async ValueTask<long> DbSizeTotalAsync(CancellationToken cancellationToken = default) =>
        Sum(await DbSizeAsync(TargetNodes.Primaries, cancellationToken).ConfigureAwait(false));

    /// <summary>The number of keys in the cluster (synchronous).</summary>
    public long DbSizeTotal() => Sum(DbSize(TargetNodes.Primaries));

    /// <summary>
    /// INFO on every node (https://redis.io/docs/latest/commands/info/), parsed: read a field with
    /// <c>info[node]["used_memory"]</c> or <see cref="RedisInfo.GetInt64"/>.
    /// </summary>
    /// <param name="section">A section ("server", "memory", "replication", "keyspace", "all", "everything" ...), or several separated by spaces or commas; the default sections when null.</param>
    /// <param name="target">The nodes to ask; every node when null.</param>
    /// <param name="cancellationToken">Cancels the wait for the replies.</param>
    /// <exception cref="RedisFanOutException">A node failed; the exception names it.</exception>
    public ValueTask<IReadOnlyDictionary<string, RedisInfo>> InfoAsync(string? section = null, TargetNodes? target = null, CancellationToken cancellationToken = default) =>
        FanOut.RunAsync(_executor, target ?? TargetNodes.AllNodes, InfoParts(section), InfoText, cancellationToken);

    /// <summary>INFO on every node (synchronous).</summary>
    public IReadOnlyDictionary<string, RedisInfo> Info(string? section = null, TargetNodes? target = null) =>
        FanOut.Run(_executor, target ?? TargetNodes.AllNodes, InfoParts(section), InfoText);

    // "server clients" or "server,clients" ask for several sections (Redis 7 takes each as an argument).
    private static RedisValue[] InfoParts(string? section)
    {
        if (string.IsNullOrWhiteSpace(section)) return ["INFO"];
        string[] names = section.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        var parts = new RedisValue[names.Length + 1];
        parts[0] = "INFO";
        for (int i = 0; i < names.Length; i++) parts[i + 1] = names[i];
        return parts;
    }

    private static long Sum(IReadOnlyDictionary<string, long> values)
    {
        long total = 0;
        foreach (long v in values.Values) total += v;
        return total;
    }
}

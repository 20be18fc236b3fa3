namespace Slotted.Routing;

/// <summary>
/// Commands refused on a cluster client before anything is sent, each with the reason and what to
/// do instead (the seed's blocked list, less the commands it blocked only for lack of time).
/// </summary>
internal static class BlockedCommands
{
    private const string SubscriberMode =
        "it would turn a connection shared by every caller into a subscriber connection; use SubscribeAsync, PSubscribeAsync or SSubscribeAsync, which hold connections of their own.";

    private static readonly Dictionary<string, string> Reasons = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SHUTDOWN"] = "it would stop one node of the cluster (and a fan-out would stop them all); run it with redis-cli against the node you mean.",
        ["SLAVEOF"] = "replication in a cluster is managed by the cluster itself; use CLUSTER REPLICATE or redis-cli --cluster on the node.",
        ["REPLICAOF"] = "replication in a cluster is managed by the cluster itself; use CLUSTER REPLICATE or redis-cli --cluster on the node.",
        ["MOVE"] = "a cluster has only database 0, so keys cannot move between databases; use COPY or RENAME within the cluster.",
        ["SELECT"] = "a cluster has only database 0.",
        ["SWAPDB"] = "a cluster has only database 0.",
        ["SENTINEL"] = "Sentinel commands are for Sentinel servers, not cluster nodes.",
        ["SUBSCRIBE"] = SubscriberMode,
        ["PSUBSCRIBE"] = SubscriberMode,
        ["SSUBSCRIBE"] = SubscriberMode,
        ["UNSUBSCRIBE"] = SubscriberMode,
        ["PUNSUBSCRIBE"] = SubscriberMode,
        ["SUNSUBSCRIBE"] = SubscriberMode,
        ["CLIENT|SETNAME"] = "the client shares its connections among callers; name them with RedisClusterOptions.ClientName (\"name=\" in the connection string).",
    };

    // Commands that only mean something on a connection of one's own: refused on the shared
    // path, with the API that runs them properly.
    private const string UseTransaction =
        "it acts on the connection it is sent on, and the client shares each node's connection among all callers, so it would watch or queue other callers' commands; " +
        "use RedisCluster.CreateTransaction(key), which runs WATCH (RedisTransaction.WatchAsync) and MULTI/EXEC on a connection of its own.";

    private static readonly Dictionary<string, string> UseInstead = new(StringComparer.OrdinalIgnoreCase)
    {
        ["WATCH"] = UseTransaction,
        ["UNWATCH"] = UseTransaction,
        ["MULTI"] = UseTransaction,
        ["EXEC"] = UseTransaction,
        ["DISCARD"] = UseTransaction,
    };

    /// <summary>Throws <see cref="RedisBlockedCommandException"/> when parts[0] (or parts[0]|parts[1]) is blocked.</summary>
    public static void ThrowIfBlocked(ReadOnlySpan<RedisValue> parts)
    {
        string name = parts[0].ToString() ?? "";
        if (Reasons.TryGetValue(name, out string? reason)) throw new RedisBlockedCommandException(name.ToUpperInvariant(), reason);
        if (UseInstead.TryGetValue(name, out reason)) throw new RedisBlockedCommandException(name.ToUpperInvariant(), reason);
        if (parts.Length > 1 && (name.Equals("CLIENT", StringComparison.OrdinalIgnoreCase)))
        {
            string sub = name + "|" + parts[1].ToString();
            if (Reasons.TryGetValue(sub, out reason)) throw new RedisBlockedCommandException(sub.ToUpperInvariant().Replace('|', ' '), reason);
        }
    }

    /// <summary>The names blocked (for docs and tests).</summary>
    public static IReadOnlyCollection<string> Names => Reasons.Keys;

    /// <summary>The names refused on the shared path because another API runs them (for docs and tests).</summary>
    public static IReadOnlyCollection<string> UseInsteadNames => UseInstead.Keys;
}

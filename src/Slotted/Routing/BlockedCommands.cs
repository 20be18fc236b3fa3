namespace Slotted.Routing;

/// <summary>
/// Commands refused on a cluster client before anything is sent, each with the reason and what to
/// do instead. This is redis-py-cluster's blocked list (SHUTDOWN, SLAVEOF, MOVE, every SENTINEL
/// subcommand, CLIENT SETNAME) plus the newer REPLICAOF and the database commands SELECT and SWAPDB;
/// the commands the seed blocked only for lack of time (RESTORE, PUBLISH, EVAL, EVALSHA, SCRIPT ...,
/// BITOP) are supported and routed by their keys or request policy, and WATCH/UNWATCH run through
/// RedisCluster.CreateTransaction on a connection of its own (refused on the shared path, saying so).
/// The any-command entries (ExecuteAsync, batches) and the shared fan-out path all check here; the
/// typed API has no method for any of these.
/// </summary>
internal static class BlockedCommands
{
    private const string SubscriberMode =
        "it would turn a connection shared by every caller into a subscriber connection; use SubscribeAsync, PSubscribeAsync or SSubscribeAsync, which hold connections of their own.";

    private const string SharedConnectionState =
        "it changes the state of the connection it is sent on, and the client shares each node's connection among all callers;";

    private static readonly Dictionary<string, string> Reasons = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SHUTDOWN"] = "it would stop a node of the cluster (sent to every node, the whole cluster); run it with redis-cli against the one node you mean.",
        ["SLAVEOF"] = "replication in a cluster is managed by the cluster itself; use CLUSTER REPLICATE on the node (or redis-cli --cluster) instead.",
        ["REPLICAOF"] = "replication in a cluster is managed by the cluster itself; use CLUSTER REPLICATE on the node (or redis-cli --cluster) instead.",
        ["MOVE"] = "a cluster has only database 0, so keys cannot move between databases; use COPY or RENAME (with a {hash tag}) instead.",
        ["SELECT"] = "a cluster has only database 0; keep data sets apart with key prefixes instead.",
        ["SWAPDB"] = "a cluster has only database 0; keep data sets apart with key prefixes instead.",
        ["SENTINEL"] = "Sentinel commands are for Sentinel servers, not cluster nodes; a cluster fails over by itself (CLUSTER FAILOVER on a replica, ClusterFailoverAsync, for a manual one).",
        ["CLIENT|SETNAME"] = "the client shares its connections among callers; name them all with RedisClusterOptions.ClientName (\"name=\" in the connection string) instead.",
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
        ["SUBSCRIBE"] = SubscriberMode,
        ["PSUBSCRIBE"] = SubscriberMode,
        ["SSUBSCRIBE"] = SubscriberMode,
        ["UNSUBSCRIBE"] = SubscriberMode,
        ["PUNSUBSCRIBE"] = SubscriberMode,
        ["SUNSUBSCRIBE"] = SubscriberMode,
        ["MONITOR"] = SharedConnectionState + " MONITOR streams every command of the node to its connection; run it with redis-cli against the node.",
        ["RESET"] = SharedConnectionState + " RESET would drop the connection's protocol, name and READONLY mode; the client manages its connections itself.",
        ["QUIT"] = SharedConnectionState + " QUIT would close it for every caller; dispose the RedisCluster instead.",
        ["HELLO"] = SharedConnectionState + " set the protocol with RedisClusterOptions.Protocol and credentials with User/Password instead.",
        ["AUTH"] = SharedConnectionState + " give credentials with RedisClusterOptions.User/Password (\"user=\", \"password=\" in the connection string); every connection authenticates itself.",
        ["READONLY"] = SharedConnectionState + " choose where reads go with RedisClusterOptions.ReadFrom instead.",
        ["READWRITE"] = SharedConnectionState + " choose where reads go with RedisClusterOptions.ReadFrom instead.",
        ["CLIENT|REPLY"] = SharedConnectionState + " CLIENT REPLY OFF/SKIP would leave other callers without their replies.",
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
            if (Reasons.TryGetValue(sub, out reason) || UseInstead.TryGetValue(sub, out reason))
                throw new RedisBlockedCommandException(sub.ToUpperInvariant().Replace('|', ' '), reason);
        }
    }

    /// <summary>The names blocked (for docs and tests).</summary>
    public static IReadOnlyCollection<string> Names => Reasons.Keys;

    /// <summary>The names refused on the shared path because another API runs them (for docs and tests).</summary>
    public static IReadOnlyCollection<string> UseInsteadNames => UseInstead.Keys;
}

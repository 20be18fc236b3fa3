using Slotted.Routing;
using static Slotted.ReplyConverters;

namespace Slotted;

// CLIENT LIST / GETNAME / KILL on every node (primaries and replicas), as redis-py-cluster does:
// connections belong to one node each. CLIENT SETNAME is refused (see BlockedCommands): this client
// shares its connections, so it names them all through RedisClusterOptions.ClientName.
public sealed partial class RedisCluster
{
    /// <summary>
    /// CLIENT LIST on every node (https://redis.io/docs/latest/commands/client-list/): the
    /// connections each node has, parsed (<see cref="ClientInfo"/>).
    /// </summary>
    /// <param name="type">Only connections of this kind; all when null.</param>
    /// <param name="target">The nodes to ask; every node when null.</param>
    /// <param name="cancellationToken">Cancels the wait for the replies.</param>
    /// <exception cref="RedisFanOutException">A node failed; the exception names it.</exception>
    public ValueTask<IReadOnlyDictionary<string, IReadOnlyList<ClientInfo>>> ClientListAsync(ClientType? type = null, TargetNodes? target = null, CancellationToken cancellationToken = default) =>
        FanOut.RunAsync(_executor, target ?? TargetNodes.AllNodes, ClientListParts(type), ReplyConverters.ClientList, cancellationToken);

    /// <summary>CLIENT LIST on every node (synchronous).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ClientInfo>> ClientList(ClientType? type = null, TargetNodes? target = null) =>
        FanOut.Run(_executor, target ?? TargetNodes.AllNodes, ClientListParts(type), ReplyConverters.ClientList);

    /// <summary>
    /// CLIENT GETNAME on every node (https://redis.io/docs/latest/commands/client-getname/): the name
    /// of this client's connection to each node (<see cref="RedisClusterOptions.ClientName"/>), null when unnamed.
    /// </summary>
    /// <param name="target">The nodes to ask; every node when null.</param>
    /// <param name="cancellationToken">Cancels the wait for the replies.</param>
    /// <exception cref="RedisFanOutException">A node failed; the exception names it.</exception>
    public ValueTask<IReadOnlyDictionary<string, string?>> ClientGetNameAsync(TargetNodes? target = null, CancellationToken cancellationToken = default) =>
        FanOut.RunAsync(_executor, target ?? TargetNodes.AllNodes, ["CLIENT", "GETNAME"], NullableText, cancellationToken);

    /// <summary>CLIENT GETNAME on every node (synchronous).</summary>
    public IReadOnlyDictionary<string, string?> ClientGetName(TargetNodes? target = null) =>
        FanOut.Run(_executor, target ?? TargetNodes.AllNodes, ["CLIENT", "GETNAME"], NullableText);

    /// <summary>
    /// CLIENT KILL with filters on every node (https://redis.io/docs/latest/commands/client-kill/):
    /// how many connections each node closed. Client ids are per node: to kill one connection by
    /// <see cref="ClientKillFilter.Id"/>, target its node.
    /// </summary>
    /// <param name="filter">Which connections; at least one of id, type, user, address or local address.</param>
    /// <param name="target">The nodes to ask; every node when null.</param>
    /// <param name="cancellationToken">Cancels the wait for the replies.</param>
    /// <exception cref="ArgumentException">The filter selects nothing in particular.</exception>
    /// <exception cref="RedisFanOutException">A node failed; the exception names it.</exception>
    public ValueTask<IReadOnlyDictionary<string, long>> ClientKillAsync(ClientKillFilter filter, TargetNodes? target = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return FanOut.RunAsync(_executor, target ?? TargetNodes.AllNodes, filter.ToParts(), Integer, cancellationToken);
    }

    /// <summary>CLIENT KILL with filters on every node (synchronous).</summary>
    public IReadOnlyDictionary<string, long> ClientKill(ClientKillFilter filter, TargetNodes? target = null)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return FanOut.Run(_executor, target ?? TargetNodes.AllNodes, filter.ToParts(), Integer);
    }

    private static RedisValue[] ClientListParts(ClientType? type) =>
        type is { } t ? ["CLIENT", "LIST", "TYPE", ClientKillFilter.ClientTypeName(t)] : ["CLIENT", "LIST"];
}

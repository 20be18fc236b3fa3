namespace Slotted;

/// <summary>
/// Which connections <c>CLIENT KILL</c> closes (https://redis.io/docs/latest/commands/client-kill/):
/// every filter given must match. Client ids are counted per node, so an <see cref="Id"/> names one
/// connection on one node only: combine it with a single-node target.
/// </summary>
public sealed record ClientKillFilter
{
    /// <summary>ID: the connection with this id (unique on its node only).</summary>
    public long? Id { get; init; }

    /// <summary>TYPE: connections of this kind.</summary>
    public ClientType? Type { get; init; }

    /// <summary>USER: connections authenticated as this ACL user.</summary>
    public string? User { get; init; }

    /// <summary>ADDR: the connection from this client "ip:port".</summary>
    public string? Address { get; init; }

    /// <summary>LADDR: connections to this local "ip:port" of the node.</summary>
    public string? LocalAddress { get; init; }

    /// <summary>SKIPME: whether the connection sending the command is spared (the server's default is yes).</summary>
    public bool? SkipMe { get; init; }

    internal RedisValue[] ToParts()
    {
        var parts = new List<RedisValue> { "CLIENT", "KILL" };
        if (Id is { } id) parts.AddRange(["ID", id]);
        if (Type is { } type) parts.AddRange(["TYPE", ClientTypeName(type)]);
        if (User is not null) parts.AddRange(["USER", User]);
        if (Address is not null) parts.AddRange(["ADDR", Address]);
        if (LocalAddress is not null) parts.AddRange(["LADDR", LocalAddress]);
        if (parts.Count == 2)
            throw new ArgumentException("Give at least one of Id, Type, User, Address or LocalAddress: without one CLIENT KILL would close every connection of every node.");
        if (SkipMe is { } skip) parts.AddRange(["SKIPME", skip ? "yes" : "no"]);
        return [.. parts];
    }

    internal static string ClientTypeName(ClientType type) => type switch
    {
        ClientType.Normal => "normal",
        ClientType.Primary => "master",
        ClientType.Replica => "replica",
        ClientType.PubSub => "pubsub",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}

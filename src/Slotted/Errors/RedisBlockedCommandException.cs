namespace Slotted;

/// <summary>
/// The command is refused in cluster mode before anything is sent; the message says why and what to
/// use instead (for example SHUTDOWN, REPLICAOF, MOVE, SENTINEL).
/// </summary>
public sealed class RedisBlockedCommandException : RedisException
{
    /// <summary>Creates the error.</summary>
    public RedisBlockedCommandException(string command, string reason)
        : base($"{command} is not allowed on a cluster client: {reason}")
    {
        Command = command;
    }

    /// <summary>The refused command.</summary>
    public string Command { get; }
}

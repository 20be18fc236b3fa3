namespace Slotted;

/// <summary>
/// The cluster stayed down (<c>CLUSTERDOWN</c>, or the slot had no reachable owner) for the whole
/// command timeout; the command was not run.
/// </summary>
public sealed class RedisClusterDownException : RedisException
{
    /// <summary>Creates the error with its message.</summary>
    public RedisClusterDownException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

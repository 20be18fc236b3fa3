namespace Slotted;

/// <summary>
/// The server sent bytes that are not valid RESP. The connection that read them is closed (its
/// pending commands fail with <see cref="RedisConnectionException"/>); other connections carry on.
/// </summary>
public sealed class RedisProtocolException : RedisException
{
    /// <summary>Creates the error.</summary>
    public RedisProtocolException(string message)
        : base(message)
    {
    }
}

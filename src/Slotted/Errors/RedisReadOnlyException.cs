namespace Slotted;

/// <summary>The server's <c>READONLY</c> error: a write reached a replica.</summary>
public sealed class RedisReadOnlyException : RedisServerException
{
    /// <summary>Creates the error from the server's message.</summary>
    public RedisReadOnlyException(string serverMessage, string? endPoint = null)
        : base(serverMessage, endPoint)
    {
    }
}

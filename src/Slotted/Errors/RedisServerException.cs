namespace Slotted;

/// <summary>
/// An error reply from the server (for example <c>ERR</c>, <c>WRONGTYPE</c>, <c>NOSCRIPT</c>), with
/// the server's prefix and message kept intact.
/// </summary>
public class RedisServerException : RedisException
{
    /// <summary>Creates the error from the server's full message (prefix first).</summary>
    public RedisServerException(string serverMessage, string? endPoint = null)
        : base(endPoint is null ? serverMessage : $"{serverMessage} (from {endPoint})")
    {
        ServerMessage = serverMessage;
        int sp = serverMessage.IndexOf(' ');
        Prefix = sp < 0 ? serverMessage : serverMessage[..sp];
        EndPoint = endPoint;
    }

    /// <summary>The first word of the server's message, for example <c>WRONGTYPE</c>.</summary>
    public string Prefix { get; }

    /// <summary>The server's message exactly as sent.</summary>
    public string ServerMessage { get; }

    /// <summary>The node ("host:port") that answered, when known.</summary>
    public string? EndPoint { get; }
}

namespace Slotted;

/// <summary>The server's <c>NOSCRIPT</c> error: no script with that SHA1 is cached on the node.</summary>
public sealed class RedisNoScriptException : RedisServerException
{
    /// <summary>Creates the error from the server's message.</summary>
    public RedisNoScriptException(string serverMessage, string? endPoint = null)
        : base(serverMessage, endPoint)
    {
    }
}

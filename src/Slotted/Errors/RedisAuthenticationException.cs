namespace Slotted;

/// <summary>The server refused the configured user name or password (<c>WRONGPASS</c>, <c>NOAUTH</c>, <c>NOPERM</c> during the handshake). The message never contains the password.</summary>
public sealed class RedisAuthenticationException : RedisConnectionException
{
    /// <summary>Creates the error.</summary>
    public RedisAuthenticationException(string message, string? endPoint = null)
        : base(message, endPoint)
    {
    }
}

namespace Slotted;

/// <summary>The server's <c>WRONGTYPE</c> error: the key holds a different type of value.</summary>
public sealed class RedisWrongTypeException : RedisServerException
{
    /// <summary>Creates the error from the server's message.</summary>
    public RedisWrongTypeException(string serverMessage, string? endPoint = null)
        : base(serverMessage, endPoint)
    {
    }
}

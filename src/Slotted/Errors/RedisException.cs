namespace Slotted;

/// <summary>
/// The base of every error Slotted raises for a Redis operation, so callers can catch one type, or a
/// derived type by kind, without parsing messages.
/// </summary>
public class RedisException : Exception
{
    /// <summary>Creates the error with its message.</summary>
    public RedisException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

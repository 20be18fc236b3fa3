namespace Slotted;

/// <summary>
/// A node could not be reached or its connection was lost. When <see cref="OutcomeUnknown"/> is
/// true the command's bytes had been written before the loss, so it may or may not have run: Slotted
/// never re-sends such a write on its own.
/// </summary>
public class RedisConnectionException : RedisException
{
    /// <summary>Creates the error.</summary>
    public RedisConnectionException(string message, string? endPoint = null, bool outcomeUnknown = false, Exception? innerException = null)
        : base(message, innerException)
    {
        EndPoint = endPoint;
        OutcomeUnknown = outcomeUnknown;
    }

    /// <summary>The node ("host:port") concerned, when one is.</summary>
    public string? EndPoint { get; }

    /// <summary>True when the command may have run on the server (it was written before the connection was lost).</summary>
    public bool OutcomeUnknown { get; }
}

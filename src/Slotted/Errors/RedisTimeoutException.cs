namespace Slotted;

/// <summary>
/// No reply arrived within the command timeout. The command may have run (its outcome is
/// unknown); its late reply, if any, is discarded and never reaches another caller.
/// </summary>
public sealed class RedisTimeoutException : RedisException
{
    /// <summary>Creates the error.</summary>
    public RedisTimeoutException(string message, string? endPoint = null)
        : base(message)
    {
        EndPoint = endPoint;
    }

    /// <summary>The node ("host:port") that did not answer.</summary>
    public string? EndPoint { get; }
}

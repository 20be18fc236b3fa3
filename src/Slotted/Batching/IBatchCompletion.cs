namespace Slotted.Batching;

/// <summary>The typed side of a queued command: turns its reply into the value its task promised.</summary>
internal interface IBatchCompletion
{
    /// <summary>Completes with the reply converted, or faults with the typed exception for an error reply.</summary>
    void SetReply(RedisResult reply);

    /// <summary>Faults with a client-side error (connection lost, timeout, redirect limit...).</summary>
    void SetError(Exception error);

    /// <summary>Marks the command as not run (cancelled, or a transaction that did not commit).</summary>
    void Cancel(CancellationToken cancellationToken);
}

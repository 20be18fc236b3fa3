namespace Slotted;

/// <summary>
/// EXEC refused to run a transaction (<c>EXECABORT</c>) because a command was rejected while it was
/// being queued (a syntax error, an unknown command, a wrong number of arguments, a key the node does
/// not serve). Nothing ran. <see cref="QueueReplies"/> holds each command's answer to queueing:
/// <c>QUEUED</c>, or the error that aborted the transaction.
/// </summary>
public sealed class RedisTransactionAbortedException : RedisServerException
{
    /// <summary>Creates the error from EXEC's reply and the queueing replies.</summary>
    public RedisTransactionAbortedException(string serverMessage, string? endPoint, IReadOnlyList<RedisResult> queueReplies)
        : base(serverMessage, endPoint)
    {
        QueueReplies = queueReplies;
    }

    /// <summary>One reply per queued command: <c>QUEUED</c> or the error it was rejected with.</summary>
    public IReadOnlyList<RedisResult> QueueReplies { get; }
}

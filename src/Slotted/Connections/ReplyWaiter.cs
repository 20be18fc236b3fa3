namespace Slotted.Connections;

/// <summary>
/// What a connection's reply queue holds: something waiting for the reply to one command it wrote.
/// The queue entry carries a token chosen by the waiter, so a waiter that is reused for another
/// command (pooled) can tell a reply meant for an earlier use and drop it.
/// </summary>
/// <remarks>
/// The methods are called on the connection's reader thread, on its timeout timer, or on the
/// thread that saw the connection fail. They must not block and must not run caller code inline.
/// </remarks>
internal abstract class ReplyWaiter
{
    /// <summary>The reply to the command queued with <paramref name="token"/>.</summary>
    public abstract void OnReply(RedisResult reply, int token);

    /// <summary>The connection failed before the reply came; <see cref="RedisConnectionException.OutcomeUnknown"/> says whether the command was written.</summary>
    public abstract void OnConnectionLost(RedisConnectionException error, int token);

    /// <summary>The command's deadline passed while its reply was still awaited.</summary>
    public abstract void OnTimeout(RedisTimeoutException error, int token);

    /// <summary>False once the command queued with <paramref name="token"/> has completed (the timeout sweep skips it).</summary>
    public abstract bool IsWaiting(int token);
}

using Slotted.Connections;
using Slotted.Routing;

namespace Slotted.MultiKey;

/// <summary>
/// Runs a blocking command (BLPOP, BRPOP, BLMOVE) on an exclusive connection leased from the
/// slot's primary, so the shared connection other callers use is never held up. MOVED, ASK,
/// TRYAGAIN and CLUSTERDOWN are followed as for any command (<see cref="RetryState"/>).
/// Cancellation does not drop the reply (the typed blocking commands close the connection
/// instead, but this path may still have a popped element to push elsewhere): the server is told
/// to end the wait (<c>CLIENT UNBLOCK</c>, from the shared connection), and the reply that then
/// arrives is still read — so an element popped just before the cancellation is delivered, not lost.
/// </summary>
internal static class ExclusiveCommand
{
    /// <summary>
    /// Runs <paramref name="parts"/> (its own timeout argument included) on the primary of
    /// <paramref name="slot"/>; <paramref name="block"/> is how long the server may wait
    /// (<see cref="Timeout.InfiniteTimeSpan"/>: for ever). Redirects and back-offs follow the shared
    /// <see cref="RetryState"/>; the reply is returned, server errors included.
    /// </summary>
    public static async ValueTask<RedisResult> RunAsync(MultiKeyRunner run, RedisValue[] parts, int slot, TimeSpan block)
    {
        var executor = run.Executor;
        var topology = executor.Topology;
        long blockMs = block == Timeout.InfiniteTimeSpan ? 0 : (long)Math.Ceiling(block.TotalMilliseconds);
        var state = new RetryState(Environment.TickCount64 + executor.CommandTimeoutMilliseconds + blockMs, executor.Options.MaxRedirects);
        while (true)
        {
            run.CancellationToken.ThrowIfCancellationRequested();
            string? endPoint = state.AskTarget ?? topology.Current.GetShard(slot)?.Primary.EndPoint;
            RetryAction action;
            RedisResult? reply = null;
            if (endPoint is null)
            {
                action = state.OnNoOwner(slot, topology);
            }
            else
            {
                long deadline = block == Timeout.InfiniteTimeSpan ? long.MaxValue : Environment.TickCount64 + blockMs + executor.CommandTimeoutMilliseconds;
                try
                {
                    var node = executor.GetNode(endPoint);
                    var connection = run.IsSync ? node.Lease() : await node.LeaseAsync(run.CancellationToken).ConfigureAwait(false);
                    bool clean = false;
                    try
                    {
                        reply = run.IsSync
                            ? connection.Send(parts, deadline, state.AskTarget is not null, CancellationToken.None).Wait(endPoint)
                            : await SendCancellableAsync(run, connection, endPoint, parts, deadline, state.AskTarget is not null).ConfigureAwait(false);
                        clean = true;
                    }
                    finally
                    {
                        node.Return(connection, clean);
                    }
                    action = state.OnReply(reply, endPoint, slot, topology);
                }
                catch (RedisConnectionException ex)
                {
                    action = state.OnConnectionError(ex, readOnly: false, topology);
                }
            }
            switch (action)
            {
                case RetryAction.Return:
                    return reply!;
                case RetryAction.RetryAfterDelay:
                    if (run.IsSync) Thread.Sleep(state.DelayMilliseconds);
                    else await Task.Delay(state.DelayMilliseconds, run.CancellationToken).ConfigureAwait(false);
                    break;
                case RetryAction.Throw:
                    throw state.Error!;
            }
        }
    }

    private static async ValueTask<RedisResult> SendCancellableAsync(MultiKeyRunner run, PhysicalConnection connection, string endPoint,
        RedisValue[] parts, long deadline, bool asking)
    {
        var token = run.CancellationToken;
        if (!token.CanBeCanceled) return await connection.Send(parts, deadline, asking, CancellationToken.None).Task.ConfigureAwait(false);
        long clientId = (await connection.Send(["CLIENT", "ID"], Environment.TickCount64 + run.Executor.CommandTimeoutMilliseconds, false, token)
            .Task.ConfigureAwait(false)).ToInt64();
        var pending = connection.Send(parts, deadline, asking, CancellationToken.None);
        RedisResult reply;
        var unblock = new ClientUnblock(run, endPoint, clientId, pending);
        using (token.UnsafeRegister(static state => _ = UnblockAsync((ClientUnblock)state!), unblock))
        {
            reply = await pending.Task.ConfigureAwait(false);
        }
        if (reply.IsNull) token.ThrowIfCancellationRequested();
        return reply;
    }

    /// <summary>
    /// Ends the server-side wait. CLIENT UNBLOCK answers 0 when the command is not blocked yet (still
    /// on its way) or no longer (its reply is on its way), so it is repeated until the reply is in.
    /// </summary>
    private static async Task UnblockAsync(ClientUnblock target)
    {
        while (!target.Pending.IsCompleted)
        {
            try
            {
                var r = await target.Run.Executor.ExecuteOnNodeAsync(target.EndPoint, ["CLIENT", "UNBLOCK", target.ClientId], CancellationToken.None).ConfigureAwait(false);
                if (!r.IsError && r.ToInt64() == 1) return;
            }
            catch (RedisException)
            {
                return;
            }
            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    private sealed record ClientUnblock(MultiKeyRunner Run, string EndPoint, long ClientId, PendingCommand Pending);
}

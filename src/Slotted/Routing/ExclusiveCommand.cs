using System.Diagnostics;
using Slotted.Connections;
using Slotted.Diagnostics;

namespace Slotted.Routing;

/// <summary>
/// Runs a blocking command (BLPOP, BRPOP, BLMOVE, BZPOPMIN, XREAD BLOCK ...) on an exclusive
/// connection leased from the slot's primary, so the shared connection other callers use is never
/// held up. MOVED, ASK, TRYAGAIN and CLUSTERDOWN are followed as for any command
/// (<see cref="RetryState"/>): a redirect proves nothing was popped, so resending is safe.
/// Cancellation does not drop the reply: the server is told to end the wait (<c>CLIENT UNBLOCK</c>,
/// from the shared connection), and the reply that then arrives is still read — so an element
/// popped just before the cancellation is delivered, not lost. Sync callers (<c>sync: true</c>)
/// lease, send and wait on their own thread; the returned task is then already complete.
/// </summary>
internal static class ExclusiveCommand
{
    /// <summary>
    /// Runs <paramref name="parts"/> (its own timeout argument included) on the primary of
    /// <paramref name="slot"/>; <paramref name="block"/> is how long the server may wait
    /// (<see cref="Timeout.InfiniteTimeSpan"/>: for ever). Redirects and back-offs follow the shared
    /// <see cref="RetryState"/>; the reply is returned, server errors included.
    /// </summary>
    public static ValueTask<RedisResult> RunAsync(ClusterExecutor executor, RedisValue[] parts, int slot, TimeSpan block, bool sync, CancellationToken cancellationToken) =>
        Telemetry.Observed
            ? RunObservedAsync(executor, parts, slot, block, sync, cancellationToken)
            : RunCoreAsync(executor, parts, slot, block, sync, null, cancellationToken);

    /// <summary>The run inside the command's activity, counted and timed like a routed command.</summary>
    private static async ValueTask<RedisResult> RunObservedAsync(ClusterExecutor executor, RedisValue[] parts, int slot, TimeSpan block, bool sync, CancellationToken cancellationToken)
    {
        var scope = Telemetry.StartOperation(CommandTable.Find(parts)?.Name ?? TagNames.OtherCommand, 0, emulated: false, slot);
        try
        {
            var reply = await RunCoreAsync(executor, parts, slot, block, sync, scope.Activity, cancellationToken).ConfigureAwait(false);
            scope.Complete(reply, null);
            return reply;
        }
        catch (Exception ex)
        {
            scope.Complete(null, ex);
            throw;
        }
    }

    private static async ValueTask<RedisResult> RunCoreAsync(ClusterExecutor executor, RedisValue[] parts, int slot, TimeSpan block, bool sync, Activity? activity,
        CancellationToken cancellationToken)
    {
        var topology = executor.Topology;
        long blockMs = block == Timeout.InfiniteTimeSpan ? 0 : (long)Math.Ceiling(block.TotalMilliseconds);
        var state = new RetryState(Environment.TickCount64 + executor.CommandTimeoutMilliseconds + blockMs, executor.Options.MaxRedirects);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
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
                    if (activity is not null) Telemetry.SetServer(activity, node.Host, node.Port);
                    var connection = sync ? node.Lease() : await node.LeaseAsync(cancellationToken).ConfigureAwait(false);
                    bool clean = false;
                    try
                    {
                        reply = sync
                            ? connection.Send(parts, deadline, state.AskTarget is not null, CancellationToken.None).Wait(endPoint)
                            : await SendCancellableAsync(executor, connection, endPoint, parts, deadline, state.AskTarget is not null, cancellationToken).ConfigureAwait(false);
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
                case RetryAction.RetryAfterDelay or RetryAction.RetryAfterRefresh:
                    if (sync) Thread.Sleep(state.DelayMilliseconds);
                    else await Task.Delay(state.DelayMilliseconds, cancellationToken).ConfigureAwait(false);
                    break;
                case RetryAction.Throw:
                    throw state.Error!;
            }
        }
    }

    private static async ValueTask<RedisResult> SendCancellableAsync(ClusterExecutor executor, PhysicalConnection connection, string endPoint,
        RedisValue[] parts, long deadline, bool asking, CancellationToken token)
    {
        if (!token.CanBeCanceled) return await connection.Send(parts, deadline, asking, CancellationToken.None).Task.ConfigureAwait(false);
        long clientId = (await connection.Send(["CLIENT", "ID"], Environment.TickCount64 + executor.CommandTimeoutMilliseconds, false, token)
            .Task.ConfigureAwait(false)).ToInt64();
        var pending = connection.Send(parts, deadline, asking, CancellationToken.None);
        RedisResult reply;
        var unblock = new ClientUnblock(executor, endPoint, clientId, pending);
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
                var r = await target.Executor.ExecuteOnNodeAsync(target.EndPoint, ["CLIENT", "UNBLOCK", target.ClientId], CancellationToken.None).ConfigureAwait(false);
                if (!r.IsError && r.ToInt64() == 1) return;
            }
            catch (RedisException)
            {
                return;
            }
            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    private sealed record ClientUnblock(ClusterExecutor Executor, string EndPoint, long ClientId, PendingCommand Pending);
}

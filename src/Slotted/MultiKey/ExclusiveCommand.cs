using Slotted.Connections;
using Slotted.Protocol;

namespace Slotted.MultiKey;

/// <summary>
/// Runs a blocking command (BLPOP, BRPOP, BLMOVE) on an exclusive connection leased from the
/// slot's primary, so the shared connection other callers use is never held up. MOVED and ASK
/// are followed. Cancellation does not drop the reply: the server is told to end the wait
/// (<c>CLIENT UNBLOCK</c>, from the shared connection), and the reply that then arrives is still
/// read — so an element popped just before the cancellation is returned rather than lost.
/// </summary>
internal static class ExclusiveCommand
{
    public static async ValueTask<RedisResult> RunAsync(MultiKeyRunner run, RedisValue[] parts, int slot, TimeSpan block)
    {
        var executor = run.Executor;
        long deadline = block == TimeSpan.Zero
            ? long.MaxValue
            : Environment.TickCount64 + (long)block.TotalMilliseconds + executor.CommandTimeoutMilliseconds;
        string? askTarget = null;
        for (int attempt = 0; ; attempt++)
        {
            run.CancellationToken.ThrowIfCancellationRequested();
            string endPoint = askTarget ?? executor.Topology.Current.GetShard(slot)?.Primary.EndPoint
                ?? throw new RedisClusterDownException($"No node serves slot {slot}.");
            var node = executor.GetNode(endPoint);
            var connection = run.IsSync ? node.Lease() : await node.LeaseAsync(run.CancellationToken).ConfigureAwait(false);
            bool clean = false;
            RedisResult reply;
            try
            {
                reply = run.IsSync
                    ? connection.Send(parts, deadline, askTarget is not null, CancellationToken.None).Wait(endPoint)
                    : await SendCancellableAsync(run, connection, endPoint, parts, deadline, askTarget is not null).ConfigureAwait(false);
                clean = true;
            }
            finally
            {
                node.Return(connection, clean);
            }
            if (reply.IsError && attempt < executor.Options.MaxRedirects
                && RedirectParser.TryParse(reply.Value.ToString() ?? "", out var kind, out _, out string target))
            {
                if (target.StartsWith(':')) target = node.Host + target;
                if (kind == RedirectKind.Moved)
                {
                    executor.Topology.ApplyMoved(slot, target);
                    executor.Topology.Trigger();
                    askTarget = null;
                }
                else
                {
                    askTarget = target;
                }
                continue;
            }
            return reply;
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

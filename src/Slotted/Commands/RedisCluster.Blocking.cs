using Slotted.Routing;
using Slotted.Topology;

namespace Slotted;

public sealed partial class RedisCluster
{
    /// <summary>
    /// Runs a blocking command (BLPOP, BRPOP, BLMPOP, BZPOPMIN, BZPOPMAX, ...) on an exclusive
    /// connection to the primary that serves <paramref name="slot"/>, so the node's shared
    /// multiplexed connection — and every other caller on it — never waits behind it. The connection
    /// is leased from the node's pool and returned clean afterwards; after a timeout or cancellation
    /// it is closed instead (a late reply may still come, and closing unblocks the server side).
    /// MOVED, ASK, TRYAGAIN and CLUSTERDOWN are followed by the shared <see cref="RetryState"/>: such a
    /// reply proves nothing was popped, so resending is safe. A connection lost after sending is
    /// "outcome unknown" and is not resent.
    /// </summary>
    /// <param name="parts">The command, its own timeout argument included.</param>
    /// <param name="slot">The slot of the command's keys.</param>
    /// <param name="timeout">How long the server may block (<see cref="Timeout.InfiniteTimeSpan"/>: for ever); the
    /// client waits this plus <see cref="RedisClusterOptions.CommandTimeout"/> for the reply.</param>
    /// <param name="cancellationToken">Cancels the wait (the connection is then closed).</param>
    /// <returns>The reply; server errors are thrown typed.</returns>
    internal async ValueTask<RedisResult> RunBlockingAsync(RedisValue[] parts, int slot, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var state = NewBlockingRetryState(timeout);
        var topology = _executor.Topology;
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
                try
                {
                    var node = _executor.GetNode(endPoint);
                    var connection = await node.LeaseAsync(cancellationToken).ConfigureAwait(false);
                    bool clean = false;
                    try
                    {
                        reply = await connection.Send(parts, BlockingDeadline(timeout), state.AskTarget is not null, cancellationToken).Task.ConfigureAwait(false);
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
            if (action == RetryAction.Return) return ThrowIfError(reply!);
            if (action == RetryAction.RetryAfterDelay) await Task.Delay(state.DelayMilliseconds, cancellationToken).ConfigureAwait(false);
            else if (action == RetryAction.Throw) throw state.Error!;
        }
    }

    /// <summary>
    /// The synchronous twin of <see cref="RunBlockingAsync(RedisValue[], int, TimeSpan, CancellationToken)"/>: the calling thread connects, sends and
    /// waits for the reply itself (woken directly by the connection's reader, never through the thread pool).
    /// </summary>
    internal RedisResult RunBlocking(RedisValue[] parts, int slot, TimeSpan timeout)
    {
        var state = NewBlockingRetryState(timeout);
        var topology = _executor.Topology;
        while (true)
        {
            string? endPoint = state.AskTarget ?? topology.Current.GetShard(slot)?.Primary.EndPoint;
            RetryAction action;
            RedisResult? reply = null;
            if (endPoint is null)
            {
                action = state.OnNoOwner(slot, topology);
            }
            else
            {
                try
                {
                    var node = _executor.GetNode(endPoint);
                    var connection = node.Lease();
                    bool clean = false;
                    try
                    {
                        reply = connection.Send(parts, BlockingDeadline(timeout), state.AskTarget is not null, CancellationToken.None).Wait(endPoint);
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
            if (action == RetryAction.Return) return ThrowIfError(reply!);
            if (action == RetryAction.RetryAfterDelay) Thread.Sleep(state.DelayMilliseconds);
            else if (action == RetryAction.Throw) throw state.Error!;
        }
    }

    /// <summary>Runs a blocking command on one key's slot.</summary>
    internal ValueTask<RedisResult> RunBlockingAsync(RedisValue[] parts, RedisKey key, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Guard.Key(key);
        return RunBlockingAsync(parts, HashSlot.Get(key), timeout, cancellationToken);
    }

    /// <summary>The synchronous twin of <see cref="RunBlockingAsync(RedisValue[], RedisKey, TimeSpan, CancellationToken)"/>.</summary>
    internal RedisResult RunBlocking(RedisValue[] parts, RedisKey key, TimeSpan timeout)
    {
        Guard.Key(key);
        return RunBlocking(parts, HashSlot.Get(key), timeout);
    }

    /// <summary>
    /// Retries (redirects, back-off) are bounded by the block time plus the command timeout; for a
    /// command that may block for ever, by the command timeout alone.
    /// </summary>
    private RetryState NewBlockingRetryState(TimeSpan timeout)
    {
        long budget = _executor.CommandTimeoutMilliseconds + (timeout == Timeout.InfiniteTimeSpan ? 0 : (long)Math.Ceiling(timeout.TotalMilliseconds));
        return new RetryState(Environment.TickCount64 + budget, Options.MaxRedirects);
    }

    /// <summary>When the client stops waiting for one attempt's reply: the block time plus the command timeout.</summary>
    private long BlockingDeadline(TimeSpan timeout) => timeout == Timeout.InfiniteTimeSpan
        ? long.MaxValue
        : Environment.TickCount64 + (long)Math.Ceiling(timeout.TotalMilliseconds) + _executor.CommandTimeoutMilliseconds;
}

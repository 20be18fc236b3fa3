using Slotted.Routing;
using Slotted.Topology;

namespace Slotted;

public sealed partial class RedisCluster
{
    /// <summary>
    /// Runs a blocking command (BLPOP, BRPOP, BLMPOP, BZPOPMIN, BZPOPMAX, ...) on an exclusive
    /// connection to the primary that serves <paramref name="slot"/>, so the node's shared
    /// multiplexed connection — and every other caller on it — never waits behind it (see
    /// <see cref="ExclusiveCommand"/>: redirects are followed, and a cancelled wait is ended with
    /// CLIENT UNBLOCK so an element popped at that moment is still returned, never lost).
    /// </summary>
    /// <param name="parts">The command, its own timeout argument included.</param>
    /// <param name="slot">The slot of the command's keys.</param>
    /// <param name="timeout">How long the server may block (<see cref="Timeout.InfiniteTimeSpan"/>: for ever); the
    /// client waits this plus <see cref="RedisClusterOptions.CommandTimeout"/> for the reply.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The reply; server errors are thrown typed.</returns>
    internal async ValueTask<RedisResult> RunBlockingAsync(RedisValue[] parts, int slot, TimeSpan timeout, CancellationToken cancellationToken) =>
        ThrowIfError(await ExclusiveCommand.RunAsync(_executor, parts, slot, timeout, sync: false, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// The synchronous twin of <see cref="RunBlockingAsync(RedisValue[], int, TimeSpan, CancellationToken)"/>: the calling thread connects, sends and
    /// waits for the reply itself (woken directly by the connection's reader, never through the thread pool).
    /// </summary>
    internal RedisResult RunBlocking(RedisValue[] parts, int slot, TimeSpan timeout)
    {
        var pending = ExclusiveCommand.RunAsync(_executor, parts, slot, timeout, sync: true, CancellationToken.None);
        return ThrowIfError(pending.IsCompleted ? pending.Result : pending.AsTask().GetAwaiter().GetResult());
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
}

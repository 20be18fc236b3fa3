using Slotted.Batching;
using Slotted.Routing;
using Slotted.Diagnostics;

namespace Slotted;

/// <summary>
/// A pipeline (<see cref="RedisCluster.CreatePipeline"/>): commands are queued, each typed method
/// returning its task at once, and sent together by <see cref="ExecuteAsync(CancellationToken)"/>.
/// The commands are grouped by the node that serves their slot, each node's group goes out in one
/// write, all nodes at the same time, and the replies come back in the caller's order — one round
/// trip per node instead of one per command
/// (https://redis.io/docs/latest/develop/use/pipelining/). A pipeline is not a transaction: other
/// clients' commands may run between its commands, and each command succeeds or fails on its own.
/// </summary>
/// <remarks>
/// <para>Errors stay in place: an error reply (e.g. <c>WRONGTYPE</c>) is the command's entry in the
/// result list and faults only that command's task; the other commands are unaffected. Client-side
/// failures appear in the list as error replies whose first word names the kind (<c>CONNECTION</c>,
/// <c>TIMEOUT</c>, <c>REDIRECTLIMIT</c>, <c>CLUSTERDOWN</c>, <c>CROSSSLOT</c>), and fault the task with the typed exception.</para>
/// <para>Redirects are followed per command: a command answered MOVED (the slot map is updated) or
/// ASK (sent again with ASKING to the importing node), TRYAGAIN or CLUSTERDOWN is sent again on its
/// own, within <see cref="RedisClusterOptions.MaxRedirects"/> and the command timeout. A command
/// written before its connection was lost may have run: it is reported as
/// <see cref="RedisConnectionException.OutcomeUnknown"/>, never sent again (read-only commands are
/// resent). Commands never written are resent once the node is reachable or the map has changed.</para>
/// <para>Keyless commands whose <c>request_policy</c> names several nodes (PING, DBSIZE, ...) are
/// sent to each of them as part of their groups and their replies combined as
/// <see cref="RedisCluster.ExecuteAsync(string, RedisValue[])"/> combines them; those sends are not
/// redirected. Commands that block (BLPOP, XREAD BLOCK ...) are refused with <see cref="NotSupportedException"/>
/// when queued: they would hold up the node's shared connection.</para>
/// <para><see cref="RedisClusterOptions.CommandTimeout"/> applies to each round trip of the pipeline as
/// a whole (every node's replies to its one write), not to each command.</para>
/// <para>A pipeline runs once; queueing or running it again throws <see cref="InvalidOperationException"/>.</para>
/// </remarks>
public sealed class RedisPipeline : RedisBatch
{
    internal RedisPipeline(ClusterExecutor executor)
        : base(executor)
    {
    }

    private protected override string Kind => "pipeline";

    private protected override void OnPlanned(CommandPlan plan, RedisValue[] parts)
    {
        if (plan.Blocking && plan.Slot >= 0 && BlockingTimeout.Of(parts) != TimeSpan.Zero)
            throw new NotSupportedException(
                $"{parts[0]} may block, and a pipeline shares each node's connection with every other caller: run it with RedisCluster.ExecuteAsync or its typed method, " +
                "which give it a connection of its own, or queue its non-blocking form.");
    }

    /// <summary>
    /// Sends every queued command and waits for all replies. Returns one reply per command in the
    /// order they were queued (error replies in place, not thrown) and completes each command's task.
    /// </summary>
    /// <exception cref="InvalidOperationException">The pipeline already ran.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; every command's task is cancelled too (commands already written may have run).</exception>
    public async Task<IReadOnlyList<RedisResult>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        BeginExecute();
        var scope = Telemetry.StartOperation("PIPELINE", Count, emulated: false);
        try
        {
            var run = new PipelineRun(Executor, EntryArray, Count, FanOuts, cancellationToken);
            var results = await run.RunAsync(sync: false).ConfigureAwait(false);
            scope.Complete(null);
            return results;
        }
        catch (Exception ex)
        {
            scope.Complete(ex);
            throw;
        }
        finally
        {
            EndExecute();
        }
    }

    /// <summary>The synchronous twin of <see cref="ExecuteAsync(CancellationToken)"/>: the calling thread waits for each node's replies itself.</summary>
    public IReadOnlyList<RedisResult> Execute()
    {
        BeginExecute();
        var scope = Telemetry.StartOperation("PIPELINE", Count, emulated: false);
        try
        {
            var run = new PipelineRun(Executor, EntryArray, Count, FanOuts, CancellationToken.None);
            var results = run.RunAsync(sync: true).GetAwaiter().GetResult();
            scope.Complete(null);
            return results;
        }
        catch (Exception ex)
        {
            scope.Complete(ex);
            throw;
        }
        finally
        {
            EndExecute();
        }
    }
}

using Slotted.Connections;
using Slotted.Routing;
using Slotted.Topology;

namespace Slotted.MultiKey;

/// <summary>
/// The one way the emulations talk to the cluster. Each emulation is written once, as an async
/// method; a synchronous runner completes every call on the calling thread (the executor's own
/// blocking path), so the async method never yields and the sync twin just reads its result — no
/// sync-over-async, no thread-pool dependency. Independent sub-commands are written together, one
/// batch per node, whichever kind of runner it is (<see cref="RawAllAsync"/>).
/// </summary>
internal sealed class MultiKeyRunner(ClusterExecutor executor, MultiKeyFeatures features, bool sync, CancellationToken cancellationToken)
{
    public ClusterExecutor Executor { get; } = executor;

    /// <summary>What this client learned about the servers (shared by every call).</summary>
    public MultiKeyFeatures Features { get; } = features;

    public bool IsSync { get; } = sync;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Runs one command routed by <paramref name="slot"/>; an error reply is returned, not thrown.</summary>
    public ValueTask<RedisResult> RawAsync(RedisValue[] parts, int slot, bool readOnly) =>
        IsSync ? new(Executor.Execute(parts, slot, readOnly)) : Executor.ExecuteAsync(parts, slot, readOnly, CancellationToken);

    /// <summary>Runs one command routed by <paramref name="slot"/>; an error reply is thrown as its typed exception.</summary>
    public async ValueTask<RedisResult> RunAsync(RedisValue[] parts, int slot, bool readOnly) =>
        RedisCluster.ThrowIfError(await RawAsync(parts, slot, readOnly).ConfigureAwait(false));

    /// <summary>Runs one command routed by <paramref name="key"/>'s slot; errors thrown.</summary>
    public ValueTask<RedisResult> RunAsync(RedisValue[] parts, RedisKey key, bool readOnly) => RunAsync(parts, HashSlot.Get(key), readOnly);

    /// <summary>
    /// Runs independent commands; replies in the same order, errors kept in place. The commands are
    /// written to each node's shared connection in one batch per node (SendMany) before any reply is
    /// awaited, so N slots cost about one round trip whether the caller is async or sync. A reply that
    /// proves the command did not run where the slot map said (MOVED, ASK, TRYAGAIN, CLUSTERDOWN …),
    /// or a connection that failed before the command was sent, sends that command again through the
    /// executor's full retry path. This fast path always reads from primaries.
    /// </summary>
    public async ValueTask<RedisResult[]> RawAllAsync(IReadOnlyList<SlotCommand> commands, bool readOnly)
    {
        var results = new RedisResult[commands.Count];
        if (commands.Count == 1)
        {
            results[0] = await RawAsync(commands[0].Parts, commands[0].Slot, readOnly).ConfigureAwait(false);
            return results;
        }
        var map = Executor.Topology.Current;
        long deadline = Environment.TickCount64 + Executor.CommandTimeoutMilliseconds;
        var pending = new PendingCommand?[commands.Count];
        var endPoints = new string?[commands.Count];
        var byNode = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < commands.Count; i++)
        {
            string? endPoint = map.GetShard(commands[i].Slot)?.Primary.EndPoint;
            if (endPoint is null) continue;
            endPoints[i] = endPoint;
            if (!byNode.TryGetValue(endPoint, out var list)) byNode[endPoint] = list = [];
            list.Add(i);
        }
        foreach (var (endPoint, indexes) in byNode)
        {
            try
            {
                var node = Executor.GetNode(endPoint);
                var connection = IsSync ? node.GetShared() : await node.GetSharedAsync(CancellationToken).ConfigureAwait(false);
                var parts = new RedisValue[indexes.Count][];
                var sent = new PendingCommand[indexes.Count];
                for (int k = 0; k < sent.Length; k++)
                {
                    parts[k] = commands[indexes[k]].Parts;
                    sent[k] = new PendingCommand(deadline);
                    if (!IsSync) sent[k].RegisterCancellation(CancellationToken);
                }
                connection.SendMany(parts, sent, null);
                for (int k = 0; k < sent.Length; k++) pending[indexes[k]] = sent[k];
            }
            catch (RedisConnectionException)
            {
                // Not sent: these commands take the full path below.
            }
        }
        for (int i = 0; i < results.Length; i++)
        {
            RedisResult? reply = null;
            if (pending[i] is { } command)
            {
                try
                {
                    reply = IsSync ? command.Wait(endPoints[i]!) : await command.Task.ConfigureAwait(false);
                }
                catch (RedisConnectionException ex) when (!ex.OutcomeUnknown || readOnly)
                {
                    reply = null;
                }
                if (reply is not null && DidNotRunHere(reply)) reply = null;
            }
            results[i] = reply ?? await RawAsync(commands[i].Parts, commands[i].Slot, readOnly).ConfigureAwait(false);
        }
        return results;
    }

    /// <summary>Replies that prove the command did not run (so sending it again through the retry path is safe).</summary>
    private static bool DidNotRunHere(RedisResult reply) =>
        reply.IsError && reply.ErrorPrefix is "MOVED" or "ASK" or "TRYAGAIN" or "CLUSTERDOWN" or "LOADING" or "MASTERDOWN";

    /// <summary>As <see cref="RawAllAsync"/>, then throws the first error reply (in command order), after every command finished.</summary>
    public async ValueTask<RedisResult[]> RunAllAsync(IReadOnlyList<SlotCommand> commands, bool readOnly)
    {
        var results = await RawAllAsync(commands, readOnly).ConfigureAwait(false);
        foreach (var r in results) RedisCluster.ThrowIfError(r);
        return results;
    }

    /// <summary>The result of a call made through a synchronous runner (already complete).</summary>
    public static T Complete<T>(ValueTask<T> task) => task.IsCompleted ? task.GetAwaiter().GetResult() : task.AsTask().GetAwaiter().GetResult();

    /// <summary>As <see cref="Complete{T}(ValueTask{T})"/> for calls without a result.</summary>
    public static void Complete(ValueTask task)
    {
        if (task.IsCompleted) task.GetAwaiter().GetResult();
        else task.AsTask().GetAwaiter().GetResult();
    }
}

using Slotted.Connections;
using Slotted.Protocol;
using Slotted.Routing;
using Slotted.Topology;

namespace Slotted.MultiKey;

/// <summary>
/// The one way the emulations talk to the cluster. Each emulation is written once, as an async
/// method; a synchronous runner completes every call on the calling thread (the executor's own
/// blocking path), so the async method never yields and the sync twin just reads its result — no
/// sync-over-async, no thread-pool dependency. Independent sub-commands are written together, one
/// batch per node, whichever kind of runner it is (<see cref="RawAllAsync(IReadOnlyList{SlotCommand}, bool)"/>).
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
    /// Runs independent commands; replies in the same order, errors kept in place. Every command
    /// takes the executor's full routed path (redirects, retries, timeouts) on a pooled command, and
    /// all of them are queued before any reply is awaited, inside one <see cref="PhysicalConnection.Cork"/>
    /// scope: each node's share goes out in one write, so N slots cost about one round trip whether
    /// the caller is async or sync.
    /// </summary>
    public async ValueTask<RedisResult[]> RawAllAsync(IReadOnlyList<SlotCommand> commands, bool readOnly)
    {
        var results = new RedisResult[commands.Count];
        if (commands.Count == 1)
        {
            results[0] = await RawAsync(commands[0].Parts, commands[0].Slot, readOnly).ConfigureAwait(false);
            return results;
        }
        var set = new SlotCommandSet(this, commands.Count, readOnly);
        using (PhysicalConnection.Cork())
        {
            foreach (var command in commands)
            {
                var started = ClusterCommand<RedisResult>.Rent(Executor, ReplyDecoders.Raw);
                RespWriter.WriteCommand(started.Buffer, command.Parts);
                set.Start(started, command.Slot);
            }
        }
        return await set.CollectAsync().ConfigureAwait(false);
    }

    /// <summary>As <see cref="RawAllAsync(IReadOnlyList{SlotCommand}, bool)"/>, then throws the first error reply (in command order), after every command finished.</summary>
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

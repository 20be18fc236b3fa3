using Slotted.Routing;
using Slotted.Topology;

namespace Slotted.MultiKey;

/// <summary>
/// The one way the emulations talk to the cluster. Each emulation is written once, as an async
/// method; a synchronous runner completes every call on the calling thread (the executor's own
/// blocking path), so the async method never yields and the sync twin just reads its result — no
/// sync-over-async, no thread-pool dependency. An asynchronous runner sends independent
/// sub-commands together and awaits them as a whole.
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

    /// <summary>Runs independent commands (in parallel when asynchronous); replies in the same order, errors kept in place.</summary>
    public async ValueTask<RedisResult[]> RawAllAsync(IReadOnlyList<SlotCommand> commands, bool readOnly)
    {
        var results = new RedisResult[commands.Count];
        if (IsSync || commands.Count == 1)
        {
            for (int i = 0; i < commands.Count; i++) results[i] = await RawAsync(commands[i].Parts, commands[i].Slot, readOnly).ConfigureAwait(false);
            return results;
        }
        var tasks = new Task<RedisResult>[commands.Count];
        for (int i = 0; i < tasks.Length; i++) tasks[i] = Executor.ExecuteAsync(commands[i].Parts, commands[i].Slot, readOnly, CancellationToken).AsTask();
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

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

using Slotted.Batching;
using Slotted.Routing;
using Slotted.Topology;

namespace Slotted;

/// <summary>
/// The command queue shared by <see cref="RedisPipeline"/> and <see cref="RedisTransaction"/>. Each
/// typed method (named like the Redis command, e.g. <c>HSetAsync</c>) only queues its command and at
/// once returns a task that completes when the batch has run; nothing is sent before the batch's own
/// <c>ExecuteAsync</c>/<c>Execute</c>. Queue methods therefore have no synchronous twins; the run
/// methods do. A batch is not thread-safe (queue from one thread, like a <see cref="List{T}"/>),
/// and runs once.
/// </summary>
public abstract partial class RedisBatch
{
    private const int Open = 0, Running = 1, Finished = 2;

    private BatchEntry[] _entries = [];
    private Dictionary<int, CommandPlan>? _fanOuts;
    private int _count;
    private int _state;

    internal RedisBatch(ClusterExecutor executor)
    {
        Executor = executor;
    }

    internal ClusterExecutor Executor { get; }

    /// <summary>How many commands are queued.</summary>
    public int Count => _count;

    /// <summary>True once the batch has been run (or, for a transaction, disposed): it accepts no more commands.</summary>
    public bool IsExecuted => Volatile.Read(ref _state) != Open;

    /// <summary>The queued commands (the array may be longer than <see cref="Count"/>).</summary>
    internal BatchEntry[] EntryArray => _entries;

    /// <summary>The plans of queued keyless commands that run on several nodes, by command index (null when none).</summary>
    internal Dictionary<int, CommandPlan>? FanOuts => _fanOuts;

    /// <summary>What the batch is called in error messages ("pipeline", "transaction").</summary>
    private protected abstract string Kind { get; }

    /// <summary>Checks a command's slot as it is queued (a transaction keeps every key in its slot); -1 is a keyless command.</summary>
    private protected virtual void OnQueue(int slot, RedisValue command)
    {
    }

    /// <summary>Checks a command queued by name once it is planned (a pipeline refuses commands that would block the shared connection).</summary>
    private protected virtual void OnPlanned(CommandPlan plan, RedisValue[] parts)
    {
    }

    /// <summary>
    /// Queues any Redis command, routed by its keys as <see cref="RedisCluster.ExecuteAsync(string, RedisValue[])"/>
    /// routes it (the server's key specs; <c>COMMAND GETKEYS</c> when they cannot tell). The task completes
    /// with the raw reply when the batch runs, or faults with the typed exception for an error reply.
    /// </summary>
    /// <param name="command">The command name, e.g. <c>"OBJECT"</c>; a subcommand goes first in <paramref name="args"/>.</param>
    /// <param name="args">The arguments.</param>
    /// <exception cref="RedisCrossSlotException">The command's keys hash to different slots.</exception>
    /// <exception cref="RedisBlockedCommandException">The command is not allowed on a cluster client (WATCH/MULTI/EXEC: use <see cref="RedisCluster.CreateTransaction(RedisKey)"/>).</exception>
    /// <exception cref="NotSupportedException">In a pipeline: the command may block (BLPOP, XREAD BLOCK ...).</exception>
    /// <exception cref="ArgumentException">CLUSTER COUNTKEYSINSLOT / GETKEYSINSLOT name a slot that is not an integer in 0..16383 (checked as it is queued).</exception>
    public Task<RedisResult> ExecuteAsync(string command, params RedisValue[] args)
    {
        ThrowIfNotOpen();
        var parts = RedisCluster.BuildParts(command, args);
        if (!CommandPlanner.TryPlan(Executor, parts, out var plan)) return Queue(parts, BatchEntry.Unplanned, false, static r => r);
        OnPlanned(plan, parts);
        int index = _count;
        var task = Queue(parts, plan.Slot, plan.ReadOnly, static r => r);
        if (plan.FanOut is not null) (_fanOuts ??= [])[index] = plan;
        return task;
    }

    /// <summary>Queues a command on one key (validated: not null, not empty).</summary>
    internal Task<T> Queue<T>(RedisValue[] parts, RedisKey key, bool readOnly, Func<RedisResult, T> convert)
    {
        Guard.Key(key);
        return Queue(parts, HashSlot.Get(key), readOnly, convert);
    }

    /// <summary>Queues a command on keys that must share one slot (<see cref="RedisCrossSlotException"/> otherwise).</summary>
    internal Task<T> Queue<T>(RedisValue[] parts, IReadOnlyList<RedisKey> keys, bool readOnly, Func<RedisResult, T> convert) =>
        Queue(parts, RedisCluster.SameSlot(keys), readOnly, convert);

    private Task<T> Queue<T>(RedisValue[] parts, int slot, bool readOnly, Func<RedisResult, T> convert)
    {
        ThrowIfNotOpen();
        if (slot != BatchEntry.Unplanned) OnQueue(slot, parts[0]);
        var completion = new BatchCompletion<T>(convert);
        if (_count == _entries.Length) Array.Resize(ref _entries, Math.Max(16, _count * 2));
        ref var entry = ref _entries[_count++];
        entry.Parts = parts;
        entry.Slot = slot;
        entry.ReadOnly = readOnly;
        entry.Completion = completion;
        return completion.Task;
    }

    private protected void ThrowIfNotOpen()
    {
        if (Volatile.Read(ref _state) != Open)
            throw new InvalidOperationException($"This {Kind} has already been executed or disposed; a {Kind} runs once. Create a new one for more commands.");
    }

    /// <summary>Moves the batch from open to running; throws when it already ran.</summary>
    private protected void BeginExecute()
    {
        if (Interlocked.CompareExchange(ref _state, Running, Open) != Open)
            throw new InvalidOperationException($"This {Kind} has already been executed or disposed; a {Kind} runs once.");
    }

    /// <summary>Marks the batch finished and lets go of its commands (a pipeline may be large).</summary>
    private protected void EndExecute()
    {
        Volatile.Write(ref _state, Finished);
        _entries = [];
        _fanOuts = null;
        _count = 0;
    }

    /// <summary>Closes a batch that never ran; false when it had already run or been closed.</summary>
    private protected bool TryClose() => Interlocked.CompareExchange(ref _state, Finished, Open) == Open;

    /// <summary>Faults or cancels every queued command's task (a run that ended early).</summary>
    internal static void FailAll(Span<BatchEntry> entries, Exception error)
    {
        foreach (ref var entry in entries)
        {
            if (error is OperationCanceledException oce) entry.Completion?.Cancel(oce.CancellationToken);
            else entry.Completion?.SetError(error);
        }
    }
}

using System.Threading.Tasks.Sources;

namespace Slotted.Routing;

/// <summary>
/// One awaitable for many commands started together (the per-slot sub-commands of a multi-key
/// call): each command signals it as it completes, and the caller's continuation runs once, after
/// the last — one thread-pool hop per call instead of one per node or per command.
/// </summary>
internal sealed class CompletionGroup : IValueTaskSource
{
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private int _remaining;

    public CompletionGroup(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _remaining = count;
    }

    /// <summary>Completes when every command signalled.</summary>
    public ValueTask WhenAll => new(this, _core.Version);

    /// <summary>Called by each command once, after its own result is published.</summary>
    public void Signal()
    {
        if (Interlocked.Decrement(ref _remaining) == 0) _core.SetResult(true);
    }

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}

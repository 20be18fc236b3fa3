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
    private readonly ManualResetEventSlim? _done;
    private int _remaining;

    /// <param name="count">How many signals complete the group.</param>
    /// <param name="sync">Whether the caller waits with <see cref="Wait"/> (a sync call) instead of awaiting <see cref="WhenAll"/>.</param>
    public CompletionGroup(int count, bool sync = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _remaining = count;
        if (sync) _done = new ManualResetEventSlim(false);
    }

    /// <summary>Completes when every command signalled.</summary>
    public ValueTask WhenAll => new(this, _core.Version);

    /// <summary>Called by each command once, after its own result is published.</summary>
    public void Signal()
    {
        if (Interlocked.Decrement(ref _remaining) != 0) return;
        if (_done is not null) _done.Set();
        else _core.SetResult(true);
    }

    /// <summary>Blocks a sync caller until every command signalled, or <paramref name="timeout"/>; false on timeout.</summary>
    public bool Wait(TimeSpan timeout)
    {
        var done = _done ?? throw new InvalidOperationException("An async group is awaited, not waited on.");
        bool signalled = done.Wait(timeout);
        if (signalled) done.Dispose();
        return signalled;
    }

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}

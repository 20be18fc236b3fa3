using System.Threading.Tasks.Sources;

namespace Slotted.Connections;

/// <summary>
/// One command waiting for its reply on a connection. It completes exactly once: by its reply, by a
/// connection failure, by its deadline or by cancellation, whichever comes first. A reply that
/// arrives after a timeout or cancellation is still taken off the connection (replies are FIFO) and
/// dropped, so it can never reach another caller. <see cref="PendingBatch"/> derives from it so a
/// pipeline's share for one node takes one object, not one per command.
/// </summary>
internal class PendingCommand : IValueTaskSource<RedisResult>
{
    private ManualResetValueTaskSourceCore<RedisResult> _core = new() { RunContinuationsAsynchronously = true };
    private int _claimed;
    private int _ready;
    private int _syncWaiter;
    private CancellationTokenRegistration _cancellation;

    public PendingCommand(long deadline, bool discardReply = false)
    {
        Deadline = deadline;
        DiscardReply = discardReply;
    }

    /// <summary>Environment.TickCount64 after which the caller gets a timeout.</summary>
    public long Deadline { get; }

    /// <summary>True for replies nobody awaits (the <c>OK</c> of an <c>ASKING</c> sent before a command).</summary>
    public bool DiscardReply { get; }

    /// <summary>The order in which the command was queued on its connection.</summary>
    public long Sequence { get; set; }

    public bool IsCompleted => Volatile.Read(ref _claimed) != 0;

    public ValueTask<RedisResult> Task => new(this, _core.Version);

    public void RegisterCancellation(CancellationToken token)
    {
        if (token.CanBeCanceled)
            _cancellation = token.UnsafeRegister(static (s, t) => ((PendingCommand)s!).TrySetException(new OperationCanceledException(t)), this);
    }

    public virtual bool TrySetResult(RedisResult result)
    {
        if (Interlocked.Exchange(ref _claimed, 1) != 0) return false;
        _cancellation.Dispose();
        _core.SetResult(result);
        Signal();
        return true;
    }

    public virtual bool TrySetException(Exception error)
    {
        if (Interlocked.Exchange(ref _claimed, 1) != 0) return false;
        _cancellation.Dispose();
        _core.SetException(error);
        Signal();
        return true;
    }

    private void Signal()
    {
        Interlocked.Exchange(ref _ready, 1);
        if (Volatile.Read(ref _syncWaiter) != 0)
        {
            lock (this) Monitor.PulseAll(this);
        }
    }

    /// <summary>Blocks the calling thread until the command completes; it is woken directly by the reader, never through the thread pool.</summary>
    public RedisResult Wait(string endPoint)
    {
        if (Volatile.Read(ref _ready) == 0)
        {
            lock (this)
            {
                Interlocked.Exchange(ref _syncWaiter, 1);
                while (Volatile.Read(ref _ready) == 0)
                {
                    long left = Deadline - Environment.TickCount64;
                    if (left <= 0)
                    {
                        if (!TrySetException(NodeConnection.TimeoutError(endPoint))) Monitor.Wait(this, 1);
                        continue;
                    }
                    Monitor.Wait(this, (int)Math.Min(left, int.MaxValue));
                }
            }
        }
        return _core.GetResult(_core.Version);
    }

    RedisResult IValueTaskSource<RedisResult>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<RedisResult>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<RedisResult>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}

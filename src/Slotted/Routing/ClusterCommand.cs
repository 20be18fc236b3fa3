using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;
using Slotted.Connections;
using Slotted.Diagnostics;

namespace Slotted.Routing;

/// <summary>
/// One routed command on its way through the cluster: its RESP bytes (written once, resent as they
/// are after a redirect), its slot, its <see cref="RetryState"/>, and the completion its caller
/// waits on — an <see cref="IValueTaskSource{T}"/> for async callers, an event for sync callers.
/// Instances are pooled per result type, so the hot path allocates no command objects, arrays,
/// tasks or state machines.
/// </summary>
/// <remarks>
/// <para>
/// <c>_state</c> packs a generation (bumped on every reuse) with a phase. <b>Waiting</b>: queued on a
/// connection; the reply, the connection's timeout sweep, a connection failure or cancellation may
/// complete it — whichever moves the phase first by compare-and-swap. <b>Retrying</b>: owned by one
/// thread (the dispatcher, or whoever handles a redirect); nothing else completes it. <b>Done</b>:
/// the result is set. A connection queue entry carries the generation it was queued with, so a
/// reply that arrives after a timeout — when the object may already serve another caller — fails
/// the swap and is dropped: replies never reach the wrong caller.
/// </para>
/// <para>
/// The reply is handed over on the connection's reader thread. Async continuations run on the
/// thread pool (<c>RunContinuationsAsynchronously</c>); a redirect is handled on the pool for async
/// callers and on the caller's own thread for sync callers, so a sync call never needs a pool thread.
/// </para>
/// </remarks>
internal sealed class ClusterCommand<T> : ReplyWaiter, IValueTaskSource<T>, IThreadPoolWorkItem
{
    private const int Waiting = 0;
    private const int Done = 1;
    private const int Retrying = 2;
    private const int PhaseMask = 3;
    private const int MaxPooled = 1024;
    private const int MaxPooledBufferSize = 16 * 1024;

    private static readonly ConcurrentQueue<ClusterCommand<T>> Pool = new();
    private static int s_pooled;

    private ArrayBufferWriter<byte> _command = new(256);
    private ManualResetValueTaskSourceCore<RedisResult> _core = new() { RunContinuationsAsynchronously = true };
    private ManualResetEventSlim? _signal;
    private CompletionGroup? _group;
    private ClusterExecutor? _executor;
    private Func<RedisResult, T>? _decoder;
    private RetryState _retry;
    private CancellationToken _cancellationToken;
    private CancellationTokenRegistration _registration;
    private RedisResult? _retryReply;
    private RedisConnectionException? _retryError;
    private string? _endPoint;
    private int _slot;
    private bool _readOnly;
    private bool _sync;
    private int _generation;
    private int _state = Retrying;
    private int _dispatching;
    private Activity? _activity;
    private string? _operation;
    private long _started;
    private long _ended;

    private ClusterCommand()
    {
    }

    /// <summary>A command object from the pool (or a new one), bound to <paramref name="executor"/>; its result is <paramref name="decoder"/> of the reply.</summary>
    public static ClusterCommand<T> Rent(ClusterExecutor executor, Func<RedisResult, T> decoder)
    {
        if (Pool.TryDequeue(out var command)) Interlocked.Decrement(ref s_pooled);
        else command = new ClusterCommand<T>();
        command._executor = executor;
        command._decoder = decoder;
        return command;
    }

    /// <summary>Where the caller writes the command's RESP bytes before starting it.</summary>
    public ArrayBufferWriter<byte> Buffer => _command;

    /// <summary>Sends the command and returns the value task its caller awaits.</summary>
    /// <param name="slot">The slot that routes the command (-1: any primary).</param>
    /// <param name="readOnly">Whether a replica may serve it.</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    /// <param name="group">Signalled once this command completes (then the returned task is complete too).</param>
    public ValueTask<T> StartAsync(int slot, bool readOnly, CancellationToken cancellationToken, CompletionGroup? group = null)
    {
        Prepare(slot, readOnly, sync: false);
        _group = group;
        short version = _core.Version;
        if (cancellationToken.CanBeCanceled)
        {
            _cancellationToken = cancellationToken;
            _registration = cancellationToken.UnsafeRegister(static s => ((ClusterCommand<T>)s!).OnCancelled(), this);
        }
        Dispatch();
        return new ValueTask<T>(this, version);
    }

    /// <summary>Sends the command and blocks the calling thread until its result (woken directly by the reader; never needs a pool thread).</summary>
    public T Run(int slot, bool readOnly)
    {
        StartSync(slot, readOnly);
        return WaitSync();
    }

    /// <summary>Sends the command for a sync caller who collects the result later with <see cref="Wait"/> (several commands in flight at once).</summary>
    public void StartSync(int slot, bool readOnly)
    {
        Prepare(slot, readOnly, sync: true);
        (_signal ??= new ManualResetEventSlim(false, spinCount: 1)).Reset();
        Dispatch();
    }

    /// <summary>Blocks until the result of a command started with <see cref="StartSync"/>; call it once.</summary>
    public T Wait() => WaitSync();

    private void Prepare(int slot, bool readOnly, bool sync)
    {
        var executor = _executor!;
        _slot = slot;
        _readOnly = readOnly;
        _sync = sync;
        _retry = new RetryState(Environment.TickCount64 + executor.CommandTimeoutMilliseconds, executor.Options.MaxRedirects);
        if (Telemetry.Measuring) BeginTelemetry();
    }

    /// <summary>Names the command, starts its activity (when traced) and its clock; only while someone listens.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void BeginTelemetry()
    {
        var resp = _command.WrittenSpan;
        string? known = CommandNames.Find(resp);
        _operation = known ?? TagNames.OtherCommand;
        if (Telemetry.Source.HasListeners()) _activity = Telemetry.StartCommand(known ?? CommandNames.ForActivity(resp), _slot);
        _started = Stopwatch.GetTimestamp();
    }

    /// <summary>Routes and sends; the calling thread owns the command (phase Retrying) until it is queued.</summary>
    private void Dispatch()
    {
        var executor = _executor!;
        while (true)
        {
            RetryAction action;
            if (_cancellationToken.IsCancellationRequested)
            {
                Finish(Retrying, null, new OperationCanceledException(_cancellationToken));
                return;
            }
            if (_retry.Expired)
            {
                // Sending with no time left would only time out — and a write would end "outcome
                // unknown" although it never had to run.
                Finish(Retrying, null, _retry.ExpiredError());
                return;
            }
            string? endPoint = _retry.AskTarget ?? executor.SelectNode(_slot, _readOnly, _retry.Attempt);
            if (endPoint is null)
            {
                action = _retry.OnNoOwner(_slot, executor.Topology);
            }
            else
            {
                var node = executor.GetNode(endPoint);
                var connection = node.Current;
                if (connection is null)
                {
                    if (!_sync)
                    {
                        _ = ConnectThenDispatchAsync(node);
                        return;
                    }
                    try
                    {
                        connection = node.GetShared(_retry.Deadline);
                    }
                    catch (RedisConnectionException ex)
                    {
                        action = _retry.OnConnectionError(ex, _readOnly, executor.Topology);
                        if (!Continue(action)) return;
                        continue;
                    }
                }
                _endPoint = endPoint;
                if (_activity is not null) Telemetry.SetServer(_activity, node.Host, node.Port);
                if (TrySend(connection, out var notSent)) return;
                if (notSent is null) return; // completed (cancelled) while being sent
                action = _retry.OnConnectionError(notSent, _readOnly, executor.Topology);
            }
            if (!Continue(action)) return;
        }
    }

    /// <summary>Queues the command on <paramref name="connection"/>. False with an error when the connection was closed (nothing written).</summary>
    private bool TrySend(PhysicalConnection connection, out RedisConnectionException? notSent)
    {
        notSent = null;
        int generation = _generation;
        bool asking = _retry.AskTarget is not null;
        Volatile.Write(ref _dispatching, 1);
        Volatile.Write(ref _state, generation << 2 | Waiting);
        try
        {
            connection.Send(this, generation, _retry.Deadline, _command.WrittenSpan, asking);
        }
        catch (RedisConnectionException ex)
        {
            bool owned = Interlocked.CompareExchange(ref _state, generation << 2 | Retrying, generation << 2 | Waiting) == (generation << 2 | Waiting);
            Volatile.Write(ref _dispatching, 0);
            if (owned) notSent = ex;
            return false;
        }
        // A cancellation that came while this thread owned the command found nothing to complete.
        if (_cancellationToken.IsCancellationRequested) OnCancelled(generation);
        Volatile.Write(ref _dispatching, 0);
        return true;
    }

    /// <summary>Acts on a retry decision while owning the command; false when the command is finished or continues elsewhere.</summary>
    private bool Continue(RetryAction action)
    {
        switch (action)
        {
            case RetryAction.Retry:
                return true;
            case RetryAction.RetryAfterDelay:
                if (_sync)
                {
                    Thread.Sleep(_retry.DelayMilliseconds);
                    return true;
                }
                _ = Task.Delay(_retry.DelayMilliseconds, _cancellationToken).ContinueWith(static (_, s) => ((ClusterCommand<T>)s!).DispatchOwned(), this,
                    CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                return false;
            case RetryAction.RetryAfterRefresh:
                if (_sync)
                {
                    _executor!.WaitForNewMap(_retry.DelayMilliseconds);
                    return true;
                }
                _ = WaitForNewMapThenDispatchAsync();
                return false;
            case RetryAction.Return:
                Finish(Retrying, _retryReply, null);
                return false;
            default:
                Finish(Retrying, null, _retry.Error);
                return false;
        }
    }

    private async Task WaitForNewMapThenDispatchAsync()
    {
        try
        {
            await _executor!.WaitForNewMapAsync(_retry.DelayMilliseconds, _cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Dispatch sees the cancellation and finishes the command.
        }
        DispatchOwned();
    }

    private async Task ConnectThenDispatchAsync(NodeConnection node)
    {
        try
        {
            await node.GetSharedAsync(_retry.Deadline, _cancellationToken).ConfigureAwait(false);
        }
        catch (RedisConnectionException ex)
        {
            if (Continue(_retry.OnConnectionError(ex, _readOnly, _executor!.Topology))) DispatchOwned();
            return;
        }
        catch (OperationCanceledException ex)
        {
            Finish(Retrying, null, ex);
            return;
        }
        catch (Exception ex)
        {
            Finish(Retrying, null, ex);
            return;
        }
        DispatchOwned();
    }

    public override void OnReply(RedisResult reply, int token)
    {
        if (RetryState.IsRetryable(reply))
        {
            if (!TryTake(token)) return;
            _retryReply = reply;
            _retryError = null;
            ScheduleRetry();
            return;
        }
        Finish(token, Waiting, reply, null);
    }

    public override void OnConnectionLost(RedisConnectionException error, int token)
    {
        if (!TryTake(token)) return;
        _retryReply = null;
        _retryError = error;
        ScheduleRetry();
    }

    public override void OnTimeout(RedisTimeoutException error, int token) => Finish(token, Waiting, null, error);

    public override bool IsWaiting(int token) => Volatile.Read(ref _state) == (token << 2 | Waiting);

    private void OnCancelled() => OnCancelled(Volatile.Read(ref _generation));

    private void OnCancelled(int generation) => Finish(generation, Waiting, null, new OperationCanceledException(_cancellationToken));

    /// <summary>Moves a waiting command to Retrying: the caller now owns it.</summary>
    private bool TryTake(int token) =>
        Interlocked.CompareExchange(ref _state, token << 2 | Retrying, token << 2 | Waiting) == (token << 2 | Waiting);

    private void ScheduleRetry()
    {
        if (_sync) _signal!.Set(); // the caller's own thread handles it
        else ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    void IThreadPoolWorkItem.Execute()
    {
        try
        {
            HandleRetry();
        }
        catch (Exception ex)
        {
            // Nothing may escape onto a pool thread: the caller gets the error instead.
            Finish(Retrying, null, ex);
        }
    }

    /// <summary>Dispatch from a continuation (after a delay or a refresh), where an exception has no caller to reach.</summary>
    private void DispatchOwned()
    {
        try
        {
            Dispatch();
        }
        catch (Exception ex)
        {
            Finish(Retrying, null, ex);
        }
    }

    /// <summary>Decides what a redirect or a lost connection means for this command; runs while owning it.</summary>
    private void HandleRetry()
    {
        var executor = _executor!;
        RetryAction action = _retryReply is { } reply
            ? _retry.OnReply(reply, _endPoint!, _slot, executor.Topology)
            : _retry.OnConnectionError(_retryError!, _readOnly, executor.Topology);
        if (action == RetryAction.Return)
        {
            Finish(Retrying, _retryReply, null);
            return;
        }
        if (Continue(action)) Dispatch();
    }

    private void Finish(int expectedPhase, RedisResult? reply, Exception? error) => Finish(Volatile.Read(ref _generation), expectedPhase, reply, error);

    /// <summary>Completes the command once; nothing of this object may be touched after the result is published.</summary>
    private void Finish(int generation, int expectedPhase, RedisResult? reply, Exception? error)
    {
        int from = generation << 2 | expectedPhase;
        if (Interlocked.CompareExchange(ref _state, generation << 2 | Done, from) != from) return;
        var signal = _sync ? _signal : null;
        var group = _group;
        if (_started != 0) _ended = Stopwatch.GetTimestamp();
        if (error is null) _core.SetResult(reply!);
        else _core.SetException(error);
        signal?.Set();
        group?.Signal();
    }

    private T WaitSync()
    {
        var signal = _signal!;
        while (true)
        {
            SpinBriefly(signal);
            if (!signal.Wait(TimeSpan.FromMilliseconds(Math.Max(1, _retry.Deadline - Environment.TickCount64 + 1000))))
            {
                // The connection's sweep should have timed the command out; never wait forever.
                Finish(_generation, Waiting, null, NodeConnection.TimeoutError(_endPoint ?? "the cluster"));
                continue;
            }
            signal.Reset();
            int phase = Volatile.Read(ref _state) & PhaseMask;
            if (phase == Done)
            {
                // Done is claimed just before the result is published: wait out that instant.
                var spin = new SpinWait();
                while (_core.GetStatus(_core.Version) == ValueTaskSourceStatus.Pending) spin.SpinOnce();
                return GetResult(_core.Version);
            }
            if (phase == Retrying) HandleRetry();
        }
    }

    /// <summary>
    /// Spins for about one round trip before blocking: a reply that arrives meanwhile is picked up
    /// without a kernel wake-up of this thread, which on an otherwise idle (virtual) CPU costs tens of
    /// microseconds — most of a sync call's latency. The spin yields regularly, so a busy machine
    /// keeps its CPU for other work.
    /// </summary>
    private static void SpinBriefly(ManualResetEventSlim signal)
    {
        if (Environment.ProcessorCount < 2 || signal.IsSet) return;
        long end = Stopwatch.GetTimestamp() + SpinTicks;
        for (int i = 1; !signal.IsSet; i++)
        {
            if ((i & 63) == 0)
            {
                if (Stopwatch.GetTimestamp() > end) return;
                Thread.Yield();
            }
            else
            {
                Thread.SpinWait(8);
            }
        }
    }

    private static readonly long SpinTicks = Stopwatch.Frequency * 150 / 1_000_000;

    public T GetResult(short token)
    {
        if (token != _core.Version) throw new InvalidOperationException("A command's result was read twice (a ValueTask may be awaited only once).");
        try
        {
            return _decoder!(_started == 0 && !Telemetry.Commands.Enabled ? _core.GetResult(token) : GetResultObserved(token));
        }
        finally
        {
            Release();
        }
    }

    /// <summary>The result, after ending the command's activity and counting it (only while someone listens).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private RedisResult GetResultObserved(short token)
    {
        string name = _operation ?? CommandNames.ForMetrics(_command.WrittenSpan);
        RedisResult reply;
        try
        {
            reply = _core.GetResult(token);
        }
        catch (Exception ex)
        {
            Telemetry.CommandCompleted(name, _activity, _started, _ended, null, ex, _retry.Redirects, _retry.Attempt);
            throw;
        }
        Telemetry.CommandCompleted(name, _activity, _started, _ended, reply, null, _retry.Redirects, _retry.Attempt);
        return reply;
    }

    private void Release()
    {
        // A thread still inside TrySend (the command was cancelled while being queued) may read
        // this object: leave it to the GC rather than reuse it.
        if (Volatile.Read(ref _dispatching) != 0) return;
        _registration.Dispose();
        _registration = default;
        _cancellationToken = default;
        _retryReply = null;
        _retryError = null;
        _endPoint = null;
        _activity = null;
        _operation = null;
        _started = 0;
        _ended = 0;
        _retry = default;
        _executor = null;
        _decoder = null;
        _group = null;
        _core.Reset();
        if (_command.Capacity > MaxPooledBufferSize) _command = new ArrayBufferWriter<byte>(256);
        else _command.ResetWrittenCount();
        int generation = (_generation + 1) & 0x1FFFFFFF;
        _generation = generation;
        Volatile.Write(ref _state, generation << 2 | Retrying);
        if (Interlocked.Increment(ref s_pooled) <= MaxPooled) Pool.Enqueue(this);
        else Interlocked.Decrement(ref s_pooled);
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}

using System.Buffers;
using System.Net.Sockets;
using Slotted.Protocol;

namespace Slotted.Connections;

/// <summary>
/// One connection to one node (TCP, or TLS over it: see <see cref="Transport"/>), shared by many callers. Commands are copied under one lock into
/// an output buffer and their waiters queued in the same order; whichever caller finds no flush
/// running sends the buffer, so concurrent callers share writes. Replies are read on a dedicated
/// thread (not a thread-pool thread, so they keep flowing when the pool is starved): the process's
/// <see cref="ReadPoller"/> calls <see cref="ReadAvailable"/> when the socket has data (Linux), or a
/// reader thread of this connection's own loops on it in a blocking read (elsewhere, and always for TLS). Each call parses every
/// complete reply in what arrived, takes that many waiters off the queue in one lock, and hands
/// each its reply. Once failed, the connection is dead;
/// <see cref="NodeConnection"/> makes a new one.
/// </summary>
internal sealed class PhysicalConnection : IDisposable, IThreadPoolWorkItem
{
    private static ReadOnlySpan<byte> AskingCommand => "*1\r\n$6\r\nASKING\r\n"u8;

    private readonly Transport _transport;
    private readonly RespReaderOptions _readerOptions;
    private readonly Lock _writeLock = new();
    private readonly Queue<QueuedReply> _pending = new();
    private ArrayBufferWriter<byte> _output = new(4096);
    private ArrayBufferWriter<byte> _spare = new(4096);
    private bool _flushing;
    private bool _flushQueued;
    private long _queued;
    private long _flushed;
    private long _answered;
    private int _failed;
    private Exception? _failure;
    private long _lastReplyAt;
    private long _lastTimeoutAt;
    private readonly ReadPoller? _poller;
    private long _pollerId;
    private byte[] _readBuffer = new byte[16 * 1024];
    private int _readStart;
    private int _readEnd;
    private readonly List<RedisResult> _replies = new(64);
    private readonly List<QueuedReply> _waiters = new(64);
    private Timer? _timeoutTimer;

    public PhysicalConnection(Transport transport, string endPoint, RespReaderOptions readerOptions, bool ownReaderThread = false)
    {
        _transport = transport;
        EndPoint = endPoint;
        _readerOptions = readerOptions;
        _poller = ownReaderThread || transport.NeedsOwnReader ? null : ReadPoller.Pick();
    }

    public string EndPoint { get; }

    /// <summary>The protocol the handshake settled on (2 or 3).</summary>
    public int Protocol { get; set; } = 2;

    /// <summary>Whether a <see cref="ReadPoller"/> reads this connection now (false: its own thread, or closed).</summary>
    public bool IsPolled => _pollerId != 0 && _poller!.IsWatching(_pollerId);

    /// <summary>
    /// True when a command timed out here and nothing has been answered since: the node stopped
    /// answering (paused, swapping, hung) although its socket is up. The first reply it sends again —
    /// even a late one nobody waits for any more — clears it.
    /// </summary>
    public bool IsUnresponsive => Volatile.Read(ref _lastTimeoutAt) > Volatile.Read(ref _lastReplyAt);

    public bool IsAlive => Volatile.Read(ref _failed) == 0;

    public Exception? Failure => _failure;

    /// <summary>Frames that are not replies (RESP3 push, or every frame in RESP2 subscriber mode) go here when it returns true.</summary>
    public Func<RedisResult, bool>? FrameInterceptor { get; set; }

    /// <summary>Raised once, on the thread that saw the failure.</summary>
    public event Action<PhysicalConnection, Exception>? Failed;

    public int PendingCount
    {
        get
        {
            lock (_writeLock) return _pending.Count;
        }
    }

    /// <exception cref="SocketException">The poller refused the socket.</exception>
    public void Start()
    {
        if (_poller is not null)
        {
            _pollerId = _poller.Add(this, _transport.Socket);
            if (_failed != 0) _poller.Remove(_pollerId, _transport.Socket); // failed while being added
        }
        else new Thread(ReadLoop) { IsBackground = true, Name = "Slotted reader " + EndPoint }.Start();
        _timeoutTimer = new Timer(static s => ((PhysicalConnection)s!).ExpireTimedOut(), this, 100, 100);
    }

    /// <summary>Queues one command (optionally preceded by ASKING, written back to back so no other caller's command comes between) and sends it.</summary>
    public PendingCommand Send(ReadOnlySpan<RedisValue> parts, long deadline, bool asking, CancellationToken cancellationToken)
    {
        var command = new PendingCommand(deadline);
        command.RegisterCancellation(cancellationToken);
        bool flush;
        lock (_writeLock)
        {
            ThrowIfFailed();
            if (asking) Enqueue(AskingCommand, DiscardWaiter.Instance, 0, deadline);
            Enqueue(parts, command, 0, deadline);
            flush = ShouldFlushNow();
        }
        if (flush) Flush();
        return command;
    }

    /// <summary>
    /// Queues one command already serialized as RESP (the routed hot path: the command keeps its
    /// bytes for resending after a redirect), optionally preceded by ASKING, and sends it.
    /// </summary>
    /// <exception cref="RedisConnectionException">The connection is closed; nothing was queued.</exception>
    public void Send(ReplyWaiter waiter, int token, long deadline, ReadOnlySpan<byte> command, bool asking)
    {
        bool flush;
        lock (_writeLock)
        {
            ThrowIfFailed();
            if (asking) Enqueue(AskingCommand, DiscardWaiter.Instance, 0, deadline);
            Enqueue(command, waiter, token, deadline);
            flush = ShouldFlushNow();
        }
        if (flush) Flush();
    }

    /// <summary>
    /// Under the lock, after queuing: true when the caller should send now. A caller that finds the
    /// connection idle (nothing written and unanswered) sends at once, so a lone command never
    /// waits. When a flush is running, it takes the new bytes along. When commands already written
    /// are still unanswered, the bytes wait a moment so that many callers share one write: a flush
    /// is queued on the thread pool behind the continuations already waiting there (the callers
    /// that are about to queue their next commands), and the reader thread — sure to wake for the
    /// unanswered replies — also sends whatever is waiting after handing them out, so the bytes go
    /// out even when the pool is starved.
    /// </summary>
    private bool ShouldFlushNow()
    {
        if (t_corkDepth > 0)
        {
            // The thread is queuing several commands: the scope sends them together when it ends.
            var corked = t_corked ??= [];
            if (!corked.Contains(this)) corked.Add(this);
            return false;
        }
        if (_flushing) return false;
        if (_flushed > _answered)
        {
            if (!_flushQueued)
            {
                _flushQueued = true;
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            }
            return false;
        }
        _flushing = true;
        return true;
    }

    void IThreadPoolWorkItem.Execute()
    {
        lock (_writeLock) _flushQueued = false;
        FlushDeferred();
    }

    /// <summary>
    /// Queues <paramref name="count"/> commands already serialized back to back, all answered to one
    /// waiter (the i-th reply with token i), and sends them.
    /// </summary>
    /// <exception cref="RedisConnectionException">The connection is closed; nothing was queued.</exception>
    public void Send(ReplyWaiter waiter, long deadline, ReadOnlySpan<byte> commands, int count)
    {
        bool flush;
        lock (_writeLock)
        {
            ThrowIfFailed();
            _output.Write(commands);
            for (int i = 0; i < count; i++) _pending.Enqueue(new QueuedReply(waiter, i, deadline, ++_queued));
            flush = ShouldFlushNow();
        }
        if (flush) Flush();
    }

    /// <summary>
    /// Writes a command whose answers the <see cref="FrameInterceptor"/> takes (a subscriber connection):
    /// nothing waits in the reply queue, so confirmations that come as push frames (RESP3) or several
    /// frames per command (RESP2 subscriber mode) never shift replies.
    /// </summary>
    public void SendWithoutReply(ReadOnlySpan<RedisValue> parts)
    {
        bool flush;
        lock (_writeLock)
        {
            ThrowIfFailed();
            RespWriter.WriteCommand(_output, parts);
            flush = !_flushing;
            _flushing |= flush;
        }
        if (flush) Flush();
    }

    /// <summary>
    /// Queues every command of <paramref name="batch"/> back to back (each optionally preceded by
    /// ASKING) and sends them in one write. Each command's queue entry is the batch itself, so the
    /// reader hands it the replies in order; the batch completes when the last one arrives.
    /// </summary>
    /// <exception cref="RedisConnectionException">The connection is closed; nothing was queued.</exception>
    public void SendBatch(PendingBatch batch, CancellationToken cancellationToken)
    {
        batch.RegisterCancellation(cancellationToken);
        var commands = batch.Commands;
        var asking = batch.Asking;
        bool flush;
        lock (_writeLock)
        {
            ThrowIfFailed();
            for (int i = 0; i < commands.Length; i++)
            {
                if (asking is not null && asking[i]) Enqueue(AskingCommand, DiscardWaiter.Instance, 0, batch.Deadline);
                Enqueue(commands[i], batch, 0, batch.Deadline);
            }
            flush = ShouldFlushNow();
        }
        if (flush) Flush();
    }

    [ThreadStatic]
    private static int t_corkDepth;

    [ThreadStatic]
    private static List<PhysicalConnection>? t_corked;

    /// <summary>
    /// Until the returned scope is disposed, commands this thread queues are not sent one by one:
    /// disposing sends each touched connection's share in one write (multi-key emulation, which
    /// queues one command per slot before awaiting any). Nothing may wait for a reply inside the scope.
    /// </summary>
    public static CorkScope Cork()
    {
        t_corkDepth++;
        return default;
    }

    /// <summary>
    /// Lifts the current thread's <see cref="Cork"/> until the returned scope is disposed: for work
    /// that waits for replies on this thread (a sync connect's handshake) inside a corked scope.
    /// </summary>
    public static CorkSuspension SuspendCork()
    {
        int depth = t_corkDepth;
        t_corkDepth = 0;
        return new CorkSuspension(depth);
    }

    /// <summary>Ends a <see cref="SuspendCork"/> scope.</summary>
    public readonly struct CorkSuspension(int depth) : IDisposable
    {
        public void Dispose() => t_corkDepth = depth;
    }

    /// <summary>Ends a <see cref="Cork"/> scope.</summary>
    public readonly struct CorkScope : IDisposable
    {
        public void Dispose()
        {
            if (--t_corkDepth > 0 || t_corked is not { Count: > 0 } corked) return;
            foreach (var connection in corked)
            {
                bool flush;
                lock (connection._writeLock) flush = connection.ShouldFlushNow();
                if (flush) connection.Flush();
            }
            corked.Clear();
        }
    }

    private void Enqueue(ReadOnlySpan<RedisValue> parts, ReplyWaiter waiter, int token, long deadline)
    {
        RespWriter.WriteCommand(_output, parts);
        _pending.Enqueue(new QueuedReply(waiter, token, deadline, ++_queued));
    }

    private void Enqueue(ReadOnlySpan<byte> command, ReplyWaiter waiter, int token, long deadline)
    {
        _output.Write(command);
        _pending.Enqueue(new QueuedReply(waiter, token, deadline, ++_queued));
    }

    private void ThrowIfFailed()
    {
        if (_failed != 0)
            throw new RedisConnectionException($"The connection to {EndPoint} is closed: {_failure?.Message}", EndPoint, outcomeUnknown: false, _failure);
    }

    private void Flush()
    {
        while (true)
        {
            ArrayBufferWriter<byte> toSend;
            lock (_writeLock)
            {
                if (_output.WrittenCount == 0 || _failed != 0)
                {
                    _flushing = false;
                    return;
                }
                toSend = _output;
                _output = _spare;
                _spare = toSend;
                _flushed = _queued;
            }
            try
            {
                _transport.Write(toSend.WrittenSpan);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
            {
                Fail(new RedisConnectionException($"Writing to {EndPoint} failed: {ex.Message}", EndPoint, innerException: ex));
            }
            finally
            {
                toSend.ResetWrittenCount();
            }
        }
    }

    /// <summary>Without a <see cref="ReadPoller"/> (not Linux, TLS, or asked for): a thread of this connection's own, blocked in a read.</summary>
    private void ReadLoop()
    {
        while (ReadAvailable())
        {
        }
    }

    /// <summary>
    /// One receive (blocking only on the fallback thread: the poller calls this when data is there),
    /// then every complete reply in the buffer is handed out. Only one thread ever runs this for a
    /// connection. False once the connection has failed.
    /// </summary>
    public bool ReadAvailable()
    {
        try
        {
            if (_failed != 0) return false;
            if (_readEnd == _readBuffer.Length)
            {
                if (_readStart > 0)
                {
                    Buffer.BlockCopy(_readBuffer, _readStart, _readBuffer, 0, _readEnd - _readStart);
                    _readEnd -= _readStart;
                    _readStart = 0;
                }
                else
                {
                    Array.Resize(ref _readBuffer, _readBuffer.Length * 2);
                }
            }
            int n = _transport.Read(_readBuffer.AsSpan(_readEnd));
            if (n == 0)
            {
                Fail(new RedisConnectionException($"{EndPoint} closed the connection.", EndPoint));
                return false;
            }
            _readEnd += n;
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(_readBuffer, _readStart, _readEnd - _readStart));
            var interceptor = FrameInterceptor;
            var replies = _replies;
            while (RespReader.TryRead(ref reader, _readerOptions, out RedisResult? reply))
            {
                if (reply!.Type == RedisResultType.Push || interceptor is not null)
                {
                    // Keep the order between replies and out-of-band frames exact.
                    if (!Deliver(replies, _waiters)) return false;
                    if (interceptor is not null && interceptor(reply)) continue;
                    if (reply.Type == RedisResultType.Push) continue; // nobody subscribed to it
                }
                replies.Add(reply);
            }
            if (!Deliver(replies, _waiters)) return false;
            _readStart += (int)reader.Consumed;
            if (_readStart == _readEnd) _readStart = _readEnd = 0;
            return true;
        }
        catch (RedisProtocolException ex)
        {
            Fail(new RedisConnectionException($"{EndPoint} sent a malformed reply; the connection was closed: {ex.Message}", EndPoint, innerException: ex));
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
        {
            Fail(new RedisConnectionException($"Reading from {EndPoint} failed: {ex.Message}", EndPoint, innerException: ex));
        }
        catch (Exception ex)
        {
            // Nothing may escape onto the poller or reader thread: the connection's callers get the error.
            Fail(new RedisConnectionException($"Handling replies from {EndPoint} failed: {ex.Message}", EndPoint, innerException: ex));
        }
        return false;
    }

    /// <summary>Takes one waiter per reply off the queue under one lock, then completes them in order.</summary>
    private bool Deliver(List<RedisResult> replies, List<QueuedReply> waiters)
    {
        if (replies.Count == 0) return true;
        bool unexpected = false;
        lock (_writeLock)
        {
            for (int i = 0; i < replies.Count; i++)
            {
                if (!_pending.TryDequeue(out var entry))
                {
                    unexpected = true;
                    break;
                }
                waiters.Add(entry);
                _answered = entry.Sequence;
            }
        }
        Volatile.Write(ref _lastReplyAt, Environment.TickCount64);
        for (int i = 0; i < waiters.Count; i++) waiters[i].Waiter.OnReply(replies[i], waiters[i].Token);
        replies.Clear();
        waiters.Clear();
        if (!unexpected)
        {
            FlushDeferred();
            return true;
        }
        Fail(new RedisConnectionException($"{EndPoint} sent a reply no command was waiting for; the connection was closed.", EndPoint));
        return false;
    }

    /// <summary>Sends what callers queued while earlier commands were in flight (see <see cref="ShouldFlushNow"/>); runs on the reader thread.</summary>
    private void FlushDeferred()
    {
        lock (_writeLock)
        {
            if (_flushing || _output.WrittenCount == 0) return;
            _flushing = true;
        }
        Flush();
    }

    private void ExpireTimedOut()
    {
        long now = Environment.TickCount64;
        List<QueuedReply>? expired = null;
        lock (_writeLock)
        {
            // Deadlines are not in queue order (a retried command keeps its first deadline; pipelines
            // and node shares carry their own), so every entry is looked at.
            foreach (var entry in _pending)
            {
                if (entry.Deadline <= now && entry.Waiter.IsWaiting(entry.Token)) (expired ??= []).Add(entry);
            }
        }
        if (expired is null) return;
        // Strictly after any reply delivered in this millisecond, so IsUnresponsive sees the timeout.
        Volatile.Write(ref _lastTimeoutAt, Math.Max(now, Volatile.Read(ref _lastReplyAt) + 1));
        var error = NodeConnection.TimeoutError(EndPoint);
        foreach (var entry in expired) entry.Waiter.OnTimeout(error, entry.Token);
    }

    /// <summary>
    /// Marks the connection dead and fails every pending command: those whose bytes may have been
    /// written get an "outcome unknown" error; those never written are safe to send elsewhere.
    /// </summary>
    public void Fail(Exception cause)
    {
        if (Interlocked.Exchange(ref _failed, 1) != 0) return;
        _failure = cause;
        if (_pollerId != 0) _poller!.Remove(_pollerId, _transport.Socket);
        _transport.Dispose();
        _timeoutTimer?.Dispose();
        QueuedReply[] pending;
        long flushed;
        lock (_writeLock)
        {
            pending = _pending.ToArray();
            _pending.Clear();
            flushed = _flushed;
        }
        foreach (var entry in pending)
        {
            bool written = entry.Sequence <= flushed;
            entry.Waiter.OnConnectionLost(new RedisConnectionException(
                written
                    ? $"The connection to {EndPoint} was lost after the command was sent; it may or may not have run. ({cause.Message})"
                    : $"The connection to {EndPoint} was lost before the command was sent. ({cause.Message})",
                EndPoint, outcomeUnknown: written, cause), entry.Token);
        }
        Failed?.Invoke(this, cause);
    }

    public void Dispose() => Fail(new RedisConnectionException($"The connection to {EndPoint} was closed by the client.", EndPoint));
}

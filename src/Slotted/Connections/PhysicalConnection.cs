using System.Buffers;
using System.Net.Sockets;
using Slotted.Protocol;

namespace Slotted.Connections;

/// <summary>
/// One TCP connection to one node, shared by many callers. Commands are serialized under one lock
/// into an output buffer and their pending replies queued in the same order; whichever caller finds
/// no flush running sends the buffer, so concurrent callers share writes. A dedicated reader thread
/// (not a thread-pool thread, so replies keep flowing when the pool is starved) parses replies and
/// completes the queue head. Once failed, the connection is dead; <see cref="NodeConnection"/> makes a new one.
/// </summary>
internal sealed class PhysicalConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly RespReaderOptions _readerOptions;
    private readonly object _writeLock = new();
    private readonly Queue<PendingCommand> _pending = new();
    private ArrayBufferWriter<byte> _output = new(4096);
    private ArrayBufferWriter<byte> _spare = new(4096);
    private bool _flushing;
    private long _queued;
    private long _flushed;
    private int _failed;
    private Exception? _failure;
    private readonly Thread _reader;
    private Timer? _timeoutTimer;

    public PhysicalConnection(Socket socket, string endPoint, RespReaderOptions readerOptions)
    {
        _socket = socket;
        EndPoint = endPoint;
        _readerOptions = readerOptions;
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "Slotted reader " + endPoint };
    }

    public string EndPoint { get; }

    /// <summary>The protocol the handshake settled on (2 or 3).</summary>
    public int Protocol { get; set; } = 2;

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

    public void Start()
    {
        _reader.Start();
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
            if (asking) Enqueue(AskingParts, new PendingCommand(deadline, discardReply: true));
            Enqueue(parts, command);
            flush = !_flushing;
            _flushing |= flush;
        }
        if (flush) Flush();
        return command;
    }

    /// <summary>Queues several commands as one write (a pipeline's share for this node).</summary>
    public void SendMany(IReadOnlyList<RedisValue[]> commands, PendingCommand[] pending, IReadOnlyList<bool>? asking)
    {
        bool flush;
        lock (_writeLock)
        {
            ThrowIfFailed();
            for (int i = 0; i < commands.Count; i++)
            {
                if (asking is not null && asking[i]) Enqueue(AskingParts, new PendingCommand(pending[i].Deadline, discardReply: true));
                Enqueue(commands[i], pending[i]);
            }
            flush = !_flushing;
            _flushing |= flush;
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
                if (asking is not null && asking[i]) Enqueue(AskingParts, new PendingCommand(batch.Deadline, discardReply: true));
                Enqueue(commands[i], batch);
            }
            flush = !_flushing;
            _flushing |= flush;
        }
        if (flush) Flush();
    }

    private static readonly RedisValue[] AskingParts = ["ASKING"];

    private void Enqueue(ReadOnlySpan<RedisValue> parts, PendingCommand command)
    {
        RespWriter.WriteCommand(_output, parts);
        command.Sequence = ++_queued;
        _pending.Enqueue(command);
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
                ReadOnlySpan<byte> data = toSend.WrittenSpan;
                while (!data.IsEmpty) data = data[_socket.Send(data)..];
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

    private void ReadLoop()
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        int start = 0, end = 0;
        try
        {
            while (true)
            {
                if (end == buffer.Length)
                {
                    if (start > 0)
                    {
                        Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                        end -= start;
                        start = 0;
                    }
                    else
                    {
                        byte[] bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        Buffer.BlockCopy(buffer, 0, bigger, 0, end);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }
                }
                int n = _socket.Receive(buffer, end, buffer.Length - end, SocketFlags.None);
                if (n == 0)
                {
                    Fail(new RedisConnectionException($"{EndPoint} closed the connection.", EndPoint));
                    return;
                }
                end += n;
                var sequence = new ReadOnlySequence<byte>(buffer, start, end - start);
                var reader = new SequenceReader<byte>(sequence);
                while (RespReader.TryRead(ref reader, _readerOptions, out RedisResult? reply))
                {
                    Deliver(reply!);
                }
                start += (int)reader.Consumed;
                if (start == end) start = end = 0;
            }
        }
        catch (RedisProtocolException ex)
        {
            Fail(new RedisConnectionException($"{EndPoint} sent a malformed reply; the connection was closed: {ex.Message}", EndPoint, innerException: ex));
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
        {
            Fail(new RedisConnectionException($"Reading from {EndPoint} failed: {ex.Message}", EndPoint, innerException: ex));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Deliver(RedisResult reply)
    {
        var interceptor = FrameInterceptor;
        if (interceptor is not null && interceptor(reply)) return;
        if (reply.Type == RedisResultType.Push) return; // out-of-band message nobody subscribed to
        PendingCommand? head;
        lock (_writeLock) _pending.TryDequeue(out head);
        if (head is null)
        {
            Fail(new RedisConnectionException($"{EndPoint} sent a reply no command was waiting for; the connection was closed.", EndPoint));
            return;
        }
        head.TrySetResult(reply);
    }

    private void ExpireTimedOut()
    {
        long now = Environment.TickCount64;
        lock (_writeLock)
        {
            foreach (var command in _pending)
            {
                if (command.Deadline > now) break;
                if (!command.IsCompleted && !command.DiscardReply) command.TrySetException(NodeConnection.TimeoutError(EndPoint));
            }
        }
    }

    /// <summary>
    /// Marks the connection dead and fails every pending command: those whose bytes may have been
    /// written get an "outcome unknown" error; those never written are safe to send elsewhere.
    /// </summary>
    public void Fail(Exception cause)
    {
        if (Interlocked.Exchange(ref _failed, 1) != 0) return;
        _failure = cause;
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
        _socket.Dispose();
        _timeoutTimer?.Dispose();
        PendingCommand[] pending;
        long flushed;
        lock (_writeLock)
        {
            pending = _pending.ToArray();
            _pending.Clear();
            flushed = _flushed;
        }
        foreach (var command in pending)
        {
            bool written = command.Sequence <= flushed;
            command.TrySetException(new RedisConnectionException(
                written
                    ? $"The connection to {EndPoint} was lost after the command was sent; it may or may not have run. ({cause.Message})"
                    : $"The connection to {EndPoint} was lost before the command was sent. ({cause.Message})",
                EndPoint, outcomeUnknown: written, cause));
        }
        Failed?.Invoke(this, cause);
    }

    public void Dispose() => Fail(new RedisConnectionException($"The connection to {EndPoint} was closed by the client.", EndPoint));
}

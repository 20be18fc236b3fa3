using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Slotted.Diagnostics;

namespace Slotted.Connections;

/// <summary>
/// Everything the client holds for one node ("host:port"): the shared multiplexed connection,
/// made on first use and remade after a loss with a growing back-off, and a small pool of exclusive
/// connections for commands that hold a connection to themselves (blocking pops, WATCH/MULTI,
/// subscriptions).
/// </summary>
internal sealed class NodeConnection : IDisposable
{
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);
    private const int MaxIdleExclusive = 4;

    private readonly ConnectionSettings _settings;
    private readonly object _connectLock = new();
    private readonly ConcurrentBag<PhysicalConnection> _idleExclusive = [];
    private PhysicalConnection? _current;
    private Task<PhysicalConnection>? _connecting;
    private long _retryAfter;
    private int _failures;
    private Exception? _lastError;
    private bool _disposed;
    private volatile bool _retired;

    public NodeConnection(string endPoint, ConnectionSettings settings)
    {
        EndPoint = endPoint;
        (Host, Port) = RedisClusterOptions.ParseEndPoint(endPoint);
        _settings = settings;
    }

    public string EndPoint { get; }
    public string Host { get; }
    public int Port { get; }

    /// <summary>Raised when an established shared connection is lost (a hint that the topology may have changed).</summary>
    public event Action<NodeConnection, Exception>? ConnectionLost;

    /// <summary>True when no command waits on the shared connection (exclusive connections in use are the caller's).</summary>
    public bool IsIdle => _current is not { } current || current.PendingCount == 0;

    /// <summary>True while the node is in back-off after a failed connect.</summary>
    public bool IsBackingOff => _current is null && Environment.TickCount64 < Volatile.Read(ref _retryAfter);

    public bool IsConnected => _current?.IsAlive == true;

    /// <summary>The shared connection when it is up, else null (the caller then connects through <see cref="GetShared(long)"/> or <see cref="GetSharedAsync(long, CancellationToken)"/>).</summary>
    public PhysicalConnection? Current
    {
        get
        {
            var connection = _current;
            return connection is not null && connection.IsAlive ? connection : null;
        }
    }

    /// <summary>
    /// True when the shared connection is up and answering. Otherwise starts connecting in the
    /// background (unless in back-off or already connecting) and returns false, so a caller that may
    /// use another node — a read that prefers a replica — goes there now instead of waiting for this
    /// connect. A connected node whose commands timed out and that has answered nothing since
    /// (<see cref="PhysicalConnection.IsUnresponsive"/>) is not ready either: reads stop queuing behind
    /// a hung replica after its first timeout, and come back once it answers again.
    /// </summary>
    public bool IsReady()
    {
        if (Current is { } current) return !current.IsUnresponsive;
        if (_disposed || IsBackingOff || Volatile.Read(ref _connecting) is not null) return false;
        try
        {
            _ = StartConnect().ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        catch (Exception ex) when (ex is RedisConnectionException or ObjectDisposedException)
        {
            // Back-off began or the client is closing: not ready either way.
        }
        return false;
    }

    internal static RedisTimeoutException TimeoutError(string endPoint) =>
        new($"{endPoint} did not answer within the command timeout; the command may or may not have run.", endPoint);

    /// <summary>Sends one command on the shared connection and waits for its reply asynchronously.</summary>
    public async ValueTask<RedisResult> ExecuteAsync(RedisValue[] parts, long deadline, bool asking, CancellationToken cancellationToken)
    {
        var connection = _current;
        if (connection is null || !connection.IsAlive) connection = await GetSharedAsync(deadline, cancellationToken).ConfigureAwait(false);
        return await connection.Send(parts, deadline, asking, cancellationToken).Task.ConfigureAwait(false);
    }

    /// <summary>Sends one command on the shared connection and blocks until its reply (no thread-pool hop).</summary>
    public RedisResult Execute(RedisValue[] parts, long deadline, bool asking)
    {
        var connection = _current;
        if (connection is null || !connection.IsAlive) connection = GetShared(deadline);
        return connection.Send(parts, deadline, asking, CancellationToken.None).Wait(EndPoint);
    }

    public ValueTask<PhysicalConnection> GetSharedAsync(CancellationToken cancellationToken) => GetSharedAsync(long.MaxValue, cancellationToken);

    /// <summary>
    /// The shared connection, made if needed. A caller waits for a connect under way only until its command's
    /// <paramref name="deadline"/>: a node that accepts TCP but does not answer the handshake (paused, overloaded)
    /// would otherwise hold it for the whole connect timeout. The connect itself goes on for later callers.
    /// </summary>
    public ValueTask<PhysicalConnection> GetSharedAsync(long deadline, CancellationToken cancellationToken)
    {
        var connection = _current;
        if (connection is not null && connection.IsAlive) return new(connection);
        var connecting = StartConnect();
        if (connecting.IsCompleted || deadline == long.MaxValue) return new(connecting.WaitAsync(cancellationToken));
        return WaitForConnectAsync(connecting, deadline, cancellationToken);
    }

    private async ValueTask<PhysicalConnection> WaitForConnectAsync(Task<PhysicalConnection> connecting, long deadline, CancellationToken cancellationToken)
    {
        try
        {
            return await connecting.WaitAsync(TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64)), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw NotConnectedInTime(connecting);
        }
    }

    private RedisConnectionException NotConnectedInTime(Task<PhysicalConnection> connecting)
    {
        _ = connecting.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return new RedisConnectionException($"{EndPoint} did not complete the connection handshake within the command timeout; the command was not sent.", EndPoint);
    }

    public PhysicalConnection GetShared() => GetShared(long.MaxValue);

    /// <summary>The synchronous twin of <see cref="GetSharedAsync(long, CancellationToken)"/>.</summary>
    public PhysicalConnection GetShared(long deadline)
    {
        var connection = _current;
        if (connection is not null && connection.IsAlive) return connection;
        Task<PhysicalConnection> task;
        lock (_connectLock)
        {
            connection = _current;
            if (connection is not null && connection.IsAlive) return connection;
            if (_connecting is not null)
            {
                task = _connecting;
            }
            else
            {
                ThrowIfBackingOff();
                try
                {
                    // The handshake waits for its replies on this thread: a Cork scope around the
                    // caller must not hold its commands back.
                    using (PhysicalConnection.SuspendCork())
                    {
                        connection = Connect(sync: true, CancellationToken.None).GetAwaiter().GetResult();
                    }
                    Publish(connection);
                    return connection;
                }
                catch (Exception ex)
                {
                    throw RecordFailure(ex);
                }
            }
        }
        if (deadline != long.MaxValue && !((IAsyncResult)task).AsyncWaitHandle.WaitOne((int)Math.Clamp(deadline - Environment.TickCount64, 0, int.MaxValue)))
            throw NotConnectedInTime(task);
        return task.GetAwaiter().GetResult();
    }

    private Task<PhysicalConnection> StartConnect()
    {
        lock (_connectLock)
        {
            var connection = _current;
            if (connection is not null && connection.IsAlive) return Task.FromResult(connection);
            if (_connecting is not null) return _connecting;
            ThrowIfBackingOff();
            var connecting = ConnectShared();
            // A connect refused at once (a local node that is down) completes synchronously, and has
            // already cleared _connecting and recorded the failure: keeping the finished task here
            // would hand that old failure to every later caller, long after the node is back.
            if (!connecting.IsCompleted) _connecting = connecting;
            return connecting;
        }
    }

    private async Task<PhysicalConnection> ConnectShared()
    {
        try
        {
            var connection = await Connect(sync: false, CancellationToken.None).ConfigureAwait(false);
            lock (_connectLock)
            {
                Publish(connection);
                _connecting = null;
            }
            return connection;
        }
        catch (Exception ex)
        {
            lock (_connectLock)
            {
                _connecting = null;
                throw RecordFailure(ex);
            }
        }
    }

    private void Publish(PhysicalConnection connection)
    {
        if (_disposed)
        {
            connection.Dispose();
            ThrowIfRetired();
            throw new ObjectDisposedException(nameof(RedisCluster));
        }
        _failures = 0;
        _lastError = null;
        connection.Failed += OnSharedFailed;
        _current = connection;
    }

    private void OnSharedFailed(PhysicalConnection connection, Exception error)
    {
        // Runs on the reader thread, which must never wait for a lock a sync connect holds while it
        // waits for that very thread to deliver its handshake reply (with one poller thread for all
        // connections that would stall every node): compare-and-swap, no lock.
        Interlocked.CompareExchange(ref _current, null, connection);
        if (!_disposed) ConnectionLost?.Invoke(this, error);
    }

    /// <summary>
    /// Closes everything for a node that left the cluster. Unlike <see cref="Dispose"/> (the client
    /// closing), a command that still reaches it gets a connection error — nothing was written — and
    /// is routed again on the current map.
    /// </summary>
    public void Retire()
    {
        _retired = true;
        Dispose();
    }

    private void ThrowIfRetired()
    {
        if (_retired) throw new RedisConnectionException($"{EndPoint} is no longer in the cluster.", EndPoint);
    }

    private void ThrowIfBackingOff()
    {
        ThrowIfRetired();
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Environment.TickCount64 < _retryAfter && _lastError is not null)
            throw new RedisConnectionException($"{EndPoint} is unreachable (retrying shortly): {_lastError.Message}", EndPoint, innerException: _lastError);
    }

    private Exception RecordFailure(Exception ex)
    {
        _failures++;
        double ms = Math.Min(MaxBackoff.TotalMilliseconds, MinBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(_failures - 1, 10)));
        _retryAfter = Environment.TickCount64 + (long)ms;
        var error = ex as RedisConnectionException
            ?? new RedisConnectionException($"Could not connect to {EndPoint}: {ex.Message}", EndPoint, innerException: ex);
        _lastError = error;
        return error;
    }

    /// <summary>Takes an exclusive connection (pooled or new), already handshaken.</summary>
    public async ValueTask<PhysicalConnection> LeaseAsync(CancellationToken cancellationToken)
    {
        while (_idleExclusive.TryTake(out var idle))
        {
            if (idle.IsAlive && idle.PendingCount == 0) return idle;
            idle.Dispose();
        }
        try
        {
            return await Connect(sync: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw ex as RedisConnectionException ?? new RedisConnectionException($"Could not connect to {EndPoint}: {ex.Message}", EndPoint, innerException: ex);
        }
    }

    /// <summary>The synchronous twin of <see cref="LeaseAsync"/>: connects and handshakes on the calling thread.</summary>
    public PhysicalConnection Lease()
    {
        while (_idleExclusive.TryTake(out var idle))
        {
            if (idle.IsAlive && idle.PendingCount == 0) return idle;
            idle.Dispose();
        }
        try
        {
            using (PhysicalConnection.SuspendCork())
            {
                return Connect(sync: true, CancellationToken.None).GetAwaiter().GetResult();
            }
        }
        catch (Exception ex)
        {
            throw ex as RedisConnectionException ?? new RedisConnectionException($"Could not connect to {EndPoint}: {ex.Message}", EndPoint, innerException: ex);
        }
    }

    /// <summary>Returns an exclusive connection; it is kept for reuse only when it is clean (no state, nothing pending).</summary>
    public void Return(PhysicalConnection connection, bool clean)
    {
        if (clean && !_disposed && connection.IsAlive && connection.PendingCount == 0 && connection.FrameInterceptor is null && _idleExclusive.Count < MaxIdleExclusive)
            _idleExclusive.Add(connection);
        else
            connection.Dispose();
    }

    private async Task<PhysicalConnection> Connect(bool sync, CancellationToken cancellationToken)
    {
        // One deadline for the TCP connect, the TLS handshake and the Redis handshake together.
        long deadline = Environment.TickCount64 + (long)_settings.ConnectTimeout.TotalMilliseconds;
        Transport transport;
        try
        {
            transport = sync
                ? Open(deadline, CancellationToken.None)
                : await SocketConnector.OnOwnThreadAsync(() => Open(deadline, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            throw new RedisConnectionException($"Could not connect to {EndPoint}: {ex.Message}", EndPoint, innerException: ex);
        }
        var connection = new PhysicalConnection(transport, EndPoint, _settings.ReaderOptions, _settings.OwnReaderThreads);
        try
        {
            connection.Start();
            await Handshake.RunAsync(connection, _settings, deadline, sync, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            connection.Dispose();
            throw new RedisConnectionException($"Could not start reading from {EndPoint}: {ex.Message}", EndPoint, innerException: ex);
        }
        catch (RedisConnectionException ex) when (_settings.Tls is null && !connection.IsAlive)
        {
            // A TLS-only node reads the plain handshake as a broken TLS record and hangs up.
            connection.Dispose();
            throw new RedisConnectionException(
                $"{EndPoint} closed the connection during the handshake; if the node accepts only TLS connections, set Tls = true (tls=true in the connection string). ({connection.Failure?.Message ?? ex.Message})",
                EndPoint, innerException: ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        Telemetry.ConnectionOpened(Host, Port);
        connection.Failed += OnClosed;
        return connection;
    }

    /// <summary>Counts a handshaken connection's end (lost, or closed by the client) in <c>slotted.connections.closed</c>.</summary>
    private void OnClosed(PhysicalConnection connection, Exception error) => Telemetry.ConnectionClosed(Host, Port);

    /// <summary>
    /// Opens the byte stream, blocking: the TCP connect, then for TLS the TLS handshake, all within
    /// the connect timeout. The socket stays in blocking mode (see <see cref="SocketConnector"/>).
    /// </summary>
    private Transport Open(long deadline, CancellationToken cancellationToken)
    {
        // A node that stops reading (paused, swapping) fills the socket buffers and a blocking Send would hold the
        // thread that is flushing for as long as the node stays hung; after the command timeout it fails instead.
        int sendTimeout = (int)Math.Min(int.MaxValue, _settings.CommandTimeout.TotalMilliseconds);
        var socket = SocketConnector.Connect(Host, Port, EndPoint, TimeSpan.FromMilliseconds(Math.Max(1, deadline - Environment.TickCount64)), sendTimeout);
        if (_settings.Tls is null) return new SocketTransport(socket);
        return TlsTransport.Authenticate(socket, Host, EndPoint, _settings.Tls, deadline, _settings.ConnectTimeout, cancellationToken);
    }

    public void Dispose()
    {
        lock (_connectLock)
        {
            _disposed = true;
            _current?.Dispose();
            _current = null;
        }
        while (_idleExclusive.TryTake(out var c)) c.Dispose();
    }

    /// <summary>Parses "host:port" into an <see cref="IPEndPoint"/> when the host is an address (used by tests and tools).</summary>
    internal static IPEndPoint? TryGetIPEndPoint(string endPoint)
    {
        var (host, port) = RedisClusterOptions.ParseEndPoint(endPoint);
        return IPAddress.TryParse(host, out var ip) ? new IPEndPoint(ip, port) : null;
    }
}

using System.Threading.Channels;
using Slotted.PubSub;
using Slotted.Routing;
using Slotted.Topology;
using Slotted.Diagnostics;

namespace Slotted;

/// <summary>
/// A live subscription made by <see cref="RedisCluster.SubscribeAsync(RedisValue[])"/>,
/// <see cref="RedisCluster.PSubscribeAsync(RedisValue[])"/> or <see cref="RedisCluster.SSubscribeAsync(RedisValue[])"/>.
/// Messages arrive, in order per channel, through <see cref="Reader"/> or by enumerating the
/// subscription with <c>await foreach</c>; the stream ends when the subscription is disposed (or
/// <see cref="UnsubscribeAsync(RedisValue[])"/> is called without channels).
/// </summary>
/// <remarks>
/// <para>
/// The subscription holds its own connections, never the shared multiplexed ones (a connection in
/// subscriber mode cannot run other commands): one connection to one node for channels and patterns
/// (a cluster broadcasts <c>PUBLISH</c> to every node), one per primary for shard channels (each
/// shard channel lives on the primary that serves its slot). Subscribe to many channels in one call
/// or with <see cref="SubscribeAsync(RedisValue[])"/> on this object rather than making many
/// subscriptions: each holds connections of its own.
/// </para>
/// <para>
/// Connections are watched: when one is lost (node down, failover, <c>CLIENT KILL</c>) or goes
/// silent (it is PINGed when idle), the subscription reconnects with a growing back-off (25 ms to
/// 2 s), on another node when its node is gone, and resubscribes every channel. When a shard
/// channel's slot moves, the server drops the channel (an unsolicited <c>sunsubscribe</c>); the slot
/// map is reloaded and the channel subscribed again on its new owner. Redis Pub/Sub is at-most-once:
/// messages published while a connection is being replaced or a slot is moving are lost.
/// </para>
/// <para>
/// Delivery policy: messages are buffered without bound between the connection's reader thread and
/// the consumer. The reader thread never waits for a slow consumer (so replies and other
/// subscriptions keep flowing) and nothing is dropped by the client; a consumer that stays slower than
/// the publishers grows the buffer (see <see cref="PendingCount"/>). Redis protects itself with
/// <c>client-output-buffer-limit pubsub</c>, which does not apply here because the client drains the
/// socket at once.
/// </para>
/// </remarks>
public sealed partial class Subscription : IAsyncEnumerable<PubSubMessage>, IAsyncDisposable, IDisposable, ISubscriberOwner
{
    private readonly ClusterExecutor _executor;
    private readonly Action<Subscription> _onClosed;
    private readonly Channel<PubSubMessage> _messages = Channel.CreateUnbounded<PubSubMessage>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = false, AllowSynchronousContinuations = false });
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly object _state = new();
    private readonly HashSet<RedisValue> _desired = [];
    private readonly Dictionary<string, SubscriberConnection> _connections = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _closing = new();
    private readonly object _syncRead = new();
    private int _syncReaders;
    private int _disposed;

    internal Subscription(ClusterExecutor executor, SubscriptionKind kind, Action<Subscription> onClosed)
    {
        _executor = executor;
        Kind = kind;
        _onClosed = onClosed;
        _rotation = Random.Shared.Next(1024);
        if (kind == SubscriptionKind.Shard) executor.Topology.Changed += OnTopologyChanged;
    }

    /// <summary>Whether this subscription holds channels, patterns or shard channels.</summary>
    public SubscriptionKind Kind { get; }

    /// <summary>The messages, in arrival order (in publish order per channel). Completes when the subscription ends.</summary>
    public ChannelReader<PubSubMessage> Reader => _messages.Reader;

    /// <summary>How many received messages wait to be read.</summary>
    public int PendingCount => _messages.Reader.Count;

    /// <summary>The channels (or patterns) subscribed to, as asked; the subscription keeps them subscribed across reconnects.</summary>
    public IReadOnlyCollection<RedisValue> Channels
    {
        get
        {
            lock (_state) return [.. _desired];
        }
    }

    /// <summary>The nodes ("host:port") this subscription currently has a live connection to.</summary>
    public IReadOnlyList<string> EndPoints
    {
        get
        {
            var list = new List<string>();
            lock (_state)
            {
                foreach (var c in _connections.Values) if (c.IsAlive) list.Add(c.EndPoint);
            }
            return list;
        }
    }

    /// <summary>True once the subscription was disposed (or ended by an error); no message will follow the buffered ones.</summary>
    public bool IsClosed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Reads the messages as they come, until the subscription ends or <paramref name="cancellationToken"/> fires.</summary>
    public IAsyncEnumerable<PubSubMessage> ReadAllAsync(CancellationToken cancellationToken = default) => _messages.Reader.ReadAllAsync(cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerator<PubSubMessage> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        _messages.Reader.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    /// <summary>Takes the next message if one is waiting.</summary>
    public bool TryRead(out PubSubMessage message) => _messages.Reader.TryRead(out message);

    /// <summary>
    /// The synchronous way to read: blocks until a message arrives, <paramref name="timeout"/> passes
    /// (null) or the subscription ends (null). The thread is woken directly by the connection's reader,
    /// so it works even when the thread pool is starved.
    /// </summary>
    public PubSubMessage? Read(TimeSpan timeout)
    {
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (true)
        {
            if (_messages.Reader.TryRead(out var message)) return message;
            lock (_syncRead)
            {
                Interlocked.Increment(ref _syncReaders);
                try
                {
                    if (_messages.Reader.TryRead(out message)) return message;
                    if (_messages.Reader.Completion.IsCompleted) return null;
                    long left = deadline - Environment.TickCount64;
                    if (left <= 0) return null;
                    Monitor.Wait(_syncRead, (int)Math.Min(left, int.MaxValue));
                }
                finally
                {
                    Interlocked.Decrement(ref _syncReaders);
                }
            }
        }
    }

    /// <summary>Adds channels (patterns, shard channels: as the subscription's <see cref="Kind"/>) and waits until the server confirmed each.</summary>
    /// <exception cref="RedisServerException">The server refused (for example an ACL without the channel).</exception>
    /// <exception cref="RedisTimeoutException">No confirmation within the command timeout.</exception>
    public ValueTask SubscribeAsync(params RedisValue[] channels) => SubscribeAsync(channels, CancellationToken.None);

    /// <inheritdoc cref="SubscribeAsync(RedisValue[])"/>
    public ValueTask SubscribeAsync(IEnumerable<RedisValue> channels, CancellationToken cancellationToken) =>
        AddAsync(Validate(channels), sync: false, cancellationToken);

    /// <summary>The synchronous twin of <see cref="SubscribeAsync(RedisValue[])"/>.</summary>
    public void Subscribe(params RedisValue[] channels) => AddAsync(Validate(channels), sync: true, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>
    /// Removes channels and waits until the server confirmed it; with no channels, ends the whole
    /// subscription as <see cref="DisposeAsync"/> does (the same as Redis' UNSUBSCRIBE without arguments).
    /// Messages already buffered stay readable.
    /// </summary>
    public ValueTask UnsubscribeAsync(params RedisValue[] channels) => UnsubscribeAsync(channels, CancellationToken.None);

    /// <inheritdoc cref="UnsubscribeAsync(RedisValue[])"/>
    public ValueTask UnsubscribeAsync(IEnumerable<RedisValue> channels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var list = Validate(channels, allowEmpty: true);
        if (list.Count == 0)
        {
            Dispose();
            return default;
        }
        return RemoveAsync(list, sync: false, cancellationToken);
    }

    /// <summary>The synchronous twin of <see cref="UnsubscribeAsync(RedisValue[])"/>.</summary>
    public void Unsubscribe(params RedisValue[] channels)
    {
        var list = Validate(channels, allowEmpty: true);
        if (list.Count == 0) Dispose();
        else RemoveAsync(list, sync: true, CancellationToken.None).GetAwaiter().GetResult();
    }

    private static List<RedisValue> Validate(IEnumerable<RedisValue> channels, bool allowEmpty = false)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var list = new List<RedisValue>();
        var seen = new HashSet<RedisValue>();
        foreach (var channel in channels)
        {
            if (channel.IsNull) throw new ArgumentNullException(nameof(channels), "A channel cannot be null.");
            if (seen.Add(channel)) list.Add(channel);
        }
        if (list.Count == 0 && !allowEmpty) throw new ArgumentException("At least one channel is required.", nameof(channels));
        return list;
    }

    void ISubscriberOwner.OnMessage(PubSubMessage message)
    {
        if (!_messages.Writer.TryWrite(message)) return;
        if (Volatile.Read(ref _syncReaders) != 0)
        {
            lock (_syncRead) Monitor.PulseAll(_syncRead);
        }
    }

    void ISubscriberOwner.OnServerUnsubscribed(SubscriberConnection connection, RedisValue channel)
    {
        bool wanted;
        lock (_state) wanted = _desired.Contains(channel);
        if (wanted && !IsClosed)
        {
            _executor.Logger?.ChannelDropped(connection.EndPoint, channel.ToString() ?? "");
            ScheduleRecovery();
        }
    }

    void ISubscriberOwner.OnConnectionFailed(SubscriberConnection connection, RedisConnectionException error)
    {
        lock (_state)
        {
            // Connections this subscription closed itself are no longer listed.
            if (!_connections.TryGetValue(connection.EndPoint, out var listed) || !ReferenceEquals(listed, connection)) return;
            _lastFailedEndPoint = connection.EndPoint;
        }
        if (IsClosed) return;
        _executor.Logger?.SubscriptionConnectionLost(connection.EndPoint, error.Message);
        ScheduleRecovery();
    }

    private void OnTopologyChanged(ShardMap map)
    {
        if (!IsClosed && AnyMisplaced(map)) ScheduleRecovery();
    }

    /// <summary>Ends the subscription: its connections are closed (the server drops their subscriptions) and the message stream completes after the buffered messages.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }

    /// <inheritdoc cref="DisposeAsync"/>
    public void Dispose() => Close(null);

    private void Close(Exception? error)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        if (Kind == SubscriptionKind.Shard) _executor.Topology.Changed -= OnTopologyChanged;
        _closing.Cancel();
        _messages.Writer.TryComplete(error);
        lock (_syncRead) Monitor.PulseAll(_syncRead);
        SubscriberConnection[] connections;
        lock (_state)
        {
            connections = [.. _connections.Values];
            _connections.Clear();
        }
        foreach (var connection in connections) connection.Dispose();
        _onClosed(this);
    }

    private void ThrowIfClosed() => ObjectDisposedException.ThrowIf(IsClosed, this);
}

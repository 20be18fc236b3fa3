using Slotted.Connections;

namespace Slotted.PubSub;

/// <summary>
/// One exclusive connection in subscriber mode, owned by one <see cref="Subscription"/>. Its frame
/// interceptor takes every frame the node sends — messages, (un)subscribe confirmations, PONGs and
/// errors — so nothing ever waits in the connection's reply queue. It knows which channels the server
/// has confirmed on it, and it PINGs when idle so a connection that went silent is noticed and replaced.
/// Everything here runs on the connection's reader thread must not block: messages go to an unbounded
/// channel and confirmations complete waiters whose continuations run on the thread pool.
/// </summary>
internal sealed class SubscriberConnection : IDisposable
{
    /// <summary>Idle time after which the connection is PINGed (a half-open TCP connection otherwise goes unnoticed).</summary>
    internal static TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    private static readonly RedisValue[] PingParts = ["PING"];

    private readonly PhysicalConnection _connection;
    private readonly SubscriptionKind _kind;
    private readonly ISubscriberOwner _owner;
    private readonly long _pongTimeoutMs;
    private readonly object _lock = new();
    private readonly List<AckWaiter> _waiters = [];
    private readonly HashSet<RedisValue> _channels = [];
    private readonly Timer _keepAlive;
    private long _lastFrame = Environment.TickCount64;
    private long _pingSentAt;

    public SubscriberConnection(PhysicalConnection connection, SubscriptionKind kind, ISubscriberOwner owner, TimeSpan pongTimeout)
    {
        _connection = connection;
        _kind = kind;
        _owner = owner;
        _pongTimeoutMs = (long)pongTimeout.TotalMilliseconds;
        connection.FrameInterceptor = OnFrame;
        connection.Failed += OnFailed;
        long period = Math.Max(50, (long)KeepAliveInterval.TotalMilliseconds / 2);
        _keepAlive = new Timer(static s => ((SubscriberConnection)s!).OnKeepAlive(), this, period, period);
        if (!connection.IsAlive) OnFailed(connection, connection.Failure ?? new RedisConnectionException($"The connection to {connection.EndPoint} is closed.", connection.EndPoint));
    }

    public string EndPoint => _connection.EndPoint;

    public bool IsAlive => _connection.IsAlive;

    /// <summary>The protocol the connection speaks (2: RESP2 subscriber mode, 3: push frames).</summary>
    public int Protocol => _connection.Protocol;

    /// <summary>A snapshot of the channels (or patterns) the server has confirmed on this connection.</summary>
    public RedisValue[] Channels
    {
        get
        {
            lock (_lock) return [.. _channels];
        }
    }

    public bool Holds(RedisValue channel)
    {
        lock (_lock) return _channels.Contains(channel);
    }

    public int ChannelCount
    {
        get
        {
            lock (_lock) return _channels.Count;
        }
    }

    /// <summary>Sends SUBSCRIBE, PSUBSCRIBE or SSUBSCRIBE for <paramref name="channels"/> (for SSUBSCRIBE, all in one slot).</summary>
    public AckWaiter Subscribe(IReadOnlyList<RedisValue> channels) => Send(channels, subscribe: true);

    /// <summary>Sends the matching unsubscribe command for <paramref name="channels"/>.</summary>
    public AckWaiter Unsubscribe(IReadOnlyList<RedisValue> channels) => Send(channels, subscribe: false);

    private AckWaiter Send(IReadOnlyList<RedisValue> channels, bool subscribe)
    {
        var (command, verb) = (_kind, subscribe) switch
        {
            (SubscriptionKind.Channel, true) => ("SUBSCRIBE", PubSubFrameKind.Subscribe),
            (SubscriptionKind.Channel, false) => ("UNSUBSCRIBE", PubSubFrameKind.Unsubscribe),
            (SubscriptionKind.Pattern, true) => ("PSUBSCRIBE", PubSubFrameKind.PSubscribe),
            (SubscriptionKind.Pattern, false) => ("PUNSUBSCRIBE", PubSubFrameKind.PUnsubscribe),
            (_, true) => ("SSUBSCRIBE", PubSubFrameKind.SSubscribe),
            _ => ("SUNSUBSCRIBE", PubSubFrameKind.SUnsubscribe),
        };
        var parts = new RedisValue[channels.Count + 1];
        parts[0] = command;
        for (int i = 0; i < channels.Count; i++) parts[i + 1] = channels[i];
        var waiter = new AckWaiter(verb, channels);
        lock (_lock)
        {
            // Registered and written under one lock, so waiters are in wire order.
            _waiters.Add(waiter);
            try
            {
                _connection.SendWithoutReply(parts);
            }
            catch (RedisConnectionException ex)
            {
                _waiters.Remove(waiter);
                waiter.Fail(ex);
            }
        }
        return waiter;
    }

    private bool OnFrame(RedisResult frame)
    {
        Volatile.Write(ref _lastFrame, Environment.TickCount64);
        var parsed = PubSubFrame.Parse(frame);
        if (parsed.IsMessage)
        {
            _owner.OnMessage(parsed.ToMessage());
            return true;
        }
        switch (parsed.Kind)
        {
            case PubSubFrameKind.Error:
                FailOldestWaiter(ErrorMapper.FromServer(parsed.Payload.ToString() ?? "", EndPoint));
                break;
            case PubSubFrameKind.Subscribe or PubSubFrameKind.PSubscribe or PubSubFrameKind.SSubscribe:
                lock (_lock)
                {
                    _channels.Add(parsed.Channel);
                    Ack(parsed);
                }
                break;
            case PubSubFrameKind.Unsubscribe or PubSubFrameKind.PUnsubscribe or PubSubFrameKind.SUnsubscribe:
                bool ours;
                lock (_lock)
                {
                    _channels.Remove(parsed.Channel);
                    ours = Ack(parsed);
                }
                // An unsubscribe nobody asked for: the server dropped the channel, as it does for
                // shard channels when their slot moves to another node (Redis docs, "Sharded Pub/Sub").
                if (!ours && !parsed.Channel.IsNull) _owner.OnServerUnsubscribed(this, parsed.Channel);
                break;
        }
        return true; // every frame on a subscriber connection is ours; none is a reply to a queued command
    }

    private bool Ack(in PubSubFrame frame)
    {
        for (int i = 0; i < _waiters.Count; i++)
        {
            var waiter = _waiters[i];
            if (!waiter.TryAck(frame.Kind, frame.Channel)) continue;
            if (waiter.IsCompleted) _waiters.RemoveAt(i);
            return true;
        }
        return false;
    }

    private void FailOldestWaiter(Exception error)
    {
        AckWaiter? oldest = null;
        lock (_lock)
        {
            if (_waiters.Count > 0)
            {
                oldest = _waiters[0];
                _waiters.RemoveAt(0);
            }
        }
        oldest?.Fail(error);
    }

    private void OnFailed(PhysicalConnection connection, Exception error)
    {
        AckWaiter[] waiters;
        lock (_lock)
        {
            waiters = [.. _waiters];
            _waiters.Clear();
            _channels.Clear();
        }
        var failure = error as RedisConnectionException
            ?? new RedisConnectionException($"The subscription connection to {EndPoint} was lost: {error.Message}", EndPoint, innerException: error);
        foreach (var waiter in waiters) waiter.Fail(failure);
        _keepAlive.Dispose();
        _owner.OnConnectionFailed(this, failure);
    }

    private void OnKeepAlive()
    {
        if (!_connection.IsAlive) return;
        long now = Environment.TickCount64;
        long last = Volatile.Read(ref _lastFrame);
        long ping = Volatile.Read(ref _pingSentAt);
        if (ping != 0 && last < ping)
        {
            if (now - ping > _pongTimeoutMs)
                _connection.Fail(new RedisConnectionException($"{EndPoint} did not answer PING on a subscription connection within the command timeout; the connection was closed.", EndPoint));
            return;
        }
        if (now - last < (long)KeepAliveInterval.TotalMilliseconds) return;
        Volatile.Write(ref _pingSentAt, now);
        try
        {
            _connection.SendWithoutReply(PingParts);
        }
        catch (RedisConnectionException)
        {
            // OnFailed has run or is running.
        }
    }

    /// <summary>Closes the connection (the server drops its subscriptions with it).</summary>
    public void Dispose()
    {
        _keepAlive.Dispose();
        _connection.Dispose();
    }

    /// <summary>Closes the connection as failed, so its owner resubscribes elsewhere (used when a confirmation timed out).</summary>
    public void Fail(Exception error) => _connection.Fail(error);
}

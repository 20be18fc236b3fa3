using System.Collections.Concurrent;
using Slotted.Topology;

namespace Slotted;

public sealed partial class RedisCluster
{
    private readonly ConcurrentDictionary<Subscription, byte> _subscriptions = new();

    /// <summary>
    /// SUBSCRIBE: listens to channels. The subscription holds one dedicated connection to one node
    /// (a cluster forwards every PUBLISH to every node, so any node hears every channel) and is
    /// confirmed by the server before this returns, so a message published afterwards is received.
    /// Read the messages with <c>await foreach</c> or <see cref="Subscription.Reader"/>; dispose the
    /// subscription to stop. It survives lost connections (see <see cref="Subscription"/>).
    /// </summary>
    /// <exception cref="RedisTimeoutException">The server did not confirm within the command timeout.</exception>
    /// <exception cref="RedisServerException">The server refused (for example an ACL without the channel).</exception>
    public ValueTask<Subscription> SubscribeAsync(params RedisValue[] channels) => SubscribeAsync(channels, CancellationToken.None);

    /// <inheritdoc cref="SubscribeAsync(RedisValue[])"/>
    public ValueTask<Subscription> SubscribeAsync(IEnumerable<RedisValue> channels, CancellationToken cancellationToken) =>
        StartAsync(SubscriptionKind.Channel, channels, cancellationToken);

    /// <summary>The synchronous twin of <see cref="SubscribeAsync(RedisValue[])"/>.</summary>
    public Subscription Subscribe(params RedisValue[] channels) => Start(SubscriptionKind.Channel, channels);

    /// <summary>
    /// PSUBSCRIBE: listens to every channel matching glob-style patterns (<c>news.*</c>); messages
    /// carry the pattern that matched. Placed like <see cref="SubscribeAsync(RedisValue[])"/>.
    /// </summary>
    public ValueTask<Subscription> PSubscribeAsync(params RedisValue[] patterns) => PSubscribeAsync(patterns, CancellationToken.None);

    /// <inheritdoc cref="PSubscribeAsync(RedisValue[])"/>
    public ValueTask<Subscription> PSubscribeAsync(IEnumerable<RedisValue> patterns, CancellationToken cancellationToken) =>
        StartAsync(SubscriptionKind.Pattern, patterns, cancellationToken);

    /// <summary>The synchronous twin of <see cref="PSubscribeAsync(RedisValue[])"/>.</summary>
    public Subscription PSubscribe(params RedisValue[] patterns) => Start(SubscriptionKind.Pattern, patterns);

    /// <summary>
    /// SSUBSCRIBE (Redis 7+): listens to shard channels. A shard channel hashes to a slot like a key
    /// and its messages stay within the shard that serves the slot, so the subscription connects to
    /// each primary that owns one of the channels (one SSUBSCRIBE per slot) and moves a channel to its
    /// new owner when the slot is resharded or fails over. Publish with <see cref="SPublishAsync"/>.
    /// </summary>
    public ValueTask<Subscription> SSubscribeAsync(params RedisValue[] shardChannels) => SSubscribeAsync(shardChannels, CancellationToken.None);

    /// <inheritdoc cref="SSubscribeAsync(RedisValue[])"/>
    public ValueTask<Subscription> SSubscribeAsync(IEnumerable<RedisValue> shardChannels, CancellationToken cancellationToken) =>
        StartAsync(SubscriptionKind.Shard, shardChannels, cancellationToken);

    /// <summary>The synchronous twin of <see cref="SSubscribeAsync(RedisValue[])"/>.</summary>
    public Subscription SSubscribe(params RedisValue[] shardChannels) => Start(SubscriptionKind.Shard, shardChannels);

    private async ValueTask<Subscription> StartAsync(SubscriptionKind kind, IEnumerable<RedisValue> channels, CancellationToken cancellationToken)
    {
        var subscription = Open(kind);
        try
        {
            await subscription.SubscribeAsync(channels, cancellationToken).ConfigureAwait(false);
            return subscription;
        }
        catch
        {
            subscription.Dispose();
            throw;
        }
    }

    private Subscription Start(SubscriptionKind kind, RedisValue[] channels)
    {
        var subscription = Open(kind);
        try
        {
            subscription.Subscribe(channels);
            return subscription;
        }
        catch
        {
            subscription.Dispose();
            throw;
        }
    }

    private Subscription Open(SubscriptionKind kind)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var subscription = new Subscription(_executor, kind, s => _subscriptions.TryRemove(s, out _));
        _subscriptions[subscription] = 0;
        return subscription;
    }

    private void CloseSubscriptions()
    {
        foreach (var subscription in _subscriptions.Keys) subscription.Dispose();
    }

    /// <summary>
    /// PUBLISH: posts a message to a channel; the cluster forwards it to every node. Returns the number
    /// of clients that received it <em>on the node that took the PUBLISH</em> (Redis counts only that
    /// node's subscribers), so 0 does not mean nobody listens. The command goes to the primary of the
    /// channel's hash slot: any node would do, and one fixed node per channel keeps one publisher's
    /// messages in order for subscribers on other nodes.
    /// </summary>
    public async ValueTask<long> PublishAsync(RedisValue channel, RedisValue message, CancellationToken cancellationToken = default)
    {
        int slot = ChannelSlot(channel, message);
        return ThrowIfError(await _executor.ExecuteAsync(["PUBLISH", channel, message], slot, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64();
    }

    /// <summary>The synchronous twin of <see cref="PublishAsync"/>.</summary>
    public long Publish(RedisValue channel, RedisValue message) =>
        ThrowIfError(_executor.Execute(["PUBLISH", channel, message], ChannelSlot(channel, message), readOnly: false)).ToInt64();

    /// <summary>
    /// SPUBLISH (Redis 7+): posts a message to a shard channel, on the primary serving the channel's
    /// slot (redirects followed). Returns the number of clients of that primary that received it.
    /// </summary>
    public async ValueTask<long> SPublishAsync(RedisValue shardChannel, RedisValue message, CancellationToken cancellationToken = default)
    {
        int slot = ChannelSlot(shardChannel, message);
        return ThrowIfError(await _executor.ExecuteAsync(["SPUBLISH", shardChannel, message], slot, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64();
    }

    /// <summary>The synchronous twin of <see cref="SPublishAsync"/>.</summary>
    public long SPublish(RedisValue shardChannel, RedisValue message) =>
        ThrowIfError(_executor.Execute(["SPUBLISH", shardChannel, message], ChannelSlot(shardChannel, message), readOnly: false)).ToInt64();

    private static int ChannelSlot(RedisValue channel, RedisValue message)
    {
        if (channel.IsNull) throw new ArgumentNullException(nameof(channel), "A channel cannot be null.");
        Guard.Value(message, nameof(message));
        return HashSlot.Get(channel);
    }
}

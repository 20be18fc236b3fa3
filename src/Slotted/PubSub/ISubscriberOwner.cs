namespace Slotted.PubSub;

/// <summary>What a <see cref="SubscriberConnection"/> reports, from its reader thread (implementations must not block).</summary>
internal interface ISubscriberOwner
{
    void OnMessage(PubSubMessage message);

    /// <summary>The server dropped a channel on its own (a shard channel whose slot moved away).</summary>
    void OnServerUnsubscribed(SubscriberConnection connection, RedisValue channel);

    void OnConnectionFailed(SubscriberConnection connection, RedisConnectionException error);
}

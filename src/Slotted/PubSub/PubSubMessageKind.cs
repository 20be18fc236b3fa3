namespace Slotted;

/// <summary>How a <see cref="PubSubMessage"/> reached the subscriber.</summary>
public enum PubSubMessageKind
{
    /// <summary>A <c>PUBLISH</c> to a channel the subscription named (<c>SUBSCRIBE</c>).</summary>
    Message,

    /// <summary>A <c>PUBLISH</c> to a channel matching a subscribed glob pattern (<c>PSUBSCRIBE</c>).</summary>
    PatternMessage,

    /// <summary>An <c>SPUBLISH</c> to a subscribed shard channel (<c>SSUBSCRIBE</c>, Redis 7+).</summary>
    ShardMessage,
}

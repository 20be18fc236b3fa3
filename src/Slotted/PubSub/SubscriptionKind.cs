namespace Slotted;

/// <summary>Which Redis subscription command a <see cref="Subscription"/> stands for.</summary>
public enum SubscriptionKind
{
    /// <summary>
    /// <c>SUBSCRIBE</c> to channels. In a cluster, <c>PUBLISH</c> is broadcast to every node, so the
    /// subscription lives on one connection to one node.
    /// </summary>
    Channel,

    /// <summary><c>PSUBSCRIBE</c> to glob patterns; like <see cref="Channel"/>, on one connection to one node.</summary>
    Pattern,

    /// <summary>
    /// <c>SSUBSCRIBE</c> to shard channels (Redis 7+): each channel hashes to a slot like a key, and
    /// only the primary serving that slot (and its replicas) carry its messages, so the subscription
    /// holds one connection per primary and follows its channels when their slots move.
    /// </summary>
    Shard,
}

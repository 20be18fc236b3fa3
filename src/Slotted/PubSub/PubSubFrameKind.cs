namespace Slotted.PubSub;

/// <summary>What a frame on a subscriber connection is.</summary>
internal enum PubSubFrameKind
{
    /// <summary>Anything else (for example a client-tracking <c>invalidate</c> push); ignored.</summary>
    Other,
    Message,
    PatternMessage,
    ShardMessage,
    Subscribe,
    PSubscribe,
    SSubscribe,
    Unsubscribe,
    PUnsubscribe,
    SUnsubscribe,
    /// <summary>The answer to PING: <c>+PONG</c> in RESP3, <c>["pong", ""]</c> in RESP2 subscriber mode.</summary>
    Pong,
    /// <summary>An error reply to the oldest unanswered command.</summary>
    Error,
}

namespace Slotted;

/// <summary>
/// One message received by a <see cref="Subscription"/>.
/// </summary>
/// <param name="Kind">Whether it came through a channel, a pattern or a shard channel subscription.</param>
/// <param name="Channel">The channel it was published to.</param>
/// <param name="Message">The payload, exactly as published (binary-safe).</param>
/// <param name="Pattern">For <see cref="PubSubMessageKind.PatternMessage"/>, the subscribed pattern that matched; else null.</param>
public readonly record struct PubSubMessage(PubSubMessageKind Kind, RedisValue Channel, RedisValue Message, RedisValue? Pattern = null);

namespace Slotted;

/// <summary>One consumer in <see cref="StreamPendingSummary"/>: its name and how many entries it has not acknowledged.</summary>
/// <param name="Name">The consumer.</param>
/// <param name="Count">Its pending entries.</param>
public readonly record struct StreamConsumerPending(RedisValue Name, long Count);

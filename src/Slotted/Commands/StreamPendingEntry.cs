namespace Slotted;

/// <summary>One entry of XPENDING's extended form: a delivered, unacknowledged entry of a consumer group.</summary>
/// <param name="Id">The entry's id.</param>
/// <param name="Consumer">The consumer that holds it.</param>
/// <param name="Idle">The time since it was last delivered (millisecond precision).</param>
/// <param name="DeliveryCount">How many times it was delivered.</param>
public readonly record struct StreamPendingEntry(RedisValue Id, RedisValue Consumer, TimeSpan Idle, long DeliveryCount);

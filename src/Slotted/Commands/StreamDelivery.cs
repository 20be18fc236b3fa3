namespace Slotted;

/// <summary>One pending entry as XINFO STREAM ... FULL lists it: who holds it, when it was last delivered and how often.</summary>
/// <param name="Id">The entry's id.</param>
/// <param name="Consumer">The consumer that holds it.</param>
/// <param name="LastDelivered">When it was last delivered (millisecond precision).</param>
/// <param name="DeliveryCount">How many times it was delivered.</param>
public readonly record struct StreamDelivery(RedisValue Id, RedisValue Consumer, DateTimeOffset LastDelivered, long DeliveryCount);

namespace Slotted;

/// <summary>
/// XPENDING's summary form (https://redis.io/docs/latest/commands/xpending/): how many entries a
/// consumer group has delivered but not acknowledged, their id range, and how many each consumer holds.
/// </summary>
/// <param name="Count">The number of pending entries.</param>
/// <param name="LowestId">The lowest pending id; <see cref="RedisValue.Null"/> when nothing is pending.</param>
/// <param name="HighestId">The highest pending id; <see cref="RedisValue.Null"/> when nothing is pending.</param>
/// <param name="Consumers">Each consumer with pending entries and how many it has.</param>
public sealed record StreamPendingSummary(long Count, RedisValue LowestId, RedisValue HighestId, IReadOnlyList<StreamConsumerPending> Consumers);

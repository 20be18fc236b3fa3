namespace Slotted;

/// <summary>One consumer group of a stream, as XINFO GROUPS describes it (https://redis.io/docs/latest/commands/xinfo-groups/).</summary>
/// <param name="Name">The group.</param>
/// <param name="Consumers">Its number of consumers.</param>
/// <param name="Pending">Its delivered but unacknowledged entries.</param>
/// <param name="LastDeliveredId">The id of the last entry delivered to it.</param>
/// <param name="EntriesRead">The logical read counter (Redis 7.0+); null when the server does not know it.</param>
/// <param name="Lag">Entries not yet delivered to it (Redis 7.0+); null when the server cannot tell (after deletions, or before 7.0).</param>
public sealed record StreamGroupInfo(RedisValue Name, long Consumers, long Pending, RedisValue LastDeliveredId, long? EntriesRead, long? Lag);

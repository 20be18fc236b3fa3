namespace Slotted;

/// <summary>One consumer of a group, as XINFO CONSUMERS describes it (https://redis.io/docs/latest/commands/xinfo-consumers/).</summary>
/// <param name="Name">The consumer.</param>
/// <param name="Pending">Its delivered but unacknowledged entries.</param>
/// <param name="Idle">The time since its last attempted interaction (a read, claim or autoclaim).</param>
/// <param name="Inactive">The time since its last successful interaction (Redis 7.2+); null before 7.2 or when it never had one.</param>
public sealed record StreamConsumerInfo(RedisValue Name, long Pending, TimeSpan Idle, TimeSpan? Inactive);

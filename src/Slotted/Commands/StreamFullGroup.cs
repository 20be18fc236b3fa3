namespace Slotted;

/// <summary>A consumer group as XINFO STREAM ... FULL describes it, with its pending list and consumers.</summary>
/// <param name="Name">The group.</param>
/// <param name="LastDeliveredId">The id of the last entry delivered to it.</param>
/// <param name="EntriesRead">The logical read counter (Redis 7.0+); null when unknown.</param>
/// <param name="Lag">Entries not yet delivered to it (Redis 7.0+); null when the server cannot tell.</param>
/// <param name="PendingCount">Its number of pending entries.</param>
/// <param name="Pending">Its pending entries (up to the call's COUNT).</param>
/// <param name="Consumers">Its consumers.</param>
public sealed record StreamFullGroup(RedisValue Name, RedisValue LastDeliveredId, long? EntriesRead, long? Lag, long PendingCount,
    IReadOnlyList<StreamDelivery> Pending, IReadOnlyList<StreamFullConsumer> Consumers);

namespace Slotted;

/// <summary>A consumer as XINFO STREAM ... FULL describes it, with its pending entries.</summary>
/// <param name="Name">The consumer.</param>
/// <param name="SeenTime">Its last attempted interaction (a read, claim or autoclaim).</param>
/// <param name="ActiveTime">Its last successful interaction (Redis 7.2+); null before 7.2 or when it never had one.</param>
/// <param name="PendingCount">Its number of pending entries.</param>
/// <param name="Pending">Its pending entries (up to the call's COUNT).</param>
public sealed record StreamFullConsumer(RedisValue Name, DateTimeOffset SeenTime, DateTimeOffset? ActiveTime, long PendingCount, IReadOnlyList<StreamDelivery> Pending);

namespace Slotted;

public abstract partial class RedisBatch
{
    /// <summary>Queues ZADD of one member; the task gives 1 when the member is new, 0 when its score was updated.</summary>
    public Task<long> ZAddAsync(RedisKey key, RedisValue member, double score)
    {
        Guard.Value(member, nameof(member));
        return Queue(["ZADD", key, score, member], key, readOnly: false, static r => r.ToInt64());
    }

    /// <summary>Queues ZSCORE: the member's score, or null when the member or key does not exist (RESP2 and RESP3 alike).</summary>
    public Task<double?> ZScoreAsync(RedisKey key, RedisValue member)
    {
        Guard.Value(member, nameof(member));
        return Queue(["ZSCORE", key, member], key, readOnly: true, static r => r.IsNull ? null : (double?)r.ToDouble());
    }

    /// <summary>Queues ZINCRBY; the task gives the member's new score.</summary>
    public Task<double> ZIncrByAsync(RedisKey key, RedisValue member, double increment)
    {
        Guard.Value(member, nameof(member));
        return Queue(["ZINCRBY", key, increment, member], key, readOnly: false, static r => r.ToDouble());
    }

    /// <summary>Queues ZRANGE by rank: members <paramref name="start"/> to <paramref name="stop"/> (inclusive) in score order.</summary>
    public Task<RedisValue[]> ZRangeAsync(RedisKey key, long start = 0, long stop = -1) =>
        Queue(["ZRANGE", key, start, stop], key, readOnly: true, static r => r.ToValueArray());

    /// <summary>Queues ZREM; the task gives how many members were removed.</summary>
    public Task<long> ZRemAsync(RedisKey key, params RedisValue[] members) =>
        Queue(KeyValues("ZREM", key, members, nameof(members)), key, readOnly: false, static r => r.ToInt64());

    /// <summary>Queues ZCARD (0 when the key does not exist).</summary>
    public Task<long> ZCardAsync(RedisKey key) => Queue(["ZCARD", key], key, readOnly: true, static r => r.ToInt64());
}

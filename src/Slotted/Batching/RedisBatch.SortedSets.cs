namespace Slotted;

public abstract partial class RedisBatch
{
    /// <summary>Queues ZADD of one member; the task is true when the member is new (options as in <see cref="RedisCluster.ZAddAsync(RedisKey, RedisValue, double, SetCondition, ScoreCondition, bool, CancellationToken)"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="score"/> is NaN, or NX was combined with GT/LT.</exception>
    public Task<bool> ZAddAsync(RedisKey key, RedisValue member, double score, SetCondition condition = SetCondition.Always,
        ScoreCondition scoreCondition = ScoreCondition.Always, bool changed = false) =>
        Queue(RedisCluster.ZAddParts(key, [new(member, score)], condition, scoreCondition, changed, incr: false, nameof(score)), key, readOnly: false, static r => r.ToInt64() == 1);

    /// <summary>Queues ZADD of several members; the task gives how many were added (with <paramref name="changed"/>: added or changed).</summary>
    public Task<long> ZAddAsync(RedisKey key, IEnumerable<SortedSetEntry> entries, SetCondition condition = SetCondition.Always,
        ScoreCondition scoreCondition = ScoreCondition.Always, bool changed = false) =>
        Queue(RedisCluster.ZAddParts(key, entries, condition, scoreCondition, changed, incr: false, nameof(entries)), key, readOnly: false, static r => r.ToInt64());

    /// <summary>Queues ZSCORE: the member's score, or null when the member or key does not exist (RESP2 and RESP3 alike).</summary>
    public Task<double?> ZScoreAsync(RedisKey key, RedisValue member)
    {
        Guard.Value(member, nameof(member));
        return Queue(["ZSCORE", key, member], key, readOnly: true, TypedReplies.NullableDouble);
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
        Queue(CommandParts.KeyValues("ZREM", key, members, nameof(members)), key, readOnly: false, static r => r.ToInt64());

    /// <summary>Queues ZCARD (0 when the key does not exist).</summary>
    public Task<long> ZCardAsync(RedisKey key) => Queue(["ZCARD", key], key, readOnly: true, static r => r.ToInt64());
}

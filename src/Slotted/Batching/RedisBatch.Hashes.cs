namespace Slotted;

public abstract partial class RedisBatch
{
    /// <summary>Queues HSET of one field; the task is true when the field is new, false when it was updated.</summary>
    public Task<bool> HSetAsync(RedisKey key, RedisValue field, RedisValue value) =>
        Queue(RedisCluster.FieldValueParts("HSET", key, field, value), key, readOnly: false, static r => r.ToInt64() == 1);

    /// <summary>Queues HSET of several fields; the task gives how many fields were new.</summary>
    /// <exception cref="ArgumentException"><paramref name="fields"/> is empty.</exception>
    public Task<long> HSetAsync(RedisKey key, IEnumerable<KeyValuePair<RedisValue, RedisValue>> fields) =>
        Queue(RedisCluster.HSetParts(key, fields), key, readOnly: false, static r => r.ToInt64());

    /// <summary>Queues HGET: the field's value, or null when the field or key does not exist.</summary>
    public Task<RedisValue> HGetAsync(RedisKey key, RedisValue field)
    {
        Guard.Value(field, nameof(field));
        return Queue(["HGET", key, field], key, readOnly: true, static r => r.Value);
    }

    /// <summary>Queues HGETALL: every field and value (empty when the key does not exist), the same under RESP2 and RESP3.</summary>
    public Task<HashEntry[]> HGetAllAsync(RedisKey key) => Queue(["HGETALL", key], key, readOnly: true, TypedReplies.HashEntries);

    /// <summary>Queues HDEL; the task gives how many fields were removed.</summary>
    public Task<long> HDelAsync(RedisKey key, params RedisValue[] fields) =>
        Queue(CommandParts.KeyValues("HDEL", key, fields, nameof(fields)), key, readOnly: false, static r => r.ToInt64());

    /// <summary>Queues HINCRBY; the task gives the field's new value.</summary>
    public Task<long> HIncrByAsync(RedisKey key, RedisValue field, long increment = 1)
    {
        Guard.Value(field, nameof(field));
        return Queue(["HINCRBY", key, field, increment], key, readOnly: false, static r => r.ToInt64());
    }

    /// <summary>Queues HLEN: the number of fields (0 when the key does not exist).</summary>
    public Task<long> HLenAsync(RedisKey key) => Queue(["HLEN", key], key, readOnly: true, static r => r.ToInt64());
}

namespace Slotted;

public abstract partial class RedisBatch
{
    /// <summary>Queues LPUSH (values inserted at the head, the last one ending first); the task gives the list's new length.</summary>
    public Task<long> LPushAsync(RedisKey key, params RedisValue[] values) =>
        Queue(CommandParts.KeyValues("LPUSH", key, values, nameof(values)), key, readOnly: false, static r => r.ToInt64());

    /// <summary>Queues RPUSH; the task gives the list's new length.</summary>
    public Task<long> RPushAsync(RedisKey key, params RedisValue[] values) =>
        Queue(CommandParts.KeyValues("RPUSH", key, values, nameof(values)), key, readOnly: false, static r => r.ToInt64());

    /// <summary>Queues LPOP of one element (null when the list is empty or missing).</summary>
    public Task<RedisValue> LPopAsync(RedisKey key) => Queue(["LPOP", key], key, readOnly: false, static r => r.Value);

    /// <summary>Queues RPOP of one element (null when the list is empty or missing).</summary>
    public Task<RedisValue> RPopAsync(RedisKey key) => Queue(["RPOP", key], key, readOnly: false, static r => r.Value);

    /// <summary>Queues LRANGE: elements <paramref name="start"/> to <paramref name="stop"/>, both inclusive; negative indexes count from the end.</summary>
    public Task<RedisValue[]> LRangeAsync(RedisKey key, long start = 0, long stop = -1) =>
        Queue(["LRANGE", key, start, stop], key, readOnly: true, static r => r.ToValueArray());

    /// <summary>Queues LLEN (0 when the key does not exist).</summary>
    public Task<long> LLenAsync(RedisKey key) => Queue(["LLEN", key], key, readOnly: true, static r => r.ToInt64());
}

namespace Slotted;

public abstract partial class RedisBatch
{
    /// <summary>Queues GET: the value of <paramref name="key"/>, or <see cref="RedisValue.Null"/> when it does not exist.</summary>
    public Task<RedisValue> GetAsync(RedisKey key) => Queue(["GET", key], key, readOnly: true, static r => r.Value);

    /// <summary>Queues SET; the task is false when <paramref name="condition"/> prevented the write (see <see cref="RedisCluster.SetAsync"/>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <param name="expiry">Time to live (EX, or PX when it has milliseconds).</param>
    /// <param name="condition">NX / XX.</param>
    /// <param name="keepTtl">Keep the key's existing time to live (KEEPTTL).</param>
    /// <param name="expireAt">Absolute expiry (EXAT, or PXAT when it has milliseconds).</param>
    public Task<bool> SetAsync(RedisKey key, RedisValue value, TimeSpan? expiry = null, SetCondition condition = SetCondition.Always,
        bool keepTtl = false, DateTimeOffset? expireAt = null) =>
        Queue(RedisCluster.SetParts(key, value, expiry, condition, keepTtl, expireAt, get: false), key, readOnly: false, static r => !r.IsNull);

    /// <summary>Queues SET ... GET: the task gives the previous value (null when there was none).</summary>
    public Task<RedisValue> SetAndGetAsync(RedisKey key, RedisValue value, TimeSpan? expiry = null, SetCondition condition = SetCondition.Always,
        bool keepTtl = false, DateTimeOffset? expireAt = null) =>
        Queue(RedisCluster.SetParts(key, value, expiry, condition, keepTtl, expireAt, get: true), key, readOnly: false, static r => r.Value);

    /// <summary>Queues INCR: adds 1 to the integer at <paramref name="key"/>; the task gives the new value.</summary>
    public Task<long> IncrAsync(RedisKey key) => Queue(["INCR", key], key, readOnly: false, static r => r.ToInt64());

    /// <summary>Queues INCRBY.</summary>
    public Task<long> IncrByAsync(RedisKey key, long increment) => Queue(["INCRBY", key, increment], key, readOnly: false, static r => r.ToInt64());

    /// <summary>Queues DECR.</summary>
    public Task<long> DecrAsync(RedisKey key) => Queue(["DECR", key], key, readOnly: false, static r => r.ToInt64());

    /// <summary>Queues DECRBY.</summary>
    public Task<long> DecrByAsync(RedisKey key, long decrement) => Queue(["DECRBY", key, decrement], key, readOnly: false, static r => r.ToInt64());

    /// <summary>Queues INCRBYFLOAT; the task gives the new value.</summary>
    public Task<double> IncrByFloatAsync(RedisKey key, double increment) =>
        Queue(["INCRBYFLOAT", key, increment], key, readOnly: false, static r => r.ToDouble());

    /// <summary>Queues APPEND; the task gives the string's new length.</summary>
    public Task<long> AppendAsync(RedisKey key, RedisValue value)
    {
        Guard.Value(value);
        return Queue(["APPEND", key, value], key, readOnly: false, static r => r.ToInt64());
    }

    /// <summary>Queues STRLEN (0 when the key does not exist).</summary>
    public Task<long> StrLenAsync(RedisKey key) => Queue(["STRLEN", key], key, readOnly: true, static r => r.ToInt64());
}

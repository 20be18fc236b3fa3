namespace Slotted;

public abstract partial class RedisBatch
{
    /// <summary>Queues DEL of one key; the task is true when it existed.</summary>
    public Task<bool> DelAsync(RedisKey key) => Queue(["DEL", key], key, readOnly: false, static r => r.ToInt64() == 1);

    /// <summary>Queues DEL of several keys in one slot (use a <c>{hash tag}</c>); the task gives how many existed.</summary>
    /// <exception cref="RedisCrossSlotException">The keys are in different slots.</exception>
    public Task<long> DelAsync(params RedisKey[] keys) => Queue(KeysParts("DEL", keys), keys, readOnly: false, static r => r.ToInt64());

    /// <summary>Queues EXISTS of one key.</summary>
    public Task<bool> ExistsAsync(RedisKey key) => Queue(["EXISTS", key], key, readOnly: true, static r => r.ToInt64() == 1);

    /// <summary>Queues EXISTS of several keys in one slot; the task counts the keys that exist (a key named twice counts twice).</summary>
    /// <exception cref="RedisCrossSlotException">The keys are in different slots.</exception>
    public Task<long> ExistsAsync(params RedisKey[] keys) => Queue(KeysParts("EXISTS", keys), keys, readOnly: true, static r => r.ToInt64());

    /// <summary>Queues EXPIRE / PEXPIRE (PEXPIRE when it has milliseconds); false when the key does not exist or the condition failed.</summary>
    public Task<bool> ExpireAsync(RedisKey key, TimeSpan expiry, ExpireCondition condition = ExpireCondition.Always) =>
        Queue(RedisCluster.ExpireParts(key, expiry, condition), key, readOnly: false, static r => r.ToInt64() == 1);

    /// <summary>Queues PTTL: the remaining time to live; null when the key has none or does not exist.</summary>
    public Task<TimeSpan?> TtlAsync(RedisKey key) => Queue(["PTTL", key], key, readOnly: true, static r => RedisCluster.ToTtl(r.ToInt64()));

    /// <summary>Queues PERSIST: true when a time to live was removed.</summary>
    public Task<bool> PersistAsync(RedisKey key) => Queue(["PERSIST", key], key, readOnly: false, static r => r.ToInt64() == 1);

    /// <summary>Queues TYPE: "string", "list", "set", "zset", "hash", "stream", or "none".</summary>
    public Task<string> TypeAsync(RedisKey key) => Queue(["TYPE", key], key, readOnly: true, static r => r.ToString() ?? "none");

    private static RedisValue[] KeysParts(string command, RedisKey[] keys)
    {
        Guard.Keys(keys);
        var parts = new RedisValue[keys.Length + 1];
        parts[0] = command;
        for (int i = 0; i < keys.Length; i++) parts[i + 1] = keys[i];
        return parts;
    }
}

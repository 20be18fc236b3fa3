namespace Slotted;

public abstract partial class RedisBatch
{
    /// <summary>Queues SADD; the task gives how many members were new.</summary>
    public Task<long> SAddAsync(RedisKey key, params RedisValue[] members) =>
        Queue(CommandParts.KeyValues("SADD", key, members, nameof(members)), key, readOnly: false, static r => r.ToInt64());

    /// <summary>Queues SREM; the task gives how many members were removed.</summary>
    public Task<long> SRemAsync(RedisKey key, params RedisValue[] members) =>
        Queue(CommandParts.KeyValues("SREM", key, members, nameof(members)), key, readOnly: false, static r => r.ToInt64());

    /// <summary>Queues SMEMBERS (empty when the key does not exist; RESP3 answers a set, RESP2 an array: same values).</summary>
    public Task<RedisValue[]> SMembersAsync(RedisKey key) => Queue(["SMEMBERS", key], key, readOnly: true, static r => r.ToValueArray());

    /// <summary>Queues SISMEMBER.</summary>
    public Task<bool> SIsMemberAsync(RedisKey key, RedisValue member)
    {
        Guard.Value(member, nameof(member));
        return Queue(["SISMEMBER", key, member], key, readOnly: true, static r => r.ToInt64() == 1);
    }

    /// <summary>Queues SCARD (0 when the key does not exist).</summary>
    public Task<long> SCardAsync(RedisKey key) => Queue(["SCARD", key], key, readOnly: true, static r => r.ToInt64());
}

namespace Slotted;

public abstract partial class RedisBatch
{
    /// <summary>Queues HSET of one field; the task gives 1 when the field is new, 0 when it was updated.</summary>
    public Task<long> HSetAsync(RedisKey key, RedisValue field, RedisValue value)
    {
        Guard.Value(field, nameof(field));
        Guard.Value(value);
        return Queue(["HSET", key, field, value], key, readOnly: false, static r => r.ToInt64());
    }

    /// <summary>Queues HSET of several fields; the task gives how many fields were new.</summary>
    public Task<long> HSetAsync(RedisKey key, IEnumerable<KeyValuePair<RedisValue, RedisValue>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var parts = new List<RedisValue> { "HSET", key };
        foreach (var (field, value) in fields)
        {
            Guard.Value(field, nameof(fields));
            Guard.Value(value, nameof(fields));
            parts.Add(field);
            parts.Add(value);
        }
        if (parts.Count == 2) throw new ArgumentException("At least one field is required.", nameof(fields));
        return Queue([.. parts], key, readOnly: false, static r => r.ToInt64());
    }

    /// <summary>Queues HGET: the field's value, or null when the field or key does not exist.</summary>
    public Task<RedisValue> HGetAsync(RedisKey key, RedisValue field)
    {
        Guard.Value(field, nameof(field));
        return Queue(["HGET", key, field], key, readOnly: true, static r => r.Value);
    }

    /// <summary>
    /// Queues HGETALL: every field and value (empty when the key does not exist). The same answer
    /// under RESP2 (a flat array) and RESP3 (a map).
    /// </summary>
    public Task<Dictionary<string, RedisValue>> HGetAllAsync(RedisKey key) => Queue(["HGETALL", key], key, readOnly: true, static r => ToHash(r));

    /// <summary>Queues HDEL; the task gives how many fields were removed.</summary>
    public Task<long> HDelAsync(RedisKey key, params RedisValue[] fields) =>
        Queue(KeyValues("HDEL", key, fields, nameof(fields)), key, readOnly: false, static r => r.ToInt64());

    /// <summary>Queues HINCRBY; the task gives the field's new value.</summary>
    public Task<long> HIncrByAsync(RedisKey key, RedisValue field, long increment)
    {
        Guard.Value(field, nameof(field));
        return Queue(["HINCRBY", key, field, increment], key, readOnly: false, static r => r.ToInt64());
    }

    /// <summary>Queues HLEN: the number of fields (0 when the key does not exist).</summary>
    public Task<long> HLenAsync(RedisKey key) => Queue(["HLEN", key], key, readOnly: true, static r => r.ToInt64());

    private static Dictionary<string, RedisValue> ToHash(RedisResult reply)
    {
        var elements = reply.Elements;
        var hash = new Dictionary<string, RedisValue>(elements.Count / 2, StringComparer.Ordinal);
        if (elements.Count > 0 && elements[0].IsAggregate)
        {
            foreach (var pair in elements) hash[pair[0].ToString() ?? ""] = pair[1].Value;
            return hash;
        }
        if (elements.Count % 2 != 0) throw new InvalidCastException("HGETALL did not answer field/value pairs.");
        for (int i = 0; i < elements.Count; i += 2) hash[elements[i].ToString() ?? ""] = elements[i + 1].Value;
        return hash;
    }
}

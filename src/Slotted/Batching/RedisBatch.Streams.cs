using Slotted.MultiKey;

namespace Slotted;

public abstract partial class RedisBatch
{
    /// <summary>Queues XADD; the task gives the new entry's id (null with <paramref name="noMkStream"/> when the stream does not exist). See <see cref="RedisCluster.XAddAsync(RedisKey, IEnumerable{KeyValuePair{RedisValue, RedisValue}}, RedisValue, bool, StreamTrim?, CancellationToken)"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="fields"/> is empty.</exception>
    public Task<RedisValue> XAddAsync(RedisKey key, IEnumerable<KeyValuePair<RedisValue, RedisValue>> fields, RedisValue id = default, bool noMkStream = false, StreamTrim? trim = null) =>
        Queue(RedisCluster.XAddParts(key, fields, id, noMkStream, trim), key, readOnly: false, static r => r.Value);

    /// <summary>Queues XADD of an entry with one field.</summary>
    public Task<RedisValue> XAddAsync(RedisKey key, RedisValue field, RedisValue value, RedisValue id = default, bool noMkStream = false, StreamTrim? trim = null) =>
        XAddAsync(key, [new(field, value)], id, noMkStream, trim);

    /// <summary>Queues XLEN; the task gives the number of entries.</summary>
    public Task<long> XLenAsync(RedisKey key) => Queue(["XLEN", key], key, readOnly: true, static r => r.ToInt64());

    /// <summary>Queues XRANGE (<see cref="RedisValue.Null"/> bounds are <c>-</c> and <c>+</c>); the task gives the entries, oldest first.</summary>
    public Task<StreamEntry[]> XRangeAsync(RedisKey key, RedisValue start = default, RedisValue end = default, long? count = null) =>
        Queue(RedisCluster.RangeParts("XRANGE", key, RedisCluster.Or(start, "-"), RedisCluster.Or(end, "+"), count), key, readOnly: true, StreamReplies.Entries);

    /// <summary>Queues XREVRANGE (end first, as in Redis); the task gives the entries, newest first.</summary>
    public Task<StreamEntry[]> XRevRangeAsync(RedisKey key, RedisValue end = default, RedisValue start = default, long? count = null) =>
        Queue(RedisCluster.RangeParts("XREVRANGE", key, RedisCluster.Or(end, "+"), RedisCluster.Or(start, "-"), count), key, readOnly: true, StreamReplies.Entries);

    /// <summary>Queues XDEL; the task gives how many entries existed.</summary>
    public Task<long> XDelAsync(RedisKey key, params RedisValue[] ids) =>
        Queue(CommandParts.KeyValues("XDEL", key, ids, nameof(ids)), key, readOnly: false, static r => r.ToInt64());

    /// <summary>Queues XTRIM; the task gives how many entries were removed.</summary>
    public Task<long> XTrimAsync(RedisKey key, StreamTrim trim) => Queue(RedisCluster.XTrimParts(key, trim), key, readOnly: false, static r => r.ToInt64());

    /// <summary>Queues XREAD of one stream without BLOCK (a batch never blocks); the task gives the entries after <paramref name="id"/>.</summary>
    public Task<StreamEntry[]> XReadAsync(RedisKey key, RedisValue id, long? count = null)
    {
        Guard.Value(id, nameof(id));
        return Queue(StreamReadEmulation.Parts(RedisCluster.XReadHead(count, null), [new(key, id)]), key, readOnly: true, StreamReplies.SingleStream);
    }

    /// <summary>
    /// Queues XREADGROUP of one stream without BLOCK: <c>&gt;</c> (the default) for new entries, an id for
    /// the consumer's pending history. In a transaction, reading and acknowledging (XACK) commit together.
    /// </summary>
    public Task<StreamEntry[]> XReadGroupAsync(RedisKey key, RedisValue group, RedisValue consumer, RedisValue id = default, long? count = null, bool noAck = false) =>
        Queue(StreamReadEmulation.Parts(RedisCluster.XReadGroupHead(group, consumer, count, null, noAck), [new(key, RedisCluster.Or(id, ">"))]), key, readOnly: false,
            StreamReplies.SingleStream);

    /// <summary>Queues XACK; the task gives how many of <paramref name="ids"/> were pending.</summary>
    public Task<long> XAckAsync(RedisKey key, RedisValue group, params RedisValue[] ids) =>
        Queue(RedisCluster.XAckParts(key, group, ids), key, readOnly: false, static r => r.ToInt64());

    /// <summary>Queues XPENDING's summary form.</summary>
    public Task<StreamPendingSummary> XPendingAsync(RedisKey key, RedisValue group) =>
        Queue(RedisCluster.GroupParts("XPENDING", null, key, group), key, readOnly: true, StreamReplies.PendingSummary);
}

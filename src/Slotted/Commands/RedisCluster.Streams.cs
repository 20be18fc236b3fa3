using Slotted.Routing;

namespace Slotted;

// Streams (https://redis.io/docs/latest/develop/data-types/streams/): adding, reading ranges, deleting
// and trimming. Reads across streams are in RedisCluster.StreamReads.cs, consumer groups in
// RedisCluster.StreamGroups.cs. Entry ids are RedisValues such as "1700000000000-0".
public sealed partial class RedisCluster
{
    /// <summary>
    /// XADD: appends an entry with <paramref name="fields"/> to the stream at <paramref name="key"/>
    /// (creating it unless <paramref name="noMkStream"/>) and returns its id
    /// (https://redis.io/docs/latest/commands/xadd/). A <see cref="Dictionary{TKey, TValue}"/> of
    /// <see cref="RedisValue"/> works as is; a <see cref="HashEntry"/> converts implicitly to one pair.
    /// </summary>
    /// <param name="key">The stream.</param>
    /// <param name="fields">The entry's fields and values, in order (at least one).</param>
    /// <param name="id">The entry's id; <see cref="RedisValue.Null"/> (the default) or <c>*</c> lets the server choose,
    /// <c>ms-*</c> fixes the time part; an explicit id must be greater than the stream's last one.</param>
    /// <param name="noMkStream">NOMKSTREAM: do not create a missing stream; the call then returns <see cref="RedisValue.Null"/>.</param>
    /// <param name="trim">Trims the stream in the same command (MAXLEN / MINID, see <see cref="StreamTrim"/>).</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    /// <returns>The new entry's id, or <see cref="RedisValue.Null"/> when <paramref name="noMkStream"/> is set and the stream does not exist.</returns>
    /// <exception cref="ArgumentException"><paramref name="fields"/> is empty, or the key is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="fields"/>, a field name or a value is null.</exception>
    /// <exception cref="RedisServerException">The id is not greater than the stream's last id, or the key holds another type.</exception>
    public ValueTask<RedisValue> XAddAsync(RedisKey key, IEnumerable<KeyValuePair<RedisValue, RedisValue>> fields, RedisValue id = default,
        bool noMkStream = false, StreamTrim? trim = null, CancellationToken cancellationToken = default) =>
        RunAsync(XAddParts(key, fields, id, noMkStream, trim), key, readOnly: false, StreamReplies.Id, cancellationToken);

    /// <summary>XADD (synchronous).</summary>
    public RedisValue XAdd(RedisKey key, IEnumerable<KeyValuePair<RedisValue, RedisValue>> fields, RedisValue id = default, bool noMkStream = false, StreamTrim? trim = null) =>
        Run(XAddParts(key, fields, id, noMkStream, trim), key, readOnly: false, StreamReplies.Id);

    /// <summary>XADD of an entry with one field; see <see cref="XAddAsync(RedisKey, IEnumerable{KeyValuePair{RedisValue, RedisValue}}, RedisValue, bool, StreamTrim?, CancellationToken)"/>.</summary>
    public ValueTask<RedisValue> XAddAsync(RedisKey key, RedisValue field, RedisValue value, RedisValue id = default,
        bool noMkStream = false, StreamTrim? trim = null, CancellationToken cancellationToken = default) =>
        XAddAsync(key, [new(field, value)], id, noMkStream, trim, cancellationToken);

    /// <summary>XADD of an entry with one field (synchronous).</summary>
    public RedisValue XAdd(RedisKey key, RedisValue field, RedisValue value, RedisValue id = default, bool noMkStream = false, StreamTrim? trim = null) =>
        XAdd(key, [new(field, value)], id, noMkStream, trim);

    /// <summary>XLEN: the number of entries in the stream (0 when the key does not exist).</summary>
    public ValueTask<long> XLenAsync(RedisKey key, CancellationToken cancellationToken = default) =>
        RunAsync(["XLEN", key], key, readOnly: true, ReplyDecoders.Int64, cancellationToken);

    /// <summary>XLEN (synchronous).</summary>
    public long XLen(RedisKey key) => Run(["XLEN", key], key, readOnly: true, ReplyDecoders.Int64);

    /// <summary>
    /// XRANGE: the entries with ids from <paramref name="start"/> to <paramref name="end"/>, oldest
    /// first (https://redis.io/docs/latest/commands/xrange/). Bounds are inclusive; <c>(id</c> makes one
    /// exclusive; an id without its sequence part (<c>1700000000000</c>) means its first or last sequence.
    /// </summary>
    /// <param name="key">The stream.</param>
    /// <param name="start">The lowest id; <see cref="RedisValue.Null"/> (the default) is <c>-</c>, the start of the stream.</param>
    /// <param name="end">The highest id; <see cref="RedisValue.Null"/> (the default) is <c>+</c>, the end of the stream.</param>
    /// <param name="count">COUNT: at most this many entries; null for all.</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public async ValueTask<StreamEntry[]> XRangeAsync(RedisKey key, RedisValue start = default, RedisValue end = default, long? count = null, CancellationToken cancellationToken = default) =>
        StreamReplies.Entries(await RunAsync(RangeParts("XRANGE", key, Or(start, "-"), Or(end, "+"), count), key, readOnly: true, cancellationToken).ConfigureAwait(false));

    /// <summary>XRANGE (synchronous).</summary>
    public StreamEntry[] XRange(RedisKey key, RedisValue start = default, RedisValue end = default, long? count = null) =>
        StreamReplies.Entries(Run(RangeParts("XRANGE", key, Or(start, "-"), Or(end, "+"), count), key, readOnly: true));

    /// <summary>
    /// XREVRANGE: like <see cref="XRangeAsync"/>, newest first; the end comes first, as in Redis
    /// (https://redis.io/docs/latest/commands/xrevrange/).
    /// </summary>
    /// <param name="key">The stream.</param>
    /// <param name="end">The highest id; <see cref="RedisValue.Null"/> (the default) is <c>+</c>.</param>
    /// <param name="start">The lowest id; <see cref="RedisValue.Null"/> (the default) is <c>-</c>.</param>
    /// <param name="count">COUNT: at most this many entries; null for all.</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public async ValueTask<StreamEntry[]> XRevRangeAsync(RedisKey key, RedisValue end = default, RedisValue start = default, long? count = null, CancellationToken cancellationToken = default) =>
        StreamReplies.Entries(await RunAsync(RangeParts("XREVRANGE", key, Or(end, "+"), Or(start, "-"), count), key, readOnly: true, cancellationToken).ConfigureAwait(false));

    /// <summary>XREVRANGE (synchronous).</summary>
    public StreamEntry[] XRevRange(RedisKey key, RedisValue end = default, RedisValue start = default, long? count = null) =>
        StreamReplies.Entries(Run(RangeParts("XREVRANGE", key, Or(end, "+"), Or(start, "-"), count), key, readOnly: true));

    /// <summary>XDEL: removes the entries with <paramref name="ids"/> and returns how many existed (https://redis.io/docs/latest/commands/xdel/).</summary>
    /// <exception cref="ArgumentException"><paramref name="ids"/> is empty.</exception>
    public ValueTask<long> XDelAsync(RedisKey key, params RedisValue[] ids) => XDelAsync(key, ids, CancellationToken.None);

    /// <inheritdoc cref="XDelAsync(RedisKey, RedisValue[])"/>
    public ValueTask<long> XDelAsync(RedisKey key, RedisValue[] ids, CancellationToken cancellationToken) =>
        RunAsync(CommandParts.KeyValues("XDEL", key, ids, nameof(ids)), key, readOnly: false, ReplyDecoders.Int64, cancellationToken);

    /// <summary>XDEL (synchronous).</summary>
    public long XDel(RedisKey key, params RedisValue[] ids) =>
        Run(CommandParts.KeyValues("XDEL", key, ids, nameof(ids)), key, readOnly: false, ReplyDecoders.Int64);

    /// <summary>
    /// XTRIM: trims the stream by <paramref name="trim"/> (MAXLEN or MINID, exact or approximate, with
    /// an optional LIMIT) and returns how many entries were removed (https://redis.io/docs/latest/commands/xtrim/).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="trim"/> is <c>default</c> (made without <see cref="StreamTrim.MaxLength"/> or <see cref="StreamTrim.MinId"/>).</exception>
    public ValueTask<long> XTrimAsync(RedisKey key, StreamTrim trim, CancellationToken cancellationToken = default) =>
        RunAsync(XTrimParts(key, trim), key, readOnly: false, ReplyDecoders.Int64, cancellationToken);

    /// <summary>XTRIM (synchronous).</summary>
    public long XTrim(RedisKey key, StreamTrim trim) => Run(XTrimParts(key, trim), key, readOnly: false, ReplyDecoders.Int64);

    /// <summary>
    /// XSETID: sets the stream's last generated id (and, since Redis 7.0, its entries-added counter and
    /// max deleted id), as replication and restore tools do (https://redis.io/docs/latest/commands/xsetid/).
    /// </summary>
    /// <param name="key">The stream (it must exist).</param>
    /// <param name="lastId">The new last id; not lower than the stream's newest entry.</param>
    /// <param name="entriesAdded">ENTRIESADDED: the number of entries ever added; null leaves it.</param>
    /// <param name="maxDeletedId">MAXDELETEDID: the highest id ever deleted; <see cref="RedisValue.Null"/> leaves it.</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    /// <exception cref="RedisServerException">The stream does not exist, or the id is lower than its newest entry.</exception>
    public async ValueTask XSetIdAsync(RedisKey key, RedisValue lastId, long? entriesAdded = null, RedisValue maxDeletedId = default, CancellationToken cancellationToken = default) =>
        await RunAsync(XSetIdParts(key, lastId, entriesAdded, maxDeletedId), key, readOnly: false, cancellationToken).ConfigureAwait(false);

    /// <summary>XSETID (synchronous).</summary>
    public void XSetId(RedisKey key, RedisValue lastId, long? entriesAdded = null, RedisValue maxDeletedId = default) =>
        Run(XSetIdParts(key, lastId, entriesAdded, maxDeletedId), key, readOnly: false);

    /// <summary><paramref name="value"/>, or <paramref name="otherwise"/> when it is null (a stream id argument left out).</summary>
    internal static RedisValue Or(RedisValue value, RedisValue otherwise) => value.IsNull ? otherwise : value;

    internal static RedisValue[] XAddParts(RedisKey key, IEnumerable<KeyValuePair<RedisValue, RedisValue>> fields, RedisValue id, bool noMkStream, StreamTrim? trim)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var parts = new List<RedisValue>(fields.TryGetNonEnumeratedCount(out int n) ? 10 + 2 * n : 16) { "XADD", key };
        if (noMkStream) parts.Add("NOMKSTREAM");
        trim?.AddTo(parts);
        parts.Add(Or(id, "*"));
        CommandParts.AddPairs(parts, fields, nameof(fields));
        return [.. parts];
    }

    internal static RedisValue[] RangeParts(string command, RedisKey key, RedisValue first, RedisValue second, long? count)
    {
        var parts = new List<RedisValue>(6) { command, key, first, second };
        CommandParts.AddCount(parts, count);
        return [.. parts];
    }

    internal static RedisValue[] XTrimParts(RedisKey key, StreamTrim trim)
    {
        var parts = new List<RedisValue>(7) { "XTRIM", key };
        trim.AddTo(parts);
        return [.. parts];
    }

    private static RedisValue[] XSetIdParts(RedisKey key, RedisValue lastId, long? entriesAdded, RedisValue maxDeletedId)
    {
        Guard.Value(lastId, nameof(lastId));
        var parts = new List<RedisValue>(7) { "XSETID", key, lastId };
        if (entriesAdded is { } added)
        {
            CommandParts.NonNegative(added, nameof(entriesAdded));
            parts.Add("ENTRIESADDED");
            parts.Add(added);
        }
        if (!maxDeletedId.IsNull)
        {
            parts.Add("MAXDELETEDID");
            parts.Add(maxDeletedId);
        }
        return [.. parts];
    }
}

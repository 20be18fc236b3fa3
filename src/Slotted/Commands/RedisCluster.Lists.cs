namespace Slotted;

public sealed partial class RedisCluster
{
    /// <summary>LPUSH: inserts <paramref name="values"/> at the head, one after another (so the last ends up first), and returns the new length.</summary>
    public ValueTask<long> LPushAsync(RedisKey key, params RedisValue[] values) => LPushAsync(key, values, CancellationToken.None);

    /// <inheritdoc cref="LPushAsync(RedisKey, RedisValue[])"/>
    public async ValueTask<long> LPushAsync(RedisKey key, RedisValue[] values, CancellationToken cancellationToken) =>
        (await RunAsync(CommandParts.KeyValues("LPUSH", key, values), key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>LPUSH (synchronous).</summary>
    public long LPush(RedisKey key, params RedisValue[] values) => Run(CommandParts.KeyValues("LPUSH", key, values), key, readOnly: false).ToInt64();

    /// <summary>RPUSH: appends <paramref name="values"/> at the tail, in order, and returns the new length.</summary>
    public ValueTask<long> RPushAsync(RedisKey key, params RedisValue[] values) => RPushAsync(key, values, CancellationToken.None);

    /// <inheritdoc cref="RPushAsync(RedisKey, RedisValue[])"/>
    public async ValueTask<long> RPushAsync(RedisKey key, RedisValue[] values, CancellationToken cancellationToken) =>
        (await RunAsync(CommandParts.KeyValues("RPUSH", key, values), key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>RPUSH (synchronous).</summary>
    public long RPush(RedisKey key, params RedisValue[] values) => Run(CommandParts.KeyValues("RPUSH", key, values), key, readOnly: false).ToInt64();

    /// <summary>LPUSHX: like LPUSH, but only when the list already exists; returns the new length (0 when it did not exist).</summary>
    public ValueTask<long> LPushXAsync(RedisKey key, params RedisValue[] values) => LPushXAsync(key, values, CancellationToken.None);

    /// <inheritdoc cref="LPushXAsync(RedisKey, RedisValue[])"/>
    public async ValueTask<long> LPushXAsync(RedisKey key, RedisValue[] values, CancellationToken cancellationToken) =>
        (await RunAsync(CommandParts.KeyValues("LPUSHX", key, values), key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>LPUSHX (synchronous).</summary>
    public long LPushX(RedisKey key, params RedisValue[] values) => Run(CommandParts.KeyValues("LPUSHX", key, values), key, readOnly: false).ToInt64();

    /// <summary>RPUSHX: like RPUSH, but only when the list already exists; returns the new length (0 when it did not exist).</summary>
    public ValueTask<long> RPushXAsync(RedisKey key, params RedisValue[] values) => RPushXAsync(key, values, CancellationToken.None);

    /// <inheritdoc cref="RPushXAsync(RedisKey, RedisValue[])"/>
    public async ValueTask<long> RPushXAsync(RedisKey key, RedisValue[] values, CancellationToken cancellationToken) =>
        (await RunAsync(CommandParts.KeyValues("RPUSHX", key, values), key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>RPUSHX (synchronous).</summary>
    public long RPushX(RedisKey key, params RedisValue[] values) => Run(CommandParts.KeyValues("RPUSHX", key, values), key, readOnly: false).ToInt64();

    /// <summary>LPOP: removes and returns the first element; <see cref="RedisValue.Null"/> when the list does not exist.</summary>
    public async ValueTask<RedisValue> LPopAsync(RedisKey key, CancellationToken cancellationToken = default) =>
        (await RunAsync(["LPOP", key], key, readOnly: false, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>LPOP (synchronous).</summary>
    public RedisValue LPop(RedisKey key) => Run(["LPOP", key], key, readOnly: false).Value;

    /// <summary>LPOP key count: removes and returns up to <paramref name="count"/> elements from the head (empty when the list does not exist).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public async ValueTask<RedisValue[]> LPopAsync(RedisKey key, long count, CancellationToken cancellationToken = default) =>
        (await RunAsync(PopCountParts("LPOP", key, count), key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToValueArray();

    /// <summary>LPOP key count (synchronous).</summary>
    public RedisValue[] LPop(RedisKey key, long count) => Run(PopCountParts("LPOP", key, count), key, readOnly: false).ToValueArray();

    /// <summary>RPOP: removes and returns the last element; <see cref="RedisValue.Null"/> when the list does not exist.</summary>
    public async ValueTask<RedisValue> RPopAsync(RedisKey key, CancellationToken cancellationToken = default) =>
        (await RunAsync(["RPOP", key], key, readOnly: false, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>RPOP (synchronous).</summary>
    public RedisValue RPop(RedisKey key) => Run(["RPOP", key], key, readOnly: false).Value;

    /// <summary>RPOP key count: removes and returns up to <paramref name="count"/> elements from the tail, last first (empty when the list does not exist).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public async ValueTask<RedisValue[]> RPopAsync(RedisKey key, long count, CancellationToken cancellationToken = default) =>
        (await RunAsync(PopCountParts("RPOP", key, count), key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToValueArray();

    /// <summary>RPOP key count (synchronous).</summary>
    public RedisValue[] RPop(RedisKey key, long count) => Run(PopCountParts("RPOP", key, count), key, readOnly: false).ToValueArray();

    /// <summary>LLEN: the list's length (0 when the key does not exist).</summary>
    public async ValueTask<long> LLenAsync(RedisKey key, CancellationToken cancellationToken = default) =>
        (await RunAsync(["LLEN", key], key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>LLEN (synchronous).</summary>
    public long LLen(RedisKey key) => Run(["LLEN", key], key, readOnly: true).ToInt64();

    /// <summary>
    /// LRANGE: the elements from <paramref name="start"/> to <paramref name="stop"/>, both inclusive;
    /// negative indexes count from the end, so the defaults return the whole list.
    /// </summary>
    public async ValueTask<RedisValue[]> LRangeAsync(RedisKey key, long start = 0, long stop = -1, CancellationToken cancellationToken = default) =>
        (await RunAsync(["LRANGE", key, start, stop], key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToValueArray();

    /// <summary>LRANGE (synchronous).</summary>
    public RedisValue[] LRange(RedisKey key, long start = 0, long stop = -1) => Run(["LRANGE", key, start, stop], key, readOnly: true).ToValueArray();

    /// <summary>LINDEX: the element at <paramref name="index"/> (negative counts from the end); <see cref="RedisValue.Null"/> when out of range.</summary>
    public async ValueTask<RedisValue> LIndexAsync(RedisKey key, long index, CancellationToken cancellationToken = default) =>
        (await RunAsync(["LINDEX", key, index], key, readOnly: true, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>LINDEX (synchronous).</summary>
    public RedisValue LIndex(RedisKey key, long index) => Run(["LINDEX", key, index], key, readOnly: true).Value;

    /// <summary>LSET: replaces the element at <paramref name="index"/>.</summary>
    /// <exception cref="RedisServerException">The index is out of range, or the key does not exist (ERR).</exception>
    public async ValueTask LSetAsync(RedisKey key, long index, RedisValue value, CancellationToken cancellationToken = default) =>
        await RunAsync(LSetParts(key, index, value), key, readOnly: false, cancellationToken).ConfigureAwait(false);

    /// <summary>LSET (synchronous).</summary>
    public void LSet(RedisKey key, long index, RedisValue value) => Run(LSetParts(key, index, value), key, readOnly: false);

    /// <summary>
    /// LINSERT: inserts <paramref name="element"/> before or after the first occurrence of
    /// <paramref name="pivot"/>. Returns the new length, -1 when the pivot was not found, 0 when the key does not exist.
    /// </summary>
    public async ValueTask<long> LInsertAsync(RedisKey key, ListInsertPosition position, RedisValue pivot, RedisValue element, CancellationToken cancellationToken = default) =>
        (await RunAsync(LInsertParts(key, position, pivot, element), key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>LINSERT (synchronous).</summary>
    public long LInsert(RedisKey key, ListInsertPosition position, RedisValue pivot, RedisValue element) =>
        Run(LInsertParts(key, position, pivot, element), key, readOnly: false).ToInt64();

    /// <summary>
    /// LREM: removes occurrences of <paramref name="element"/>: the first <paramref name="count"/> from the
    /// head when positive, the last |count| from the tail when negative, all when 0. Returns how many were removed.
    /// </summary>
    public async ValueTask<long> LRemAsync(RedisKey key, RedisValue element, long count = 0, CancellationToken cancellationToken = default) =>
        (await RunAsync(LRemParts(key, element, count), key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>LREM (synchronous).</summary>
    public long LRem(RedisKey key, RedisValue element, long count = 0) => Run(LRemParts(key, element, count), key, readOnly: false).ToInt64();

    /// <summary>LTRIM: keeps only the elements from <paramref name="start"/> to <paramref name="stop"/> (inclusive, negative from the end).</summary>
    public async ValueTask LTrimAsync(RedisKey key, long start, long stop, CancellationToken cancellationToken = default) =>
        await RunAsync(["LTRIM", key, start, stop], key, readOnly: false, cancellationToken).ConfigureAwait(false);

    /// <summary>LTRIM (synchronous).</summary>
    public void LTrim(RedisKey key, long start, long stop) => Run(["LTRIM", key, start, stop], key, readOnly: false);

    /// <summary>
    /// LPOS: the index of <paramref name="element"/>, or null when it is not in the list.
    /// See https://redis.io/docs/latest/commands/lpos/.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="element">The element to look for.</param>
    /// <param name="rank">Which match to return: 2 for the second from the head, -1 for the first from the tail (RANK; default the first match).</param>
    /// <param name="maxLen">Compare at most this many elements (MAXLEN; default the whole list).</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rank"/> is 0, or <paramref name="maxLen"/> is negative.</exception>
    public async ValueTask<long?> LPosAsync(RedisKey key, RedisValue element, long? rank = null, long? maxLen = null, CancellationToken cancellationToken = default) =>
        TypedReplies.NullableInt64(await RunAsync(LPosParts(key, element, null, rank, maxLen), key, readOnly: true, cancellationToken).ConfigureAwait(false));

    /// <summary>LPOS (synchronous).</summary>
    public long? LPos(RedisKey key, RedisValue element, long? rank = null, long? maxLen = null) =>
        TypedReplies.NullableInt64(Run(LPosParts(key, element, null, rank, maxLen), key, readOnly: true));

    /// <summary>
    /// LPOS ... COUNT: the indexes of up to <paramref name="count"/> matches of <paramref name="element"/>
    /// (0: all matches), in search order; empty when there is none. <paramref name="rank"/> and
    /// <paramref name="maxLen"/> are as in <see cref="LPosAsync(RedisKey, RedisValue, long?, long?, CancellationToken)"/>.
    /// </summary>
    public async ValueTask<long[]> LPosManyAsync(RedisKey key, RedisValue element, long count, long? rank = null, long? maxLen = null, CancellationToken cancellationToken = default) =>
        TypedReplies.Int64s(await RunAsync(LPosParts(key, element, count, rank, maxLen), key, readOnly: true, cancellationToken).ConfigureAwait(false));

    /// <summary>LPOS ... COUNT (synchronous).</summary>
    public long[] LPosMany(RedisKey key, RedisValue element, long count, long? rank = null, long? maxLen = null) =>
        TypedReplies.Int64s(Run(LPosParts(key, element, count, rank, maxLen), key, readOnly: true));

    private static RedisValue[] PopCountParts(string command, RedisKey key, long count)
    {
        CommandParts.NonNegative(count, nameof(count));
        return [command, key, count];
    }

    private static RedisValue[] LSetParts(RedisKey key, long index, RedisValue value)
    {
        Guard.Value(value);
        return ["LSET", key, index, value];
    }

    private static RedisValue[] LInsertParts(RedisKey key, ListInsertPosition position, RedisValue pivot, RedisValue element)
    {
        Guard.Value(pivot, nameof(pivot));
        Guard.Value(element, nameof(element));
        RedisValue where = position switch
        {
            ListInsertPosition.Before => "BEFORE",
            ListInsertPosition.After => "AFTER",
            _ => throw new ArgumentOutOfRangeException(nameof(position)),
        };
        return ["LINSERT", key, where, pivot, element];
    }

    private static RedisValue[] LRemParts(RedisKey key, RedisValue element, long count)
    {
        Guard.Value(element, nameof(element));
        return ["LREM", key, count, element];
    }

    private static RedisValue[] LPosParts(RedisKey key, RedisValue element, long? count, long? rank, long? maxLen)
    {
        Guard.Value(element, nameof(element));
        if (rank == 0) throw new ArgumentOutOfRangeException(nameof(rank), rank, "RANK counts matches from 1 (head) or -1 (tail); 0 is not a rank.");
        if (rank == long.MinValue) throw new ArgumentOutOfRangeException(nameof(rank), rank, "RANK is out of range.");
        if (count is { } c) CommandParts.NonNegative(c, nameof(count));
        if (maxLen is { } m) CommandParts.NonNegative(m, nameof(maxLen));
        var parts = new RedisValue[3 + (rank.HasValue ? 2 : 0) + (count.HasValue ? 2 : 0) + (maxLen.HasValue ? 2 : 0)];
        parts[0] = "LPOS";
        parts[1] = key;
        parts[2] = element;
        int i = 3;
        if (rank is { } r)
        {
            parts[i++] = "RANK";
            parts[i++] = r;
        }
        if (count is { } n)
        {
            parts[i++] = "COUNT";
            parts[i++] = n;
        }
        if (maxLen is { } max)
        {
            parts[i++] = "MAXLEN";
            parts[i++] = max;
        }
        return parts;
    }

    /// <summary>
    /// LMPOP: pops up to <paramref name="count"/> elements from the first non-empty list among
    /// <paramref name="keys"/> (which must share one slot), from the given side. Null when every list is empty.
    /// </summary>
    /// <exception cref="RedisCrossSlotException">The keys are in different slots (nothing is sent).</exception>
    public async ValueTask<KeyValuePair<RedisKey, RedisValue[]>?> LMPopAsync(IReadOnlyList<RedisKey> keys, ListSide side, long count = 1, CancellationToken cancellationToken = default) =>
        TypedReplies.KeyedValues(await RunAsync(LMPopParts(keys, side, count, null), keys, readOnly: false, cancellationToken).ConfigureAwait(false));

    /// <summary>LMPOP (synchronous).</summary>
    public KeyValuePair<RedisKey, RedisValue[]>? LMPop(IReadOnlyList<RedisKey> keys, ListSide side, long count = 1) =>
        TypedReplies.KeyedValues(Run(LMPopParts(keys, side, count, null), keys, readOnly: false));

    /// <summary>
    /// BLPOP on one list: removes and returns its first element, waiting up to <paramref name="timeout"/>
    /// for one to arrive; <see cref="RedisValue.Null"/> when none did. The wait runs on an exclusive
    /// connection, so it never delays other commands; the client waits <paramref name="timeout"/> plus
    /// the command timeout for the reply.
    /// </summary>
    /// <param name="key">The list.</param>
    /// <param name="timeout">How long the server may wait (millisecond precision), or <see cref="Timeout.InfiniteTimeSpan"/>.</param>
    /// <param name="cancellationToken">Cancels the wait (closing the exclusive connection, which unblocks the server).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is zero or negative (Redis would read 0 as "for ever").</exception>
    public async ValueTask<RedisValue> BLPopAsync(RedisKey key, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        ValueOf(await RunBlockingAsync(["BLPOP", key, CommandParts.BlockingTimeout(timeout)], key, timeout, cancellationToken).ConfigureAwait(false));

    /// <summary>BLPOP on one list (synchronous; the calling thread waits).</summary>
    public RedisValue BLPop(RedisKey key, TimeSpan timeout) =>
        ValueOf(RunBlocking(["BLPOP", key, CommandParts.BlockingTimeout(timeout)], key, timeout));

    /// <summary>
    /// BLPOP on several lists that share one slot: pops from the first non-empty one, in the order given,
    /// and says which list it came from; null when the timeout passed. See <see cref="BLPopAsync(RedisKey, TimeSpan, CancellationToken)"/>.
    /// </summary>
    /// <exception cref="RedisCrossSlotException">The keys are in different slots (nothing is sent).</exception>
    public async ValueTask<KeyValuePair<RedisKey, RedisValue>?> BLPopAsync(IReadOnlyList<RedisKey> keys, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        TypedReplies.KeyedValue(await RunBlockingAsync(MultiKeyBlockingParts("BLPOP", keys, timeout), SameSlot(keys), timeout, cancellationToken).ConfigureAwait(false));

    /// <summary>BLPOP on several lists (synchronous).</summary>
    public KeyValuePair<RedisKey, RedisValue>? BLPop(IReadOnlyList<RedisKey> keys, TimeSpan timeout) =>
        TypedReplies.KeyedValue(RunBlocking(MultiKeyBlockingParts("BLPOP", keys, timeout), SameSlot(keys), timeout));

    /// <summary>BRPOP on one list: like <see cref="BLPopAsync(RedisKey, TimeSpan, CancellationToken)"/>, from the tail.</summary>
    public async ValueTask<RedisValue> BRPopAsync(RedisKey key, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        ValueOf(await RunBlockingAsync(["BRPOP", key, CommandParts.BlockingTimeout(timeout)], key, timeout, cancellationToken).ConfigureAwait(false));

    /// <summary>BRPOP on one list (synchronous).</summary>
    public RedisValue BRPop(RedisKey key, TimeSpan timeout) =>
        ValueOf(RunBlocking(["BRPOP", key, CommandParts.BlockingTimeout(timeout)], key, timeout));

    /// <summary>BRPOP on several same-slot lists: like <see cref="BLPopAsync(IReadOnlyList{RedisKey}, TimeSpan, CancellationToken)"/>, from the tail.</summary>
    public async ValueTask<KeyValuePair<RedisKey, RedisValue>?> BRPopAsync(IReadOnlyList<RedisKey> keys, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        TypedReplies.KeyedValue(await RunBlockingAsync(MultiKeyBlockingParts("BRPOP", keys, timeout), SameSlot(keys), timeout, cancellationToken).ConfigureAwait(false));

    /// <summary>BRPOP on several lists (synchronous).</summary>
    public KeyValuePair<RedisKey, RedisValue>? BRPop(IReadOnlyList<RedisKey> keys, TimeSpan timeout) =>
        TypedReplies.KeyedValue(RunBlocking(MultiKeyBlockingParts("BRPOP", keys, timeout), SameSlot(keys), timeout));

    /// <summary>
    /// BLMPOP on one list: pops up to <paramref name="count"/> elements from the given side, waiting up to
    /// <paramref name="timeout"/> for the list to have any; empty when the timeout passed. Runs on an
    /// exclusive connection like <see cref="BLPopAsync(RedisKey, TimeSpan, CancellationToken)"/>.
    /// </summary>
    public async ValueTask<RedisValue[]> BLMPopAsync(RedisKey key, ListSide side, TimeSpan timeout, long count = 1, CancellationToken cancellationToken = default) =>
        ValuesOf(await RunBlockingAsync(LMPopParts(OneKey(key), side, count, timeout), key, timeout, cancellationToken).ConfigureAwait(false));

    /// <summary>BLMPOP on one list (synchronous).</summary>
    public RedisValue[] BLMPop(RedisKey key, ListSide side, TimeSpan timeout, long count = 1) =>
        ValuesOf(RunBlocking(LMPopParts(OneKey(key), side, count, timeout), key, timeout));

    /// <summary>
    /// BLMPOP on several same-slot lists: pops up to <paramref name="count"/> elements from the first
    /// non-empty one and says which; null when the timeout passed.
    /// </summary>
    /// <exception cref="RedisCrossSlotException">The keys are in different slots (nothing is sent).</exception>
    public async ValueTask<KeyValuePair<RedisKey, RedisValue[]>?> BLMPopAsync(IReadOnlyList<RedisKey> keys, ListSide side, TimeSpan timeout, long count = 1, CancellationToken cancellationToken = default) =>
        TypedReplies.KeyedValues(await RunBlockingAsync(LMPopParts(keys, side, count, timeout), SameSlot(keys), timeout, cancellationToken).ConfigureAwait(false));

    /// <summary>BLMPOP on several lists (synchronous).</summary>
    public KeyValuePair<RedisKey, RedisValue[]>? BLMPop(IReadOnlyList<RedisKey> keys, ListSide side, TimeSpan timeout, long count = 1) =>
        TypedReplies.KeyedValues(RunBlocking(LMPopParts(keys, side, count, timeout), SameSlot(keys), timeout));

    private static RedisKey[] OneKey(RedisKey key)
    {
        Guard.Key(key);
        return [key];
    }

    private static RedisValue ValueOf(RedisResult keyAndValue) => keyAndValue.IsNull ? RedisValue.Null : keyAndValue[1].Value;

    private static RedisValue[] ValuesOf(RedisResult keyAndValues) => keyAndValues.IsNull ? [] : keyAndValues[1].ToValueArray();

    private static RedisValue[] MultiKeyBlockingParts(string command, IReadOnlyList<RedisKey> keys, TimeSpan timeout)
    {
        Guard.Keys(keys);
        return CommandParts.KeysThen(command, keys, [CommandParts.BlockingTimeout(timeout)]);
    }

    /// <summary>LMPOP numkeys keys... side [COUNT n], or BLMPOP timeout numkeys ... when <paramref name="timeout"/> is given.</summary>
    private static RedisValue[] LMPopParts(IReadOnlyList<RedisKey> keys, ListSide side, long count, TimeSpan? timeout)
    {
        Guard.Keys(keys);
        CommandParts.Positive(count, nameof(count));
        RedisValue where = side switch
        {
            ListSide.Left => "LEFT",
            ListSide.Right => "RIGHT",
            _ => throw new ArgumentOutOfRangeException(nameof(side)),
        };
        ReadOnlySpan<RedisValue> prefix = timeout is { } t ? ["BLMPOP", CommandParts.BlockingTimeout(t)] : ["LMPOP"];
        return count == 1
            ? CommandParts.NumKeysThen(prefix, keys, [where])
            : CommandParts.NumKeysThen(prefix, keys, [where, "COUNT", count]);
    }
}

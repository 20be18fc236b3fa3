namespace Slotted;

public sealed partial class RedisCluster
{
    /// <summary>
    /// ZRANGE by index: the members from position <paramref name="start"/> to <paramref name="stop"/>
    /// (inclusive, by ascending score; negative counts from the end, so the defaults return all).
    /// </summary>
    public async ValueTask<RedisValue[]> ZRangeAsync(RedisKey key, long start = 0, long stop = -1, CancellationToken cancellationToken = default) =>
        (await RunAsync(["ZRANGE", key, start, stop], key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToValueArray();

    /// <summary>ZRANGE by index (synchronous).</summary>
    public RedisValue[] ZRange(RedisKey key, long start = 0, long stop = -1) => Run(["ZRANGE", key, start, stop], key, readOnly: true).ToValueArray();

    /// <summary>ZRANGE by index WITHSCORES: like <see cref="ZRangeAsync"/>, with each member's score.</summary>
    public async ValueTask<SortedSetEntry[]> ZRangeWithScoresAsync(RedisKey key, long start = 0, long stop = -1, CancellationToken cancellationToken = default) =>
        TypedReplies.SortedSetEntries(await RunAsync(["ZRANGE", key, start, stop, "WITHSCORES"], key, readOnly: true, cancellationToken).ConfigureAwait(false));

    /// <summary>ZRANGE by index WITHSCORES (synchronous).</summary>
    public SortedSetEntry[] ZRangeWithScores(RedisKey key, long start = 0, long stop = -1) =>
        TypedReplies.SortedSetEntries(Run(["ZRANGE", key, start, stop, "WITHSCORES"], key, readOnly: true));

    /// <summary>ZREVRANGE: like <see cref="ZRangeAsync"/>, by descending score (position 0 is the highest).</summary>
    public async ValueTask<RedisValue[]> ZRevRangeAsync(RedisKey key, long start = 0, long stop = -1, CancellationToken cancellationToken = default) =>
        (await RunAsync(["ZREVRANGE", key, start, stop], key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToValueArray();

    /// <summary>ZREVRANGE (synchronous).</summary>
    public RedisValue[] ZRevRange(RedisKey key, long start = 0, long stop = -1) => Run(["ZREVRANGE", key, start, stop], key, readOnly: true).ToValueArray();

    /// <summary>ZREVRANGE WITHSCORES: like <see cref="ZRevRangeAsync"/>, with each member's score.</summary>
    public async ValueTask<SortedSetEntry[]> ZRevRangeWithScoresAsync(RedisKey key, long start = 0, long stop = -1, CancellationToken cancellationToken = default) =>
        TypedReplies.SortedSetEntries(await RunAsync(["ZREVRANGE", key, start, stop, "WITHSCORES"], key, readOnly: true, cancellationToken).ConfigureAwait(false));

    /// <summary>ZREVRANGE WITHSCORES (synchronous).</summary>
    public SortedSetEntry[] ZRevRangeWithScores(RedisKey key, long start = 0, long stop = -1) =>
        TypedReplies.SortedSetEntries(Run(["ZREVRANGE", key, start, stop, "WITHSCORES"], key, readOnly: true));

    /// <summary>
    /// ZRANGEBYSCORE: the members with scores between <paramref name="min"/> and <paramref name="max"/>,
    /// by ascending score. A <see cref="double"/> is an inclusive bound; use <see cref="ScoreBound.Exclusive"/>
    /// and <see cref="ScoreBound.NegativeInfinity"/> / <see cref="ScoreBound.PositiveInfinity"/> for the rest.
    /// See https://redis.io/docs/latest/commands/zrangebyscore/.
    /// </summary>
    /// <param name="key">The sorted set.</param>
    /// <param name="min">The lower bound.</param>
    /// <param name="max">The upper bound.</param>
    /// <param name="offset">Skip this many matches first (LIMIT offset).</param>
    /// <param name="count">Return at most this many (LIMIT count); null for all.</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> or <paramref name="count"/> is negative.</exception>
    public async ValueTask<RedisValue[]> ZRangeByScoreAsync(RedisKey key, ScoreBound min, ScoreBound max, long offset = 0, long? count = null, CancellationToken cancellationToken = default) =>
        (await RunAsync(RangeByParts("ZRANGEBYSCORE", key, min.ToRedisValue(), max.ToRedisValue(), withScores: false, offset, count), key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToValueArray();

    /// <summary>ZRANGEBYSCORE (synchronous).</summary>
    public RedisValue[] ZRangeByScore(RedisKey key, ScoreBound min, ScoreBound max, long offset = 0, long? count = null) =>
        Run(RangeByParts("ZRANGEBYSCORE", key, min.ToRedisValue(), max.ToRedisValue(), withScores: false, offset, count), key, readOnly: true).ToValueArray();

    /// <summary>ZRANGEBYSCORE ... WITHSCORES: like <see cref="ZRangeByScoreAsync"/>, with each member's score.</summary>
    public async ValueTask<SortedSetEntry[]> ZRangeByScoreWithScoresAsync(RedisKey key, ScoreBound min, ScoreBound max, long offset = 0, long? count = null, CancellationToken cancellationToken = default) =>
        TypedReplies.SortedSetEntries(await RunAsync(RangeByParts("ZRANGEBYSCORE", key, min.ToRedisValue(), max.ToRedisValue(), withScores: true, offset, count), key, readOnly: true, cancellationToken).ConfigureAwait(false));

    /// <summary>ZRANGEBYSCORE ... WITHSCORES (synchronous).</summary>
    public SortedSetEntry[] ZRangeByScoreWithScores(RedisKey key, ScoreBound min, ScoreBound max, long offset = 0, long? count = null) =>
        TypedReplies.SortedSetEntries(Run(RangeByParts("ZRANGEBYSCORE", key, min.ToRedisValue(), max.ToRedisValue(), withScores: true, offset, count), key, readOnly: true));

    /// <summary>ZREVRANGEBYSCORE: the members with scores between <paramref name="max"/> and <paramref name="min"/> (note the order, as in Redis), by descending score.</summary>
    public async ValueTask<RedisValue[]> ZRevRangeByScoreAsync(RedisKey key, ScoreBound max, ScoreBound min, long offset = 0, long? count = null, CancellationToken cancellationToken = default) =>
        (await RunAsync(RangeByParts("ZREVRANGEBYSCORE", key, max.ToRedisValue(), min.ToRedisValue(), withScores: false, offset, count), key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToValueArray();

    /// <summary>ZREVRANGEBYSCORE (synchronous).</summary>
    public RedisValue[] ZRevRangeByScore(RedisKey key, ScoreBound max, ScoreBound min, long offset = 0, long? count = null) =>
        Run(RangeByParts("ZREVRANGEBYSCORE", key, max.ToRedisValue(), min.ToRedisValue(), withScores: false, offset, count), key, readOnly: true).ToValueArray();

    /// <summary>ZREVRANGEBYSCORE ... WITHSCORES: like <see cref="ZRevRangeByScoreAsync"/>, with each member's score.</summary>
    public async ValueTask<SortedSetEntry[]> ZRevRangeByScoreWithScoresAsync(RedisKey key, ScoreBound max, ScoreBound min, long offset = 0, long? count = null, CancellationToken cancellationToken = default) =>
        TypedReplies.SortedSetEntries(await RunAsync(RangeByParts("ZREVRANGEBYSCORE", key, max.ToRedisValue(), min.ToRedisValue(), withScores: true, offset, count), key, readOnly: true, cancellationToken).ConfigureAwait(false));

    /// <summary>ZREVRANGEBYSCORE ... WITHSCORES (synchronous).</summary>
    public SortedSetEntry[] ZRevRangeByScoreWithScores(RedisKey key, ScoreBound max, ScoreBound min, long offset = 0, long? count = null) =>
        TypedReplies.SortedSetEntries(Run(RangeByParts("ZREVRANGEBYSCORE", key, max.ToRedisValue(), min.ToRedisValue(), withScores: true, offset, count), key, readOnly: true));

    /// <summary>
    /// ZRANGEBYLEX: when every member has the same score, the members between <paramref name="min"/> and
    /// <paramref name="max"/> in byte order. A string is an inclusive bound; see <see cref="LexBound"/>.
    /// See https://redis.io/docs/latest/commands/zrangebylex/.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> or <paramref name="count"/> is negative.</exception>
    public async ValueTask<RedisValue[]> ZRangeByLexAsync(RedisKey key, LexBound min, LexBound max, long offset = 0, long? count = null, CancellationToken cancellationToken = default) =>
        (await RunAsync(RangeByParts("ZRANGEBYLEX", key, min.ToRedisValue(), max.ToRedisValue(), withScores: false, offset, count), key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToValueArray();

    /// <summary>ZRANGEBYLEX (synchronous).</summary>
    public RedisValue[] ZRangeByLex(RedisKey key, LexBound min, LexBound max, long offset = 0, long? count = null) =>
        Run(RangeByParts("ZRANGEBYLEX", key, min.ToRedisValue(), max.ToRedisValue(), withScores: false, offset, count), key, readOnly: true).ToValueArray();

    /// <summary>ZREVRANGEBYLEX: like <see cref="ZRangeByLexAsync"/> in reverse; note the bounds come <paramref name="max"/> first, as in Redis.</summary>
    public async ValueTask<RedisValue[]> ZRevRangeByLexAsync(RedisKey key, LexBound max, LexBound min, long offset = 0, long? count = null, CancellationToken cancellationToken = default) =>
        (await RunAsync(RangeByParts("ZREVRANGEBYLEX", key, max.ToRedisValue(), min.ToRedisValue(), withScores: false, offset, count), key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToValueArray();

    /// <summary>ZREVRANGEBYLEX (synchronous).</summary>
    public RedisValue[] ZRevRangeByLex(RedisKey key, LexBound max, LexBound min, long offset = 0, long? count = null) =>
        Run(RangeByParts("ZREVRANGEBYLEX", key, max.ToRedisValue(), min.ToRedisValue(), withScores: false, offset, count), key, readOnly: true).ToValueArray();

    /// <summary>ZCOUNT: the number of members with scores between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public async ValueTask<long> ZCountAsync(RedisKey key, ScoreBound min, ScoreBound max, CancellationToken cancellationToken = default) =>
        (await RunAsync(["ZCOUNT", key, min.ToRedisValue(), max.ToRedisValue()], key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>ZCOUNT (synchronous).</summary>
    public long ZCount(RedisKey key, ScoreBound min, ScoreBound max) => Run(["ZCOUNT", key, min.ToRedisValue(), max.ToRedisValue()], key, readOnly: true).ToInt64();

    /// <summary>ZLEXCOUNT: the number of members between <paramref name="min"/> and <paramref name="max"/> in byte order (all scores equal).</summary>
    public async ValueTask<long> ZLexCountAsync(RedisKey key, LexBound min, LexBound max, CancellationToken cancellationToken = default) =>
        (await RunAsync(["ZLEXCOUNT", key, min.ToRedisValue(), max.ToRedisValue()], key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>ZLEXCOUNT (synchronous).</summary>
    public long ZLexCount(RedisKey key, LexBound min, LexBound max) => Run(["ZLEXCOUNT", key, min.ToRedisValue(), max.ToRedisValue()], key, readOnly: true).ToInt64();

    /// <summary>ZREMRANGEBYRANK: removes the members from position <paramref name="start"/> to <paramref name="stop"/> (inclusive, negative from the end); returns how many.</summary>
    public async ValueTask<long> ZRemRangeByRankAsync(RedisKey key, long start, long stop, CancellationToken cancellationToken = default) =>
        (await RunAsync(["ZREMRANGEBYRANK", key, start, stop], key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>ZREMRANGEBYRANK (synchronous).</summary>
    public long ZRemRangeByRank(RedisKey key, long start, long stop) => Run(["ZREMRANGEBYRANK", key, start, stop], key, readOnly: false).ToInt64();

    /// <summary>ZREMRANGEBYSCORE: removes the members with scores between <paramref name="min"/> and <paramref name="max"/>; returns how many.</summary>
    public async ValueTask<long> ZRemRangeByScoreAsync(RedisKey key, ScoreBound min, ScoreBound max, CancellationToken cancellationToken = default) =>
        (await RunAsync(["ZREMRANGEBYSCORE", key, min.ToRedisValue(), max.ToRedisValue()], key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>ZREMRANGEBYSCORE (synchronous).</summary>
    public long ZRemRangeByScore(RedisKey key, ScoreBound min, ScoreBound max) =>
        Run(["ZREMRANGEBYSCORE", key, min.ToRedisValue(), max.ToRedisValue()], key, readOnly: false).ToInt64();

    /// <summary>ZREMRANGEBYLEX: removes the members between <paramref name="min"/> and <paramref name="max"/> in byte order; returns how many.</summary>
    public async ValueTask<long> ZRemRangeByLexAsync(RedisKey key, LexBound min, LexBound max, CancellationToken cancellationToken = default) =>
        (await RunAsync(["ZREMRANGEBYLEX", key, min.ToRedisValue(), max.ToRedisValue()], key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>ZREMRANGEBYLEX (synchronous).</summary>
    public long ZRemRangeByLex(RedisKey key, LexBound min, LexBound max) =>
        Run(["ZREMRANGEBYLEX", key, min.ToRedisValue(), max.ToRedisValue()], key, readOnly: false).ToInt64();

    /// <summary><c>command key from to [WITHSCORES] [LIMIT offset count]</c>.</summary>
    private static RedisValue[] RangeByParts(string command, RedisKey key, RedisValue from, RedisValue to, bool withScores, long offset, long? count)
    {
        var parts = new RedisValue[4 + (withScores ? 1 : 0) + CommandParts.LimitLength(offset, count)];
        parts[0] = command;
        parts[1] = key;
        parts[2] = from;
        parts[3] = to;
        int i = 4;
        if (withScores) parts[i++] = "WITHSCORES";
        CommandParts.WriteLimit(parts, ref i, offset, count);
        return parts;
    }
}

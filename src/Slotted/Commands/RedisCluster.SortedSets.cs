namespace Slotted;

public sealed partial class RedisCluster
{
    /// <summary>
    /// ZADD of one member: sets <paramref name="member"/>'s score. Returns true when the member was added
    /// (with <paramref name="changed"/>: added or its score changed). See https://redis.io/docs/latest/commands/zadd/.
    /// </summary>
    /// <param name="key">The sorted set.</param>
    /// <param name="member">The member.</param>
    /// <param name="score">Its score (infinities allowed, NaN refused).</param>
    /// <param name="condition">Only add new members (NX) or only update existing ones (XX).</param>
    /// <param name="scoreCondition">Only update when the new score is greater (GT) or less (LT) than the current one.</param>
    /// <param name="changed">Count changed scores too, not only new members (CH).</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    /// <exception cref="ArgumentException"><paramref name="score"/> is NaN, or NX was combined with GT/LT (Redis refuses that).</exception>
    public async ValueTask<bool> ZAddAsync(RedisKey key, RedisValue member, double score, SetCondition condition = SetCondition.Always,
        ScoreCondition scoreCondition = ScoreCondition.Always, bool changed = false, CancellationToken cancellationToken = default) =>
        (await RunAsync(ZAddParts(key, [new(member, score)], condition, scoreCondition, changed, incr: false, nameof(score)), key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64() == 1;

    /// <summary>ZADD of one member (synchronous).</summary>
    public bool ZAdd(RedisKey key, RedisValue member, double score, SetCondition condition = SetCondition.Always,
        ScoreCondition scoreCondition = ScoreCondition.Always, bool changed = false) =>
        Run(ZAddParts(key, [new(member, score)], condition, scoreCondition, changed, incr: false, nameof(score)), key, readOnly: false).ToInt64() == 1;

    /// <summary>
    /// ZADD of many members in one command: returns how many were added (with <paramref name="changed"/>:
    /// added or changed). Options as in <see cref="ZAddAsync(RedisKey, RedisValue, double, SetCondition, ScoreCondition, bool, CancellationToken)"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="entries"/> is empty, a score is NaN, or NX was combined with GT/LT.</exception>
    public async ValueTask<long> ZAddAsync(RedisKey key, IEnumerable<SortedSetEntry> entries, SetCondition condition = SetCondition.Always,
        ScoreCondition scoreCondition = ScoreCondition.Always, bool changed = false, CancellationToken cancellationToken = default) =>
        (await RunAsync(ZAddParts(key, entries, condition, scoreCondition, changed, incr: false, nameof(entries)), key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>ZADD of many members (synchronous).</summary>
    public long ZAdd(RedisKey key, IEnumerable<SortedSetEntry> entries, SetCondition condition = SetCondition.Always,
        ScoreCondition scoreCondition = ScoreCondition.Always, bool changed = false) =>
        Run(ZAddParts(key, entries, condition, scoreCondition, changed, incr: false, nameof(entries)), key, readOnly: false).ToInt64();

    /// <summary>
    /// ZADD ... INCR: adds <paramref name="increment"/> to <paramref name="member"/>'s score (like ZINCRBY,
    /// but with the ZADD conditions) and returns the new score; null when a condition prevented it.
    /// </summary>
    public async ValueTask<double?> ZAddIncrAsync(RedisKey key, RedisValue member, double increment, SetCondition condition = SetCondition.Always,
        ScoreCondition scoreCondition = ScoreCondition.Always, CancellationToken cancellationToken = default) =>
        TypedReplies.NullableDouble(await RunAsync(ZAddParts(key, [new(member, increment)], condition, scoreCondition, changed: false, incr: true, nameof(increment)), key, readOnly: false, cancellationToken).ConfigureAwait(false));

    /// <summary>ZADD ... INCR (synchronous).</summary>
    public double? ZAddIncr(RedisKey key, RedisValue member, double increment, SetCondition condition = SetCondition.Always,
        ScoreCondition scoreCondition = ScoreCondition.Always) =>
        TypedReplies.NullableDouble(Run(ZAddParts(key, [new(member, increment)], condition, scoreCondition, changed: false, incr: true, nameof(increment)), key, readOnly: false));

    /// <summary>ZREM: removes <paramref name="members"/> and returns how many were in the set.</summary>
    public ValueTask<long> ZRemAsync(RedisKey key, params RedisValue[] members) => ZRemAsync(key, members, CancellationToken.None);

    /// <inheritdoc cref="ZRemAsync(RedisKey, RedisValue[])"/>
    public async ValueTask<long> ZRemAsync(RedisKey key, RedisValue[] members, CancellationToken cancellationToken) =>
        (await RunAsync(CommandParts.KeyValues("ZREM", key, members, nameof(members)), key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>ZREM (synchronous).</summary>
    public long ZRem(RedisKey key, params RedisValue[] members) =>
        Run(CommandParts.KeyValues("ZREM", key, members, nameof(members)), key, readOnly: false).ToInt64();

    /// <summary>ZSCORE: <paramref name="member"/>'s score; null when the member or the key does not exist.</summary>
    public async ValueTask<double?> ZScoreAsync(RedisKey key, RedisValue member, CancellationToken cancellationToken = default) =>
        TypedReplies.NullableDouble(await RunAsync(MemberParts("ZSCORE", key, member), key, readOnly: true, cancellationToken).ConfigureAwait(false));

    /// <summary>ZSCORE (synchronous).</summary>
    public double? ZScore(RedisKey key, RedisValue member) => TypedReplies.NullableDouble(Run(MemberParts("ZSCORE", key, member), key, readOnly: true));

    /// <summary>ZMSCORE: the scores of <paramref name="members"/>, in order, null for each one not in the set.</summary>
    public ValueTask<double?[]> ZMScoreAsync(RedisKey key, params RedisValue[] members) => ZMScoreAsync(key, members, CancellationToken.None);

    /// <inheritdoc cref="ZMScoreAsync(RedisKey, RedisValue[])"/>
    public async ValueTask<double?[]> ZMScoreAsync(RedisKey key, RedisValue[] members, CancellationToken cancellationToken) =>
        TypedReplies.NullableDoubles(await RunAsync(CommandParts.KeyValues("ZMSCORE", key, members, nameof(members)), key, readOnly: true, cancellationToken).ConfigureAwait(false));

    /// <summary>ZMSCORE (synchronous).</summary>
    public double?[] ZMScore(RedisKey key, params RedisValue[] members) =>
        TypedReplies.NullableDoubles(Run(CommandParts.KeyValues("ZMSCORE", key, members, nameof(members)), key, readOnly: true));

    /// <summary>ZINCRBY: adds <paramref name="increment"/> to <paramref name="member"/>'s score (adding the member at 0 first when missing) and returns the new score.</summary>
    /// <exception cref="ArgumentException"><paramref name="increment"/> is NaN.</exception>
    public async ValueTask<double> ZIncrByAsync(RedisKey key, RedisValue member, double increment, CancellationToken cancellationToken = default) =>
        (await RunAsync(ZIncrByParts(key, member, increment), key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToDouble();

    /// <summary>ZINCRBY (synchronous).</summary>
    public double ZIncrBy(RedisKey key, RedisValue member, double increment) => Run(ZIncrByParts(key, member, increment), key, readOnly: false).ToDouble();

    /// <summary>ZCARD: the number of members (0 when the key does not exist).</summary>
    public async ValueTask<long> ZCardAsync(RedisKey key, CancellationToken cancellationToken = default) =>
        (await RunAsync(["ZCARD", key], key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>ZCARD (synchronous).</summary>
    public long ZCard(RedisKey key) => Run(["ZCARD", key], key, readOnly: true).ToInt64();

    /// <summary>ZRANK: <paramref name="member"/>'s 0-based position by ascending score; null when it is not in the set.</summary>
    public async ValueTask<long?> ZRankAsync(RedisKey key, RedisValue member, CancellationToken cancellationToken = default) =>
        TypedReplies.NullableInt64(await RunAsync(MemberParts("ZRANK", key, member), key, readOnly: true, cancellationToken).ConfigureAwait(false));

    /// <summary>ZRANK (synchronous).</summary>
    public long? ZRank(RedisKey key, RedisValue member) => TypedReplies.NullableInt64(Run(MemberParts("ZRANK", key, member), key, readOnly: true));

    /// <summary>ZREVRANK: <paramref name="member"/>'s 0-based position by descending score; null when it is not in the set.</summary>
    public async ValueTask<long?> ZRevRankAsync(RedisKey key, RedisValue member, CancellationToken cancellationToken = default) =>
        TypedReplies.NullableInt64(await RunAsync(MemberParts("ZREVRANK", key, member), key, readOnly: true, cancellationToken).ConfigureAwait(false));

    /// <summary>ZREVRANK (synchronous).</summary>
    public long? ZRevRank(RedisKey key, RedisValue member) => TypedReplies.NullableInt64(Run(MemberParts("ZREVRANK", key, member), key, readOnly: true));

    /// <summary>ZPOPMIN: removes and returns the member with the lowest score; null when the set is empty or missing.</summary>
    public async ValueTask<SortedSetEntry?> ZPopMinAsync(RedisKey key, CancellationToken cancellationToken = default) =>
        TypedReplies.SortedSetEntry(await RunAsync(["ZPOPMIN", key], key, readOnly: false, cancellationToken).ConfigureAwait(false));

    /// <summary>ZPOPMIN (synchronous).</summary>
    public SortedSetEntry? ZPopMin(RedisKey key) => TypedReplies.SortedSetEntry(Run(["ZPOPMIN", key], key, readOnly: false));

    /// <summary>ZPOPMIN key count: removes and returns up to <paramref name="count"/> members, lowest score first.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public async ValueTask<SortedSetEntry[]> ZPopMinAsync(RedisKey key, long count, CancellationToken cancellationToken = default) =>
        TypedReplies.SortedSetEntries(await RunAsync(PopCountParts("ZPOPMIN", key, count), key, readOnly: false, cancellationToken).ConfigureAwait(false));

    /// <summary>ZPOPMIN key count (synchronous).</summary>
    public SortedSetEntry[] ZPopMin(RedisKey key, long count) => TypedReplies.SortedSetEntries(Run(PopCountParts("ZPOPMIN", key, count), key, readOnly: false));

    /// <summary>ZPOPMAX: removes and returns the member with the highest score; null when the set is empty or missing.</summary>
    public async ValueTask<SortedSetEntry?> ZPopMaxAsync(RedisKey key, CancellationToken cancellationToken = default) =>
        TypedReplies.SortedSetEntry(await RunAsync(["ZPOPMAX", key], key, readOnly: false, cancellationToken).ConfigureAwait(false));

    /// <summary>ZPOPMAX (synchronous).</summary>
    public SortedSetEntry? ZPopMax(RedisKey key) => TypedReplies.SortedSetEntry(Run(["ZPOPMAX", key], key, readOnly: false));

    /// <summary>ZPOPMAX key count: removes and returns up to <paramref name="count"/> members, highest score first.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public async ValueTask<SortedSetEntry[]> ZPopMaxAsync(RedisKey key, long count, CancellationToken cancellationToken = default) =>
        TypedReplies.SortedSetEntries(await RunAsync(PopCountParts("ZPOPMAX", key, count), key, readOnly: false, cancellationToken).ConfigureAwait(false));

    /// <summary>ZPOPMAX key count (synchronous).</summary>
    public SortedSetEntry[] ZPopMax(RedisKey key, long count) => TypedReplies.SortedSetEntries(Run(PopCountParts("ZPOPMAX", key, count), key, readOnly: false));

    /// <summary>
    /// BZPOPMIN on one sorted set: removes and returns its lowest-scored member, waiting up to
    /// <paramref name="timeout"/> for one; null when none came. Runs on an exclusive connection so it
    /// never delays other commands; the client waits <paramref name="timeout"/> plus the command timeout.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is zero or negative (use <see cref="Timeout.InfiniteTimeSpan"/> to wait for ever).</exception>
    public async ValueTask<SortedSetEntry?> BZPopMinAsync(RedisKey key, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        TypedReplies.KeyedEntry(await RunBlockingAsync(["BZPOPMIN", key, CommandParts.BlockingTimeout(timeout)], key, timeout, cancellationToken).ConfigureAwait(false))?.Value;

    /// <summary>BZPOPMIN on one sorted set (synchronous).</summary>
    public SortedSetEntry? BZPopMin(RedisKey key, TimeSpan timeout) =>
        TypedReplies.KeyedEntry(RunBlocking(["BZPOPMIN", key, CommandParts.BlockingTimeout(timeout)], key, timeout))?.Value;

    /// <summary>BZPOPMIN on several same-slot sorted sets: pops from the first non-empty one and says which; null on timeout.</summary>
    /// <exception cref="RedisCrossSlotException">The keys are in different slots (nothing is sent).</exception>
    public async ValueTask<KeyValuePair<RedisKey, SortedSetEntry>?> BZPopMinAsync(IReadOnlyList<RedisKey> keys, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        TypedReplies.KeyedEntry(await RunBlockingAsync(MultiKeyBlockingParts("BZPOPMIN", keys, timeout), SameSlot(keys), timeout, cancellationToken).ConfigureAwait(false));

    /// <summary>BZPOPMIN on several sorted sets (synchronous).</summary>
    public KeyValuePair<RedisKey, SortedSetEntry>? BZPopMin(IReadOnlyList<RedisKey> keys, TimeSpan timeout) =>
        TypedReplies.KeyedEntry(RunBlocking(MultiKeyBlockingParts("BZPOPMIN", keys, timeout), SameSlot(keys), timeout));

    /// <summary>BZPOPMAX on one sorted set: like <see cref="BZPopMinAsync(RedisKey, TimeSpan, CancellationToken)"/>, highest score first.</summary>
    public async ValueTask<SortedSetEntry?> BZPopMaxAsync(RedisKey key, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        TypedReplies.KeyedEntry(await RunBlockingAsync(["BZPOPMAX", key, CommandParts.BlockingTimeout(timeout)], key, timeout, cancellationToken).ConfigureAwait(false))?.Value;

    /// <summary>BZPOPMAX on one sorted set (synchronous).</summary>
    public SortedSetEntry? BZPopMax(RedisKey key, TimeSpan timeout) =>
        TypedReplies.KeyedEntry(RunBlocking(["BZPOPMAX", key, CommandParts.BlockingTimeout(timeout)], key, timeout))?.Value;

    /// <summary>BZPOPMAX on several same-slot sorted sets: pops from the first non-empty one and says which; null on timeout.</summary>
    /// <exception cref="RedisCrossSlotException">The keys are in different slots (nothing is sent).</exception>
    public async ValueTask<KeyValuePair<RedisKey, SortedSetEntry>?> BZPopMaxAsync(IReadOnlyList<RedisKey> keys, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        TypedReplies.KeyedEntry(await RunBlockingAsync(MultiKeyBlockingParts("BZPOPMAX", keys, timeout), SameSlot(keys), timeout, cancellationToken).ConfigureAwait(false));

    /// <summary>BZPOPMAX on several sorted sets (synchronous).</summary>
    public KeyValuePair<RedisKey, SortedSetEntry>? BZPopMax(IReadOnlyList<RedisKey> keys, TimeSpan timeout) =>
        TypedReplies.KeyedEntry(RunBlocking(MultiKeyBlockingParts("BZPOPMAX", keys, timeout), SameSlot(keys), timeout));

    /// <summary>ZRANDMEMBER: one random member, left in the set; <see cref="RedisValue.Null"/> when the key does not exist.</summary>
    public async ValueTask<RedisValue> ZRandMemberAsync(RedisKey key, CancellationToken cancellationToken = default) =>
        (await RunAsync(["ZRANDMEMBER", key], key, readOnly: true, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>ZRANDMEMBER (synchronous).</summary>
    public RedisValue ZRandMember(RedisKey key) => Run(["ZRANDMEMBER", key], key, readOnly: true).Value;

    /// <summary>
    /// ZRANDMEMBER key count: up to <paramref name="count"/> distinct random members; a negative count
    /// returns exactly |count| members and may repeat them (https://redis.io/docs/latest/commands/zrandmember/).
    /// </summary>
    public async ValueTask<RedisValue[]> ZRandMemberAsync(RedisKey key, long count, CancellationToken cancellationToken = default) =>
        (await RunAsync(["ZRANDMEMBER", key, count], key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToValueArray();

    /// <summary>ZRANDMEMBER key count (synchronous).</summary>
    public RedisValue[] ZRandMember(RedisKey key, long count) => Run(["ZRANDMEMBER", key, count], key, readOnly: true).ToValueArray();

    /// <summary>ZRANDMEMBER key count WITHSCORES: random members with their scores (count as in <see cref="ZRandMemberAsync(RedisKey, long, CancellationToken)"/>).</summary>
    public async ValueTask<SortedSetEntry[]> ZRandMemberWithScoresAsync(RedisKey key, long count, CancellationToken cancellationToken = default) =>
        TypedReplies.SortedSetEntries(await RunAsync(["ZRANDMEMBER", key, count, "WITHSCORES"], key, readOnly: true, cancellationToken).ConfigureAwait(false));

    /// <summary>ZRANDMEMBER key count WITHSCORES (synchronous).</summary>
    public SortedSetEntry[] ZRandMemberWithScores(RedisKey key, long count) =>
        TypedReplies.SortedSetEntries(Run(["ZRANDMEMBER", key, count, "WITHSCORES"], key, readOnly: true));

    private static RedisValue[] ZIncrByParts(RedisKey key, RedisValue member, double increment)
    {
        Guard.Value(member, nameof(member));
        CommandParts.NotNaN(increment, nameof(increment));
        return ["ZINCRBY", key, increment, member];
    }

    internal static RedisValue[] ZAddParts(RedisKey key, IEnumerable<SortedSetEntry> entries, SetCondition condition, ScoreCondition scoreCondition, bool changed, bool incr, string scoreName)
    {
        ArgumentNullException.ThrowIfNull(entries);
        string? when = condition switch
        {
            SetCondition.Always => null,
            SetCondition.NotExists => "NX",
            SetCondition.Exists => "XX",
            _ => throw new ArgumentOutOfRangeException(nameof(condition)),
        };
        string? compare = scoreCondition switch
        {
            ScoreCondition.Always => null,
            ScoreCondition.GreaterThan => "GT",
            ScoreCondition.LessThan => "LT",
            _ => throw new ArgumentOutOfRangeException(nameof(scoreCondition)),
        };
        if (condition == SetCondition.NotExists && compare is not null)
            throw new ArgumentException("ZADD cannot combine NX (SetCondition.NotExists) with GT or LT.", nameof(scoreCondition));
        var parts = new List<RedisValue>(entries.TryGetNonEnumeratedCount(out int n) ? 6 + 2 * n : 16) { "ZADD", key };
        if (when is { } w) parts.Add(w);
        if (compare is { } c) parts.Add(c);
        if (changed) parts.Add("CH");
        if (incr) parts.Add("INCR");
        int options = parts.Count;
        foreach (var entry in entries)
        {
            Guard.Value(entry.Member, scoreName == nameof(entries) ? nameof(entries) : "member");
            CommandParts.NotNaN(entry.Score, scoreName);
            parts.Add(entry.Score);
            parts.Add(entry.Member);
        }
        if (parts.Count == options) throw new ArgumentException("At least one member is required.", nameof(entries));
        return [.. parts];
    }
}

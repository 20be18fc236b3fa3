namespace Slotted;

public sealed partial class RedisCluster
{
    /// <summary>GET: the value of <paramref name="key"/>, or <see cref="RedisValue.Null"/> when it does not exist.</summary>
    public async ValueTask<RedisValue> GetAsync(RedisKey key, CancellationToken cancellationToken = default) =>
        (await RunAsync(["GET", key], key, readOnly: true, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>GET (synchronous).</summary>
    public RedisValue Get(RedisKey key) => Run(["GET", key], key, readOnly: true).Value;

    /// <summary>
    /// SET: stores <paramref name="value"/> at <paramref name="key"/>. Returns false when
    /// <paramref name="condition"/> prevented the write.
    /// </summary>
    /// <remarks>
    /// SETEX and PSETEX are this method with <paramref name="expiry"/> (SET ... EX / PX, which Redis
    /// documents as their replacement); SETNX is <see cref="SetCondition.NotExists"/> or <see cref="SetNxAsync"/>.
    /// See https://redis.io/docs/latest/commands/set/.
    /// </remarks>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <param name="expiry">Time to live (EX, or PX when it has milliseconds).</param>
    /// <param name="condition">NX / XX.</param>
    /// <param name="keepTtl">Keep the key's existing time to live (KEEPTTL).</param>
    /// <param name="expireAt">Absolute expiry (EXAT, or PXAT when it has milliseconds).</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    public async ValueTask<bool> SetAsync(RedisKey key, RedisValue value, TimeSpan? expiry = null, SetCondition condition = SetCondition.Always,
        bool keepTtl = false, DateTimeOffset? expireAt = null, CancellationToken cancellationToken = default) =>
        !(await RunAsync(SetParts(key, value, expiry, condition, keepTtl, expireAt, get: false), key, readOnly: false, cancellationToken).ConfigureAwait(false)).IsNull;

    /// <summary>SET (synchronous).</summary>
    public bool Set(RedisKey key, RedisValue value, TimeSpan? expiry = null, SetCondition condition = SetCondition.Always,
        bool keepTtl = false, DateTimeOffset? expireAt = null) =>
        !Run(SetParts(key, value, expiry, condition, keepTtl, expireAt, get: false), key, readOnly: false).IsNull;

    /// <summary>SET ... GET: stores the value and returns the previous one (null when there was none).</summary>
    public async ValueTask<RedisValue> SetAndGetAsync(RedisKey key, RedisValue value, TimeSpan? expiry = null, SetCondition condition = SetCondition.Always,
        bool keepTtl = false, DateTimeOffset? expireAt = null, CancellationToken cancellationToken = default) =>
        (await RunAsync(SetParts(key, value, expiry, condition, keepTtl, expireAt, get: true), key, readOnly: false, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>SET ... GET (synchronous).</summary>
    public RedisValue SetAndGet(RedisKey key, RedisValue value, TimeSpan? expiry = null, SetCondition condition = SetCondition.Always,
        bool keepTtl = false, DateTimeOffset? expireAt = null) =>
        Run(SetParts(key, value, expiry, condition, keepTtl, expireAt, get: true), key, readOnly: false).Value;

    internal static RedisValue[] SetParts(RedisKey key, RedisValue value, TimeSpan? expiry, SetCondition condition, bool keepTtl, DateTimeOffset? expireAt, bool get)
    {
        Guard.Key(key);
        Guard.Value(value);
        int extra = (expiry.HasValue ? 2 : 0) + (expireAt.HasValue ? 2 : 0) + (condition != SetCondition.Always ? 1 : 0) + (keepTtl ? 1 : 0) + (get ? 1 : 0);
        if (extra == 0) return ["SET", key, value];
        if ((expiry.HasValue ? 1 : 0) + (expireAt.HasValue ? 1 : 0) + (keepTtl ? 1 : 0) > 1)
            throw new ArgumentException("Give at most one of expiry, expireAt and keepTtl.");
        var parts = new RedisValue[3 + extra];
        parts[0] = "SET";
        parts[1] = key;
        parts[2] = value;
        int i = 3;
        if (expiry is { } ttl)
        {
            if (ttl <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(expiry), "The expiry must be positive.");
            long ms = (long)ttl.TotalMilliseconds;
            if (ms % 1000 == 0)
            {
                parts[i++] = "EX";
                parts[i++] = ms / 1000;
            }
            else
            {
                parts[i++] = "PX";
                parts[i++] = ms;
            }
        }
        if (expireAt is { } at)
        {
            long ms = at.ToUnixTimeMilliseconds();
            if (ms % 1000 == 0)
            {
                parts[i++] = "EXAT";
                parts[i++] = ms / 1000;
            }
            else
            {
                parts[i++] = "PXAT";
                parts[i++] = ms;
            }
        }
        if (condition == SetCondition.NotExists) parts[i++] = "NX";
        else if (condition == SetCondition.Exists) parts[i++] = "XX";
        if (keepTtl) parts[i++] = "KEEPTTL";
        if (get) parts[i++] = "GET";
        return parts;
    }

    /// <summary>INCR: adds 1 to the integer at <paramref name="key"/> (0 when missing) and returns the new value.</summary>
    public async ValueTask<long> IncrAsync(RedisKey key, CancellationToken cancellationToken = default) =>
        (await RunAsync(["INCR", key], key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>INCR (synchronous).</summary>
    public long Incr(RedisKey key) => Run(["INCR", key], key, readOnly: false).ToInt64();

    /// <summary>APPEND: appends <paramref name="value"/> to the string at <paramref name="key"/> (creating it) and returns the new length.</summary>
    public async ValueTask<long> AppendAsync(RedisKey key, RedisValue value, CancellationToken cancellationToken = default) =>
        (await RunAsync(ValueParts("APPEND", key, value), key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>APPEND (synchronous).</summary>
    public long Append(RedisKey key, RedisValue value) => Run(ValueParts("APPEND", key, value), key, readOnly: false).ToInt64();

    /// <summary>STRLEN: the length in bytes of the string at <paramref name="key"/> (0 when it does not exist).</summary>
    public async ValueTask<long> StrLenAsync(RedisKey key, CancellationToken cancellationToken = default) =>
        (await RunAsync(["STRLEN", key], key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>STRLEN (synchronous).</summary>
    public long StrLen(RedisKey key) => Run(["STRLEN", key], key, readOnly: true).ToInt64();

    /// <summary>GETDEL: the value of <paramref name="key"/>, deleting the key; <see cref="RedisValue.Null"/> when it did not exist.</summary>
    public async ValueTask<RedisValue> GetDelAsync(RedisKey key, CancellationToken cancellationToken = default) =>
        (await RunAsync(["GETDEL", key], key, readOnly: false, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>GETDEL (synchronous).</summary>
    public RedisValue GetDel(RedisKey key) => Run(["GETDEL", key], key, readOnly: false).Value;

    /// <summary>
    /// GETEX: the value of <paramref name="key"/> (<see cref="RedisValue.Null"/> when missing), changing its
    /// expiry at the same time. Give at most one of <paramref name="expiry"/>, <paramref name="expireAt"/>
    /// and <paramref name="persist"/>; with none it reads like GET. See https://redis.io/docs/latest/commands/getex/.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="expiry">A new time to live (EX, or PX when it has milliseconds); must be positive.</param>
    /// <param name="expireAt">A new absolute expiry (EXAT, or PXAT when it has milliseconds).</param>
    /// <param name="persist">Remove the time to live (PERSIST).</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    /// <exception cref="ArgumentException">More than one option was given.</exception>
    public async ValueTask<RedisValue> GetExAsync(RedisKey key, TimeSpan? expiry = null, DateTimeOffset? expireAt = null, bool persist = false,
        CancellationToken cancellationToken = default) =>
        (await RunAsync(GetExParts(key, expiry, expireAt, persist), key, readOnly: false, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>GETEX (synchronous).</summary>
    public RedisValue GetEx(RedisKey key, TimeSpan? expiry = null, DateTimeOffset? expireAt = null, bool persist = false) =>
        Run(GetExParts(key, expiry, expireAt, persist), key, readOnly: false).Value;

    private static RedisValue[] GetExParts(RedisKey key, TimeSpan? expiry, DateTimeOffset? expireAt, bool persist)
    {
        if ((expiry.HasValue ? 1 : 0) + (expireAt.HasValue ? 1 : 0) + (persist ? 1 : 0) > 1)
            throw new ArgumentException("Give at most one of expiry, expireAt and persist.");
        if (persist) return ["GETEX", key, "PERSIST"];
        if (expiry is { } ttl)
        {
            if (ttl <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(expiry), ttl, "The expiry must be positive.");
            long ms = (long)ttl.TotalMilliseconds;
            return ms % 1000 == 0 ? ["GETEX", key, "EX", ms / 1000] : ["GETEX", key, "PX", ms];
        }
        if (expireAt is { } at)
        {
            long ms = at.ToUnixTimeMilliseconds();
            return ms % 1000 == 0 ? ["GETEX", key, "EXAT", ms / 1000] : ["GETEX", key, "PXAT", ms];
        }
        return ["GETEX", key];
    }

    /// <summary>
    /// GETRANGE: the bytes of the string at <paramref name="key"/> from <paramref name="start"/> to
    /// <paramref name="end"/>, both inclusive; negative offsets count from the end (-1 is the last byte).
    /// Out-of-range offsets are clipped, so the answer may be empty.
    /// </summary>
    public async ValueTask<RedisValue> GetRangeAsync(RedisKey key, long start, long end, CancellationToken cancellationToken = default) =>
        (await RunAsync(["GETRANGE", key, start, end], key, readOnly: true, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>GETRANGE (synchronous).</summary>
    public RedisValue GetRange(RedisKey key, long start, long end) => Run(["GETRANGE", key, start, end], key, readOnly: true).Value;

    /// <summary>
    /// SETRANGE: overwrites the string at <paramref name="key"/> from byte <paramref name="offset"/> with
    /// <paramref name="value"/> (zero-padding as needed) and returns the new length.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is negative, or the result would pass Redis's 512 MB limit.</exception>
    public async ValueTask<long> SetRangeAsync(RedisKey key, long offset, RedisValue value, CancellationToken cancellationToken = default) =>
        (await RunAsync(SetRangeParts(key, offset, value), key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>SETRANGE (synchronous).</summary>
    public long SetRange(RedisKey key, long offset, RedisValue value) => Run(SetRangeParts(key, offset, value), key, readOnly: false).ToInt64();

    private static RedisValue[] SetRangeParts(RedisKey key, long offset, RedisValue value)
    {
        Guard.Value(value);
        if (offset < 0 || offset + value.ByteCount > MaxStringBytes)
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "The offset must be at least 0, and offset + value length at most 512 MB.");
        return ["SETRANGE", key, offset, value];
    }

    /// <summary>Redis's largest string (proto-max-bulk-len default): 512 MB.</summary>
    private const long MaxStringBytes = 512L * 1024 * 1024;

    /// <summary>SETNX: stores <paramref name="value"/> only when <paramref name="key"/> does not exist; true when it was stored.</summary>
    public async ValueTask<bool> SetNxAsync(RedisKey key, RedisValue value, CancellationToken cancellationToken = default) =>
        (await RunAsync(ValueParts("SETNX", key, value), key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64() == 1;

    /// <summary>SETNX (synchronous).</summary>
    public bool SetNx(RedisKey key, RedisValue value) => Run(ValueParts("SETNX", key, value), key, readOnly: false).ToInt64() == 1;

    /// <summary>
    /// LCS: the longest common subsequence of the strings at <paramref name="first"/> and
    /// <paramref name="second"/> (missing keys read as empty). Both keys must be in one slot (use a
    /// {hash tag}). See https://redis.io/docs/latest/commands/lcs/.
    /// </summary>
    /// <exception cref="RedisCrossSlotException">The keys are in different slots (nothing is sent).</exception>
    public async ValueTask<RedisValue> LcsAsync(RedisKey first, RedisKey second, CancellationToken cancellationToken = default) =>
        (await RunAsync(["LCS", first, second], LcsKeys(first, second), readOnly: true, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>LCS (synchronous).</summary>
    public RedisValue Lcs(RedisKey first, RedisKey second) => Run(["LCS", first, second], LcsKeys(first, second), readOnly: true).Value;

    /// <summary>LCS ... LEN: the length of the longest common subsequence of two same-slot keys.</summary>
    public async ValueTask<long> LcsLenAsync(RedisKey first, RedisKey second, CancellationToken cancellationToken = default) =>
        (await RunAsync(["LCS", first, second, "LEN"], LcsKeys(first, second), readOnly: true, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>LCS ... LEN (synchronous).</summary>
    public long LcsLen(RedisKey first, RedisKey second) => Run(["LCS", first, second, "LEN"], LcsKeys(first, second), readOnly: true).ToInt64();

    /// <summary>
    /// LCS ... IDX WITHMATCHLEN: where the longest common subsequence of two same-slot keys lies in each
    /// string, as matching blocks of at least <paramref name="minMatchLength"/> bytes (MINMATCHLEN), plus its length.
    /// </summary>
    public async ValueTask<LcsMatchResult> LcsIdxAsync(RedisKey first, RedisKey second, long minMatchLength = 0, CancellationToken cancellationToken = default) =>
        TypedReplies.LcsMatches(await RunAsync(LcsIdxParts(first, second, minMatchLength), LcsKeys(first, second), readOnly: true, cancellationToken).ConfigureAwait(false));

    /// <summary>LCS ... IDX (synchronous).</summary>
    public LcsMatchResult LcsIdx(RedisKey first, RedisKey second, long minMatchLength = 0) =>
        TypedReplies.LcsMatches(Run(LcsIdxParts(first, second, minMatchLength), LcsKeys(first, second), readOnly: true));

    private static RedisValue[] LcsIdxParts(RedisKey first, RedisKey second, long minMatchLength)
    {
        CommandParts.NonNegative(minMatchLength, nameof(minMatchLength));
        return minMatchLength == 0
            ? ["LCS", first, second, "IDX", "WITHMATCHLEN"]
            : ["LCS", first, second, "IDX", "MINMATCHLEN", minMatchLength, "WITHMATCHLEN"];
    }

    private static RedisKey[] LcsKeys(RedisKey first, RedisKey second)
    {
        Guard.Key(first, nameof(first));
        Guard.Key(second, nameof(second));
        return [first, second];
    }

    private static RedisValue[] ValueParts(string command, RedisKey key, RedisValue value)
    {
        Guard.Value(value);
        return [command, key, value];
    }
}

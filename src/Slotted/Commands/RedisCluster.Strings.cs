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
}

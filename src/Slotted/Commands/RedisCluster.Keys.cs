namespace Slotted;

public sealed partial class RedisCluster
{
    /// <summary>DEL of one key: true when it existed.</summary>
    public async ValueTask<bool> DelAsync(RedisKey key, CancellationToken cancellationToken = default) =>
        (await RunAsync(["DEL", key], key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64() == 1;

    /// <summary>DEL of one key (synchronous).</summary>
    public bool Del(RedisKey key) => Run(["DEL", key], key, readOnly: false).ToInt64() == 1;

    /// <summary>EXISTS of one key.</summary>
    public async ValueTask<bool> ExistsAsync(RedisKey key, CancellationToken cancellationToken = default) =>
        (await RunAsync(["EXISTS", key], key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToInt64() == 1;

    /// <summary>EXISTS of one key (synchronous).</summary>
    public bool Exists(RedisKey key) => Run(["EXISTS", key], key, readOnly: true).ToInt64() == 1;

    /// <summary>EXPIRE / PEXPIRE: sets a time to live (PEXPIRE when it has milliseconds). False when the key does not exist or the condition failed.</summary>
    public async ValueTask<bool> ExpireAsync(RedisKey key, TimeSpan expiry, ExpireCondition condition = ExpireCondition.Always, CancellationToken cancellationToken = default) =>
        (await RunAsync(ExpireParts(key, expiry, condition), key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64() == 1;

    /// <summary>EXPIRE / PEXPIRE (synchronous).</summary>
    public bool Expire(RedisKey key, TimeSpan expiry, ExpireCondition condition = ExpireCondition.Always) =>
        Run(ExpireParts(key, expiry, condition), key, readOnly: false).ToInt64() == 1;

    /// <summary>EXPIREAT / PEXPIREAT: sets an absolute expiry.</summary>
    public async ValueTask<bool> ExpireAtAsync(RedisKey key, DateTimeOffset expireAt, ExpireCondition condition = ExpireCondition.Always, CancellationToken cancellationToken = default) =>
        (await RunAsync(ExpireAtParts(key, expireAt, condition), key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64() == 1;

    /// <summary>EXPIREAT / PEXPIREAT (synchronous).</summary>
    public bool ExpireAt(RedisKey key, DateTimeOffset expireAt, ExpireCondition condition = ExpireCondition.Always) =>
        Run(ExpireAtParts(key, expireAt, condition), key, readOnly: false).ToInt64() == 1;

    /// <summary>PTTL: the remaining time to live; null when the key has none or does not exist (see <see cref="ExistsAsync(RedisKey, CancellationToken)"/>).</summary>
    public async ValueTask<TimeSpan?> TtlAsync(RedisKey key, CancellationToken cancellationToken = default) =>
        ToTtl((await RunAsync(["PTTL", key], key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToInt64());

    /// <summary>PTTL (synchronous).</summary>
    public TimeSpan? Ttl(RedisKey key) => ToTtl(Run(["PTTL", key], key, readOnly: true).ToInt64());

    /// <summary>PEXPIRETIME: the absolute expiry; null when the key has none or does not exist.</summary>
    public async ValueTask<DateTimeOffset?> ExpireTimeAsync(RedisKey key, CancellationToken cancellationToken = default) =>
        ToExpireTime((await RunAsync(["PEXPIRETIME", key], key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToInt64());

    /// <summary>PEXPIRETIME (synchronous).</summary>
    public DateTimeOffset? ExpireTime(RedisKey key) => ToExpireTime(Run(["PEXPIRETIME", key], key, readOnly: true).ToInt64());

    /// <summary>PERSIST: removes the time to live; true when there was one.</summary>
    public async ValueTask<bool> PersistAsync(RedisKey key, CancellationToken cancellationToken = default) =>
        (await RunAsync(["PERSIST", key], key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64() == 1;

    /// <summary>PERSIST (synchronous).</summary>
    public bool Persist(RedisKey key) => Run(["PERSIST", key], key, readOnly: false).ToInt64() == 1;

    /// <summary>TYPE: "string", "list", "set", "zset", "hash", "stream", or "none" when the key does not exist.</summary>
    public async ValueTask<string> TypeAsync(RedisKey key, CancellationToken cancellationToken = default) =>
        (await RunAsync(["TYPE", key], key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToString() ?? "none";

    /// <summary>TYPE (synchronous).</summary>
    public string Type(RedisKey key) => Run(["TYPE", key], key, readOnly: true).ToString() ?? "none";

    internal static RedisValue[] ExpireParts(RedisKey key, TimeSpan expiry, ExpireCondition condition)
    {
        long ms = (long)expiry.TotalMilliseconds;
        bool seconds = ms % 1000 == 0;
        return WithCondition(seconds ? "EXPIRE" : "PEXPIRE", key, seconds ? ms / 1000 : ms, condition);
    }

    private static RedisValue[] ExpireAtParts(RedisKey key, DateTimeOffset at, ExpireCondition condition)
    {
        long ms = at.ToUnixTimeMilliseconds();
        bool seconds = ms % 1000 == 0;
        return WithCondition(seconds ? "EXPIREAT" : "PEXPIREAT", key, seconds ? ms / 1000 : ms, condition);
    }

    private static RedisValue[] WithCondition(string command, RedisKey key, long amount, ExpireCondition condition) => condition switch
    {
        ExpireCondition.Always => [command, key, amount],
        ExpireCondition.HasNoExpiry => [command, key, amount, "NX"],
        ExpireCondition.HasExpiry => [command, key, amount, "XX"],
        ExpireCondition.GreaterThanCurrent => [command, key, amount, "GT"],
        ExpireCondition.LessThanCurrent => [command, key, amount, "LT"],
        _ => throw new ArgumentOutOfRangeException(nameof(condition)),
    };

    internal static TimeSpan? ToTtl(long ms) => ms < 0 ? null : TimeSpan.FromMilliseconds(ms);

    private static DateTimeOffset? ToExpireTime(long ms) => ms < 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(ms);
}

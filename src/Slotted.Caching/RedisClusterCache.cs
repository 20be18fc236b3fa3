using Microsoft.Extensions.Caching.Distributed;

namespace Slotted.Caching;

/// <summary>
/// An <see cref="IDistributedCache"/> stored in a Redis Cluster. Each entry is one hash (fields
/// <c>data</c>, <c>absexp</c>, <c>sldexp</c>) at <c>InstanceName + key</c>, so it lives on one slot;
/// absolute and sliding expirations are kept as Redis TTLs, and reading an entry with a sliding
/// expiration extends its TTL (capped by its absolute expiration).
/// </summary>
public sealed class RedisClusterCache : IDistributedCache
{
    // Writes the entry and its TTL atomically; ARGV: absolute-expiry ticks, sliding ticks, ttl seconds (-1: none), data.
    private const string SetScript =
        "redis.call('HSET', KEYS[1], 'absexp', ARGV[1], 'sldexp', ARGV[2], 'data', ARGV[4]) " +
        "if ARGV[3] ~= '-1' then redis.call('EXPIRE', KEYS[1], ARGV[3]) end return 1";

    private readonly RedisCluster _cluster;
    private readonly string _prefix;
    private readonly TimeProvider _time;

    /// <summary>Creates the cache on a connected cluster client.</summary>
    public RedisClusterCache(RedisCluster cluster, RedisClusterCacheOptions? options = null, TimeProvider? timeProvider = null)
    {
        _cluster = cluster ?? throw new ArgumentNullException(nameof(cluster));
        _prefix = options?.InstanceName ?? "";
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public byte[]? Get(string key) => GetAndRefresh(key, getData: true);

    /// <inheritdoc />
    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => GetAndRefreshAsync(key, getData: true, token);

    /// <inheritdoc />
    public void Refresh(string key) => GetAndRefresh(key, getData: false);

    /// <inheritdoc />
    public Task RefreshAsync(string key, CancellationToken token = default) => GetAndRefreshAsync(key, getData: false, token);

    /// <inheritdoc />
    public void Remove(string key) => _cluster.Del(FullKey(key));

    /// <inheritdoc />
    public async Task RemoveAsync(string key, CancellationToken token = default) =>
        await _cluster.DelAsync(FullKey(key), token).ConfigureAwait(false);

    /// <inheritdoc />
    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) =>
        _cluster.Execute("EVAL", SetArgs(key, value, options));

    /// <inheritdoc />
    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        await _cluster.ExecuteAsync("EVAL", SetArgs(key, value, options), token).ConfigureAwait(false);

    private RedisKey FullKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return _prefix + key;
    }

    private RedisValue[] SetArgs(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        var now = _time.GetUtcNow();
        DateTimeOffset? absolute = options.AbsoluteExpiration;
        if (options.AbsoluteExpirationRelativeToNow is { } relative)
        {
            if (relative <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "AbsoluteExpirationRelativeToNow must be positive.");
            absolute = now + relative;
        }
        if (absolute is { } at && at <= now) throw new ArgumentOutOfRangeException(nameof(options), "AbsoluteExpiration is in the past.");
        TimeSpan? sliding = options.SlidingExpiration;
        long ttl = Ttl(now, absolute, sliding);
        return [SetScript, 1, FullKey(key), absolute?.UtcTicks ?? -1, sliding?.Ticks ?? -1, ttl, value];
    }

    private static long Ttl(DateTimeOffset now, DateTimeOffset? absolute, TimeSpan? sliding)
    {
        if (absolute is null && sliding is null) return -1;
        var untilAbsolute = absolute is { } at ? at - now : TimeSpan.MaxValue;
        var ttl = sliding is { } s && s < untilAbsolute ? s : untilAbsolute;
        return Math.Max(1, (long)Math.Ceiling(ttl.TotalSeconds));
    }

    private byte[]? GetAndRefresh(string key, bool getData)
    {
        var full = FullKey(key);
        var fields = _cluster.Execute("HMGET", full, "absexp", "sldexp", "data");
        var (data, ttl) = Read(fields);
        if (ttl is { } seconds) _cluster.Execute("EXPIRE", full, seconds);
        return getData ? data : null;
    }

    private async Task<byte[]?> GetAndRefreshAsync(string key, bool getData, CancellationToken token)
    {
        var full = FullKey(key);
        var fields = await _cluster.ExecuteAsync("HMGET", [full, "absexp", "sldexp", "data"], token).ConfigureAwait(false);
        var (data, ttl) = Read(fields);
        if (ttl is { } seconds) await _cluster.ExecuteAsync("EXPIRE", [full, seconds], token).ConfigureAwait(false);
        return getData ? data : null;
    }

    // The entry's data, and the TTL to set again when it has a sliding expiration.
    private (byte[]? Data, long? Ttl) Read(RedisResult fields)
    {
        if (fields.Length < 3 || fields[2].IsNull) return (null, null);
        long absTicks = fields[0].IsNull ? -1 : fields[0].ToInt64();
        long slideTicks = fields[1].IsNull ? -1 : fields[1].ToInt64();
        byte[]? data = fields[2].Value.ToByteArray();
        if (slideTicks <= 0) return (data, null);
        var now = _time.GetUtcNow();
        DateTimeOffset? absolute = absTicks > 0 ? new DateTimeOffset(absTicks, TimeSpan.Zero) : null;
        return (data, Ttl(now, absolute, TimeSpan.FromTicks(slideTicks)));
    }
}

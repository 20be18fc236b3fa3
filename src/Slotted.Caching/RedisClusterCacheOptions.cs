namespace Slotted.Caching;

/// <summary>Options of <see cref="RedisClusterCache"/>.</summary>
public sealed record RedisClusterCacheOptions
{
    /// <summary>A prefix for every cache key, so several applications can share a cluster (for example <c>"myapp:"</c>).</summary>
    public string? InstanceName { get; init; }
}

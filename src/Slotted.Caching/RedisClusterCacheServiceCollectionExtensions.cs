using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Slotted.Caching;

/// <summary>Registers <see cref="RedisClusterCache"/> as the application's <see cref="IDistributedCache"/>.</summary>
public static class RedisClusterCacheServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="RedisClusterCache"/> as the singleton <see cref="IDistributedCache"/>. A
    /// <see cref="RedisCluster"/> must be registered too (for example with
    /// <c>services.AddRedisCluster("127.0.0.1:7000")</c> from Slotted.DependencyInjection).
    /// </summary>
    public static IServiceCollection AddRedisClusterCache(this IServiceCollection services, RedisClusterCacheOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IDistributedCache>(provider =>
            new RedisClusterCache(provider.GetService(typeof(RedisCluster)) as RedisCluster
                ?? throw new InvalidOperationException("Register a RedisCluster first (services.AddRedisCluster(...))."), options));
        return services;
    }
}

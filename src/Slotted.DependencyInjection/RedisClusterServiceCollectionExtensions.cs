using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Slotted.DependencyInjection;

/// <summary>Registers one shared <see cref="RedisCluster"/> in a service collection.</summary>
public static class RedisClusterServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="RedisCluster"/> connected with <paramref name="connectionString"/>
    /// (see <see cref="RedisClusterOptions.Parse"/>). The connection is made when the client is first
    /// resolved; the container disposes it. The container's <see cref="ILoggerFactory"/>, if any, is used for logging.
    /// </summary>
    public static IServiceCollection AddRedisCluster(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = RedisClusterOptions.Parse(connectionString);
        return services.AddRedisCluster(_ => options);
    }

    /// <summary>Registers a singleton <see cref="RedisCluster"/> with the given options.</summary>
    public static IServiceCollection AddRedisCluster(this IServiceCollection services, RedisClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return services.AddRedisCluster(_ => options);
    }

    /// <summary>Registers a singleton <see cref="RedisCluster"/> whose options come from the container (for example from configuration).</summary>
    public static IServiceCollection AddRedisCluster(this IServiceCollection services, Func<IServiceProvider, RedisClusterOptions> optionsFactory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(optionsFactory);
        services.TryAddSingleton(provider =>
        {
            var options = optionsFactory(provider);
            if (options.LoggerFactory is null && provider.GetService(typeof(ILoggerFactory)) is ILoggerFactory loggers)
                options = options with { LoggerFactory = loggers };
            return RedisCluster.Connect(options);
        });
        return services;
    }
}

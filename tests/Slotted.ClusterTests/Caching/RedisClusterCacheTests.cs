using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Slotted.Caching;
using Slotted.ClusterTests.Infrastructure;
using Slotted.DependencyInjection;

namespace Slotted.ClusterTests.Caching;

[Collection("cluster")]
public sealed class RedisClusterCacheTests(ClusterFixture fixture)
{
    private static DistributedCacheEntryOptions NoExpiry => new();

    [Fact]
    public async Task SetGetRemove_RoundTripsBytes()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var cache = new RedisClusterCache(cluster, new RedisClusterCacheOptions { InstanceName = "cache-test:" });
        string key = Guid.NewGuid().ToString("N");
        byte[] value = [0, 1, 2, 255];
        await cache.SetAsync(key, value, NoExpiry);
        Assert.Equal(value, await cache.GetAsync(key));
        Assert.Equal(value, cache.Get(key));
        Assert.Equal("hash", await cluster.TypeAsync("cache-test:" + key));
        await cache.RemoveAsync(key);
        Assert.Null(await cache.GetAsync(key));
        Assert.Null(cache.Get("never-set-" + key));
    }

    [Fact]
    public async Task AbsoluteExpiration_SetsTtl()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var cache = new RedisClusterCache(cluster);
        string key = "cache-abs:" + Guid.NewGuid().ToString("N");
        cache.Set(key, Encoding.UTF8.GetBytes("v"), new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(100) });
        var ttl = await cluster.TtlAsync(key);
        Assert.NotNull(ttl);
        Assert.InRange(ttl!.Value.TotalSeconds, 90, 100);
        Assert.Throws<ArgumentOutOfRangeException>(() => cache.Set(key, [1], new DistributedCacheEntryOptions { AbsoluteExpiration = DateTimeOffset.UtcNow.AddMinutes(-1) }));
    }

    [Fact]
    public async Task SlidingExpiration_ReadExtendsTtl_CappedByAbsolute()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var cache = new RedisClusterCache(cluster);
        string key = "cache-slide:" + Guid.NewGuid().ToString("N");
        await cache.SetAsync(key, [42], new DistributedCacheEntryOptions
        {
            SlidingExpiration = TimeSpan.FromSeconds(50),
            AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(200),
        });
        Assert.InRange((await cluster.TtlAsync(key))!.Value.TotalSeconds, 40, 50);
        await cluster.ExpireAsync(key, TimeSpan.FromSeconds(10));
        await cache.RefreshAsync(key);
        Assert.InRange((await cluster.TtlAsync(key))!.Value.TotalSeconds, 40, 50);
        await cluster.ExpireAsync(key, TimeSpan.FromSeconds(10));
        Assert.Equal([42], await cache.GetAsync(key));
        Assert.InRange((await cluster.TtlAsync(key))!.Value.TotalSeconds, 40, 50);
    }

    [Fact]
    public async Task DependencyInjection_ResolvesSharedClusterAndCache()
    {
        var services = new ServiceCollection();
        services.AddRedisCluster(fixture.StartupNodes);
        services.AddRedisClusterCache(new RedisClusterCacheOptions { InstanceName = "di:" });
        await using var provider = services.BuildServiceProvider();
        var cluster = provider.GetRequiredService<RedisCluster>();
        Assert.Same(cluster, provider.GetRequiredService<RedisCluster>());
        var cache = provider.GetRequiredService<IDistributedCache>();
        string key = Guid.NewGuid().ToString("N");
        await cache.SetStringAsync(key, "hello");
        Assert.Equal("hello", await cache.GetStringAsync(key));
        Assert.Equal("hash", await cluster.TypeAsync("di:" + key));
    }

    [Fact]
    public void DependencyInjection_BadConnectionString_ThrowsArgumentException()
    {
        var services = new ServiceCollection();
        Assert.ThrowsAny<ArgumentException>(() => services.AddRedisCluster("not-a-node"));
    }
}

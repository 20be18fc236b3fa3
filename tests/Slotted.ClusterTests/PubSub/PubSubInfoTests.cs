using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.PubSub;

[Collection("cluster")]
public sealed class PubSubInfoTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Introspection_SubscribersOnSeveralNodes_CountedClusterWide(int protocol)
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + $",protocol={protocol}");
        string run = Guid.NewGuid().ToString("N");
        string channel = $"info:{run}";
        // Several independent subscriptions land on random nodes; the helpers must see them all.
        var subscriptions = new List<Subscription>();
        try
        {
            for (int i = 0; i < 4; i++) subscriptions.Add(await cluster.SubscribeAsync(channel));
            subscriptions.Add(await cluster.PSubscribeAsync($"info:{run}:*"));
            subscriptions.Add(await cluster.SSubscribeAsync($"sinfo:{run}:a", $"sinfo:{run}:b"));

            Assert.Equal(4, (await cluster.PubSubNumSubAsync(channel, "nobody"))[channel]);
            Assert.Equal(0, cluster.PubSubNumSub("nobody")["nobody"]);
            Assert.Equal(new RedisValue[] { channel }, await cluster.PubSubChannelsAsync($"info:{run}*"));
            Assert.Equal(new RedisValue[] { channel }, cluster.PubSubChannels($"info:{run}*"));
            Assert.True(await cluster.PubSubNumPatAsync() >= 1);
            Assert.True(cluster.PubSubNumPat() >= 1);
            var shardChannels = (await cluster.PubSubShardChannelsAsync($"sinfo:{run}:*")).Select(v => (string)v!).Order();
            Assert.Equal(new[] { $"sinfo:{run}:a", $"sinfo:{run}:b" }, shardChannels);
            var counts = await cluster.PubSubShardNumSubAsync($"sinfo:{run}:a", $"sinfo:{run}:b", $"sinfo:{run}:c");
            Assert.Equal([1L, 1L, 0L], new[] { counts[$"sinfo:{run}:a"], counts[$"sinfo:{run}:b"], counts[$"sinfo:{run}:c"] });
            Assert.Equal(2, cluster.PubSubShardChannels($"sinfo:{run}:*").Length);
            Assert.Equal(1, cluster.PubSubShardNumSub($"sinfo:{run}:a")[$"sinfo:{run}:a"]);
        }
        finally
        {
            foreach (var s in subscriptions) await s.DisposeAsync();
        }
    }
}

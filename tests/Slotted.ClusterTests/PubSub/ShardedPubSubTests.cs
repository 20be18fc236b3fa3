using Slotted.ClusterTests.Infrastructure;
using Slotted.ClusterTests.ReadFrom;

namespace Slotted.ClusterTests.PubSub;

[Collection("cluster")]
public sealed class ShardedPubSubTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task SSubscribe_SlotMovedToAnotherPrimary_FollowsTheChannel(int protocol)
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + $",protocol={protocol}");
        string channel = $"{{move-{Guid.NewGuid():N}}}events";
        string bystander = $"{{stay-{Guid.NewGuid():N}}}events";
        int slot = RedisCluster.GetSlot(channel);
        int source = NodeStats.PortOf(cluster.GetNodeForKey(channel)!);
        int target = cluster.SlotMap.Primaries.Select(p => p.Port).First(p => p != source);
        await using var subscription = await cluster.SSubscribeAsync(channel, bystander);
        await cluster.SPublishAsync(channel, "before");
        Assert.Equal("before", (string?)(await SubscriptionTests.NextAsync(subscription)).Message);

        var migration = new SlotMigration(fixture.Cluster, slot, source, target);
        migration.Begin();
        migration.Finish();
        try
        {
            // The source sends an unsolicited sunsubscribe; the client reloads the map and subscribes on the target.
            var message = await SubscriptionTests.PublishUntilReceivedAsync(cluster, subscription, channel, "after", shard: true);
            Assert.Equal("after", (string?)message.Message);
            Assert.Equal(PubSubMessageKind.ShardMessage, message.Kind);
            Assert.Contains($"127.0.0.1:{target}", subscription.EndPoints);
            Assert.Equal(1, (await cluster.PubSubShardNumSubAsync(channel))[channel]);
            Assert.Equal("0", fixture.Cluster.RedisCli(source, "PUBSUB", "SHARDNUMSUB", channel).Split('\n', StringSplitOptions.TrimEntries)[1]);
            // The other channel never moved and still works.
            await cluster.SPublishAsync(bystander, "still");
            Assert.Equal(bystander, (string?)(await SubscriptionTests.ReceiveAsync(subscription, "still")).Channel);
        }
        finally
        {
            var back = migration.Reverse();
            back.Begin();
            back.Finish();
        }
        // And back again.
        var home = await SubscriptionTests.PublishUntilReceivedAsync(cluster, subscription, channel, "home", shard: true);
        Assert.Equal("home", (string?)home.Message);
    }

    [Fact]
    public async Task SSubscribe_StaleSlotMap_MovedFollowedOnSubscribe()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",topologyRefreshInterval=0");
        string channel = $"{{stale-{Guid.NewGuid():N}}}c";
        int slot = RedisCluster.GetSlot(channel);
        int source = NodeStats.PortOf(cluster.GetNodeForKey(channel)!);
        int target = cluster.SlotMap.Primaries.Select(p => p.Port).First(p => p != source);
        var migration = new SlotMigration(fixture.Cluster, slot, source, target);
        migration.Begin();
        migration.Finish();
        try
        {
            // The client's map still names the source, which answers SSUBSCRIBE with MOVED.
            Assert.Equal($"127.0.0.1:{source}", cluster.GetNodeForKey(channel));
            await using var subscription = await cluster.SSubscribeAsync(channel);
            Assert.Equal([$"127.0.0.1:{target}"], subscription.EndPoints);
            Assert.Equal(1, await cluster.SPublishAsync(channel, "x"));
            Assert.Equal("x", (string?)(await SubscriptionTests.NextAsync(subscription)).Message);
        }
        finally
        {
            var back = migration.Reverse();
            back.Begin();
            back.Finish();
        }
    }

    [Fact]
    public async Task SSubscribe_ConnectionKilled_Resubscribed()
    {
        string name = $"ssub{Guid.NewGuid():N}";
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + $",name={name}");
        string channel = $"{{kill-{Guid.NewGuid():N}}}c";
        await using var subscription = await cluster.SSubscribeAsync(channel);
        int port = NodeStats.PortOf(subscription.EndPoints.Single());
        var subscriber = NodeStats.Clients(fixture.Cluster, port, name).Single(c => c.GetValueOrDefault("ssub") == "1");
        fixture.Cluster.RedisCli(port, "CLIENT", "KILL", "ID", subscriber["id"]);
        var message = await SubscriptionTests.PublishUntilReceivedAsync(cluster, subscription, channel, "again", shard: true);
        Assert.Equal("again", (string?)message.Message);
    }
}

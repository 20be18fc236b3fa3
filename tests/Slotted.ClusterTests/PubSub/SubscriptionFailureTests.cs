using Slotted.ClusterTests.Infrastructure;
using Slotted.ClusterTests.ReadFrom;
using Slotted.PubSub;

namespace Slotted.ClusterTests.PubSub;

[Collection("cluster")]
public sealed class SubscriptionFailureTests(ClusterFixture fixture)
{
    [Fact]
    public async Task NodeHung_KeepAlivePingUnanswered_SubscriptionMovesToAnotherNode()
    {
        var saved = SubscriberConnection.KeepAliveInterval;
        SubscriberConnection.KeepAliveInterval = TimeSpan.FromMilliseconds(300);
        try
        {
            await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",commandTimeout=1000");
            string channel = $"hung:{Guid.NewGuid():N}";
            await using var subscription = await cluster.SubscribeAsync(channel);
            string hung = subscription.EndPoints.Single();
            fixture.Cluster.StopNode(NodeStats.PortOf(hung));
            try
            {
                // The paused node keeps the TCP connection open and answers nothing: only the idle
                // PING (unanswered within the command timeout) reveals it. The wait is bounded by the
                // cluster's node timeout (5 s), after which a paused primary would be failed over.
                var deadline = DateTime.UtcNow.AddSeconds(4);
                while (DateTime.UtcNow < deadline && !(subscription.EndPoints is [var now] && now != hung)) await Task.Delay(50);
                Assert.NotEqual(hung, Assert.Single(subscription.EndPoints));
            }
            finally
            {
                fixture.Cluster.ContinueNode(NodeStats.PortOf(hung));
            }
            var message = await SubscriptionTests.PublishUntilReceivedAsync(cluster, subscription, channel, "moved on");
            Assert.Equal("moved on", (string?)message.Message);
        }
        finally
        {
            SubscriberConnection.KeepAliveInterval = saved;
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task SSubscribe_PrimaryKilled_ResubscribedOnPromotedReplica(int protocol)
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + $",protocol={protocol}");
        string channel = $"{{failover-{Guid.NewGuid():N}}}c";
        await using var subscription = await cluster.SSubscribeAsync(channel);
        string victim = subscription.EndPoints.Single();
        int victimPort = NodeStats.PortOf(victim);
        fixture.Cluster.WaitForHealthy(TimeSpan.FromSeconds(30)); // a failover needs every replica in sync
        fixture.Cluster.KillNode(victimPort);
        try
        {
            fixture.Cluster.WaitForClusterOk(TimeSpan.FromSeconds(60));
            var message = await SubscriptionTests.PublishUntilReceivedAsync(cluster, subscription, channel, "after failover", shard: true);
            Assert.Equal("after failover", (string?)message.Message);
            Assert.NotEqual(victim, subscription.EndPoints.Single());
            Assert.Equal(cluster.GetNodeForKey(channel), subscription.EndPoints.Single());
        }
        finally
        {
            fixture.Cluster.RestartNode(victimPort);
            fixture.Cluster.WaitForClusterOk(TimeSpan.FromSeconds(60));
        }
    }
}

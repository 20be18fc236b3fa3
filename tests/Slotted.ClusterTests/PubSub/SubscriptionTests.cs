using Slotted.ClusterTests.Infrastructure;
using Slotted.ClusterTests.ReadFrom;

namespace Slotted.ClusterTests.PubSub;

[Collection("cluster")]
public sealed class SubscriptionTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private string Connection(int protocol, string? name = null) =>
        fixture.StartupNodes + $",protocol={protocol}" + (name is null ? "" : $",name={name}");

    internal static async Task<PubSubMessage> NextAsync(Subscription subscription, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Patience);
        return await subscription.Reader.ReadAsync(cts.Token);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Subscribe_ThousandMessages_ReceivedInPublishOrder(int protocol)
    {
        await using var cluster = await RedisCluster.ConnectAsync(Connection(protocol));
        string channel = $"order:{Guid.NewGuid():N}";
        await using var subscription = await cluster.SubscribeAsync(channel);
        Assert.Equal(SubscriptionKind.Channel, subscription.Kind);
        Assert.Single(subscription.EndPoints);
        for (int i = 0; i < 1000; i++) await cluster.PublishAsync(channel, $"m{i}");
        for (int i = 0; i < 1000; i++)
        {
            var message = await NextAsync(subscription);
            Assert.Equal(PubSubMessageKind.Message, message.Kind);
            Assert.Equal(channel, (string?)message.Channel);
            Assert.Equal($"m{i}", (string?)message.Message);
            Assert.Null(message.Pattern);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Subscribe_SubscriberOnAnotherNode_PublishCountsOnlyTheReceivingNode(int protocol)
    {
        await using var cluster = await RedisCluster.ConnectAsync(Connection(protocol));
        string channel = $"count:{Guid.NewGuid():N}";
        await using var subscription = await cluster.SubscribeAsync(channel);
        long receivers = await cluster.PublishAsync(channel, "x");
        // PUBLISH reports the subscribers of the node that took it; the cluster bus carries it to ours.
        bool sameNode = subscription.EndPoints[0] == cluster.GetNodeForKey(channel);
        Assert.Equal(sameNode ? 1 : 0, receivers);
        Assert.Equal("x", (string?)(await NextAsync(subscription)).Message);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task PSubscribe_MatchingChannels_ReceivedWithPattern(int protocol)
    {
        await using var cluster = await RedisCluster.ConnectAsync(Connection(protocol));
        string prefix = $"pat:{Guid.NewGuid():N}";
        await using var subscription = await cluster.PSubscribeAsync(prefix + ".*");
        Assert.Equal(SubscriptionKind.Pattern, subscription.Kind);
        await cluster.PublishAsync(prefix + "-nomatch", "no");
        await cluster.PublishAsync(prefix + ".a", "1");
        await cluster.PublishAsync(prefix + ".b", "2");
        var received = new[] { await NextAsync(subscription), await NextAsync(subscription) };
        Assert.All(received, m =>
        {
            Assert.Equal(PubSubMessageKind.PatternMessage, m.Kind);
            Assert.Equal(prefix + ".*", (string?)m.Pattern);
        });
        Assert.Equal(new[] { prefix + ".a", prefix + ".b" }, received.Select(m => (string)m.Channel!).Order());
        Assert.Equal(0, subscription.PendingCount);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task SSubscribe_ChannelsOnEveryShard_EachRoutedToItsPrimary(int protocol)
    {
        await using var cluster = await RedisCluster.ConnectAsync(Connection(protocol));
        string run = Guid.NewGuid().ToString("N");
        // Several channels per primary, in several slots, so SSUBSCRIBE is split per slot and per node.
        var channels = Enumerable.Range(0, 30).Select(i => (RedisValue)$"shard:{run}:{i}").ToArray();
        await using var subscription = await cluster.SSubscribeAsync(channels);
        var owners = channels.Select(c => cluster.GetNodeForKey((string)c!)!).Distinct().Order().ToArray();
        Assert.Equal(3, owners.Length);
        Assert.Equal(owners, subscription.EndPoints.Order().ToArray());
        foreach (var channel in channels) Assert.Equal(1, await cluster.SPublishAsync(channel, "to-" + channel));
        var got = new HashSet<string>();
        for (int i = 0; i < channels.Length; i++)
        {
            var message = await NextAsync(subscription);
            Assert.Equal(PubSubMessageKind.ShardMessage, message.Kind);
            Assert.Equal("to-" + message.Channel, (string?)message.Message);
            got.Add((string)message.Channel!);
        }
        Assert.Equal(channels.Length, got.Count);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Unsubscribe_OneChannel_ServerDropsItOthersStillDelivered(int protocol)
    {
        await using var cluster = await RedisCluster.ConnectAsync(Connection(protocol));
        string a = $"unsub-a:{Guid.NewGuid():N}", b = $"unsub-b:{Guid.NewGuid():N}";
        await using var subscription = await cluster.SubscribeAsync(a, b);
        Assert.Equal(1, (await cluster.PubSubNumSubAsync(a))[a]);
        await subscription.UnsubscribeAsync(a);
        Assert.Equal(new RedisValue[] { b }, subscription.Channels);
        Assert.Equal(0, (await cluster.PubSubNumSubAsync(a))[a]);
        Assert.Equal(1, (await cluster.PubSubNumSubAsync(b))[b]);
        await cluster.PublishAsync(a, "dropped");
        await cluster.PublishAsync(b, "kept");
        var message = await NextAsync(subscription);
        Assert.Equal(b, (string?)message.Channel);
        Assert.Equal("kept", (string?)message.Message);
    }

    [Fact]
    public async Task Dispose_Subscription_StreamEndsAndServerForgetsIt()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string channel = $"dispose:{Guid.NewGuid():N}";
        var subscription = await cluster.SubscribeAsync(channel);
        await cluster.PublishAsync(channel, "last");
        Assert.Equal("last", (string?)(await NextAsync(subscription)).Message);
        var reading = Task.Run(async () =>
        {
            int n = 0;
            await foreach (var _ in subscription) n++;
            return n;
        });
        await subscription.UnsubscribeAsync();
        Assert.Equal(0, await reading.WaitAsync(Patience));
        Assert.True(subscription.IsClosed);
        Assert.Equal(0, (await cluster.PubSubNumSubAsync(channel))[channel]);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => subscription.SubscribeAsync("more").AsTask());
    }

    [Fact]
    public async Task ClusterDisposed_OpenSubscriptions_Complete()
    {
        var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var subscription = await cluster.SubscribeAsync($"owner:{Guid.NewGuid():N}");
        await cluster.DisposeAsync();
        await subscription.Reader.Completion.WaitAsync(Patience);
        Assert.True(subscription.IsClosed);
    }

    [Fact]
    public async Task SlowConsumer_MessagesBuffered_ConnectionKeepsServingConfirmations()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string a = $"slow-a:{Guid.NewGuid():N}", b = $"slow-b:{Guid.NewGuid():N}";
        await using var subscription = await cluster.SubscribeAsync(a);
        for (int i = 0; i < 5000; i++) await cluster.PublishAsync(a, i);
        // Nothing was read: the reader thread still takes the confirmation of a new subscription.
        await subscription.SubscribeAsync(b);
        await cluster.PublishAsync(b, "after");
        // Order holds per channel (the two channels' PUBLISHes may reach the subscriber's node by different links).
        int next = 0;
        bool after = false;
        for (int i = 0; i < 5001; i++)
        {
            var message = await NextAsync(subscription);
            if ((string?)message.Channel == b)
            {
                Assert.Equal("after", (string?)message.Message);
                after = true;
            }
            else
            {
                Assert.Equal(next++, (long)message.Message);
            }
        }
        Assert.True(after);
        Assert.Equal(5000, next);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ConnectionKilled_SubscriptionRestoredAutomatically(int protocol)
    {
        string name = $"sub{Guid.NewGuid():N}";
        await using var cluster = await RedisCluster.ConnectAsync(Connection(protocol, name));
        string channel = $"heal:{Guid.NewGuid():N}";
        string pattern = $"healp:{Guid.NewGuid():N}:*";
        await using var subscription = await cluster.SubscribeAsync(channel);
        await using var patterns = await cluster.PSubscribeAsync(pattern);
        int port = NodeStats.PortOf(subscription.EndPoints[0]);
        var subscriber = NodeStats.Clients(fixture.Cluster, port, name).Single(c => c["sub"] == "1");
        Assert.Contains('P', subscriber["flags"]);
        fixture.Cluster.RedisCli(port, "CLIENT", "KILL", "ID", subscriber["id"]);

        Assert.Equal("back", (string?)(await PublishUntilReceivedAsync(cluster, subscription, channel, "back")).Message);
        var fresh = NodeStats.PortOf(subscription.EndPoints[0]);
        Assert.DoesNotContain(NodeStats.Clients(fixture.Cluster, fresh, name), c => c["id"] == subscriber["id"]);
        // The other subscription's connection was not touched and kept working.
        await cluster.PublishAsync(pattern.TrimEnd('*') + "x", "p");
        Assert.Equal("p", (string?)(await NextAsync(patterns)).Message);
    }

    /// <summary>Reads until a message with <paramref name="payload"/> arrives, skipping late copies of earlier retries.</summary>
    internal static async Task<PubSubMessage> ReceiveAsync(Subscription subscription, string payload)
    {
        while (true)
        {
            var message = await NextAsync(subscription);
            if ((string?)message.Message == payload) return message;
        }
    }

    /// <summary>Publishes until the subscription receives one (messages sent while it reconnects are lost, as Redis Pub/Sub is at-most-once).</summary>
    internal static async Task<PubSubMessage> PublishUntilReceivedAsync(RedisCluster cluster, Subscription subscription, RedisValue channel, string payload, bool shard = false)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (shard) await cluster.SPublishAsync(channel, payload);
            else await cluster.PublishAsync(channel, payload);
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            try
            {
                var message = await subscription.Reader.ReadAsync(cts.Token);
                // Drain duplicates of earlier attempts that arrived late.
                while (subscription.TryRead(out _))
                {
                }
                return message;
            }
            catch (OperationCanceledException)
            {
            }
        }
        throw new TimeoutException($"No message on {channel} within 20 s.");
    }

    [Fact]
    public void SyncTwins_SubscribePublishRead_Work()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        string channel = $"sync:{Guid.NewGuid():N}";
        string shard = $"{{sync}}:{Guid.NewGuid():N}";
        using var subscription = cluster.Subscribe(channel);
        using var shards = cluster.SSubscribe(shard);
        using var patterns = cluster.PSubscribe(channel + "*");
        cluster.Publish(channel, "hello");
        Assert.Equal(1, cluster.SPublish(shard, "shard-hello"));
        Assert.Equal("hello", (string?)subscription.Read(Patience)?.Message);
        Assert.Equal("hello", (string?)patterns.Read(Patience)?.Message);
        Assert.Equal("shard-hello", (string?)shards.Read(Patience)?.Message);
        Assert.Null(subscription.Read(TimeSpan.FromMilliseconds(50)));
        subscription.Subscribe(channel + ":2");
        cluster.Publish(channel + ":2", "two");
        Assert.Equal("two", (string?)subscription.Read(Patience)?.Message);
        subscription.Unsubscribe(channel + ":2");
        Assert.Equal(0, cluster.PubSubNumSub(channel + ":2")[channel + ":2"]);
        subscription.Unsubscribe();
        Assert.Null(subscription.Read(Patience));
    }

    [Fact]
    public async Task BadInput_RefusedBeforeSending()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        await Assert.ThrowsAsync<ArgumentException>(() => cluster.SubscribeAsync().AsTask());
        await Assert.ThrowsAsync<ArgumentNullException>(() => cluster.SubscribeAsync(RedisValue.Null).AsTask());
        await Assert.ThrowsAsync<ArgumentNullException>(() => cluster.PublishAsync(RedisValue.Null, "x").AsTask());
        await Assert.ThrowsAsync<ArgumentNullException>(() => cluster.SPublishAsync("c", RedisValue.Null).AsTask());
        // Subscribing through the any-command path would put a shared connection in subscriber mode.
        foreach (string command in new[] { "SUBSCRIBE", "psubscribe", "SSUBSCRIBE", "UNSUBSCRIBE", "PUNSUBSCRIBE", "SUNSUBSCRIBE" })
        {
            var error = await Assert.ThrowsAsync<RedisBlockedCommandException>(() => cluster.ExecuteAsync(command, "c").AsTask());
            Assert.Contains("SubscribeAsync", error.Message);
        }
        Assert.Equal("PONG", (await cluster.ExecuteAsync("PING")).ToString());
    }
}

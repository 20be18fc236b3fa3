namespace Slotted;

// PUBSUB introspection. In a cluster each node answers only for its own clients (Redis docs, PUBSUB:
// "replies in a cluster only report information from the node's Pub/Sub context"), and subscribers
// may sit on any node, so every helper asks every node and merges.
public sealed partial class RedisCluster
{
    /// <summary>PUBSUB CHANNELS: the channels with at least one subscriber anywhere in the cluster, optionally only those matching a glob <paramref name="pattern"/>.</summary>
    public async ValueTask<RedisValue[]> PubSubChannelsAsync(RedisValue pattern = default, CancellationToken cancellationToken = default) =>
        Union(await AskEveryNodeAsync(WithOptional(["PUBSUB", "CHANNELS"], pattern), cancellationToken).ConfigureAwait(false));

    /// <summary>The synchronous twin of <see cref="PubSubChannelsAsync"/>.</summary>
    public RedisValue[] PubSubChannels(RedisValue pattern = default) => Union(AskEveryNode(WithOptional(["PUBSUB", "CHANNELS"], pattern)));

    /// <summary>PUBSUB NUMSUB: for each channel, its subscribers across the cluster (pattern subscribers not counted).</summary>
    public ValueTask<IReadOnlyDictionary<RedisValue, long>> PubSubNumSubAsync(params RedisValue[] channels) => PubSubNumSubAsync(channels, CancellationToken.None);

    /// <inheritdoc cref="PubSubNumSubAsync(RedisValue[])"/>
    public async ValueTask<IReadOnlyDictionary<RedisValue, long>> PubSubNumSubAsync(IEnumerable<RedisValue> channels, CancellationToken cancellationToken) =>
        SumCounts(await AskEveryNodeAsync(WithChannels(["PUBSUB", "NUMSUB"], channels), cancellationToken).ConfigureAwait(false), channels);

    /// <summary>The synchronous twin of <see cref="PubSubNumSubAsync(RedisValue[])"/>.</summary>
    public IReadOnlyDictionary<RedisValue, long> PubSubNumSub(params RedisValue[] channels) =>
        SumCounts(AskEveryNode(WithChannels(["PUBSUB", "NUMSUB"], channels)), channels);

    /// <summary>PUBSUB NUMPAT: the number of pattern subscriptions across the cluster.</summary>
    public async ValueTask<long> PubSubNumPatAsync(CancellationToken cancellationToken = default) =>
        Sum(await AskEveryNodeAsync(["PUBSUB", "NUMPAT"], cancellationToken).ConfigureAwait(false));

    /// <summary>The synchronous twin of <see cref="PubSubNumPatAsync"/>.</summary>
    public long PubSubNumPat() => Sum(AskEveryNode(["PUBSUB", "NUMPAT"]));

    /// <summary>PUBSUB SHARDCHANNELS (Redis 7+): the shard channels with at least one subscriber, optionally matching a glob <paramref name="pattern"/>.</summary>
    public async ValueTask<RedisValue[]> PubSubShardChannelsAsync(RedisValue pattern = default, CancellationToken cancellationToken = default) =>
        Union(await AskEveryNodeAsync(WithOptional(["PUBSUB", "SHARDCHANNELS"], pattern), cancellationToken).ConfigureAwait(false));

    /// <summary>The synchronous twin of <see cref="PubSubShardChannelsAsync"/>.</summary>
    public RedisValue[] PubSubShardChannels(RedisValue pattern = default) => Union(AskEveryNode(WithOptional(["PUBSUB", "SHARDCHANNELS"], pattern)));

    /// <summary>PUBSUB SHARDNUMSUB (Redis 7+): for each shard channel, its subscribers (on the shard's primary and replicas).</summary>
    public ValueTask<IReadOnlyDictionary<RedisValue, long>> PubSubShardNumSubAsync(params RedisValue[] shardChannels) => PubSubShardNumSubAsync(shardChannels, CancellationToken.None);

    /// <inheritdoc cref="PubSubShardNumSubAsync(RedisValue[])"/>
    public async ValueTask<IReadOnlyDictionary<RedisValue, long>> PubSubShardNumSubAsync(IEnumerable<RedisValue> shardChannels, CancellationToken cancellationToken) =>
        SumCounts(await AskEveryNodeAsync(WithChannels(["PUBSUB", "SHARDNUMSUB"], shardChannels), cancellationToken).ConfigureAwait(false), shardChannels);

    /// <summary>The synchronous twin of <see cref="PubSubShardNumSubAsync(RedisValue[])"/>.</summary>
    public IReadOnlyDictionary<RedisValue, long> PubSubShardNumSub(params RedisValue[] shardChannels) =>
        SumCounts(AskEveryNode(WithChannels(["PUBSUB", "SHARDNUMSUB"], shardChannels)), shardChannels);

    private static RedisValue[] WithOptional(RedisValue[] head, RedisValue pattern) => pattern.IsNull ? head : [.. head, pattern];

    private static RedisValue[] WithChannels(RedisValue[] head, IEnumerable<RedisValue> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var parts = new List<RedisValue>(head);
        foreach (var channel in channels)
        {
            if (channel.IsNull) throw new ArgumentNullException(nameof(channels), "A channel cannot be null.");
            parts.Add(channel);
        }
        return [.. parts];
    }

    /// <summary>Runs a command on every node (or every primary) and returns the replies; a failing node throws <see cref="RedisFanOutException"/>.</summary>
    internal async ValueTask<RedisResult[]> AskEveryNodeAsync(RedisValue[] parts, CancellationToken cancellationToken, bool primariesOnly = false) =>
        [.. (await Routing.FanOut.RunAsync(_executor, primariesOnly ? TargetNodes.Primaries : TargetNodes.AllNodes, parts, static r => r, cancellationToken).ConfigureAwait(false)).Values];

    /// <summary>The synchronous twin of <see cref="AskEveryNodeAsync"/>.</summary>
    internal RedisResult[] AskEveryNode(RedisValue[] parts, bool primariesOnly = false) =>
        [.. Routing.FanOut.Run(_executor, primariesOnly ? TargetNodes.Primaries : TargetNodes.AllNodes, parts, static r => r).Values];

    internal List<string> NodeEndPoints(bool primariesOnly)
    {
        var list = new List<string>();
        var map = SlotMap;
        if (primariesOnly)
        {
            foreach (var primary in map.Primaries) if (!list.Contains(primary.EndPoint)) list.Add(primary.EndPoint);
        }
        else
        {
            foreach (var node in map.Nodes) if (!list.Contains(node.EndPoint)) list.Add(node.EndPoint);
        }
        if (list.Count == 0) throw new RedisConnectionException("The slot map names no node; is the cluster reachable?");
        return list;
    }

    private static RedisValue[] Union(RedisResult[] replies)
    {
        var seen = new HashSet<RedisValue>();
        var result = new List<RedisValue>();
        foreach (var reply in replies)
            foreach (var element in reply.Elements)
                if (seen.Add(element.Value)) result.Add(element.Value);
        return [.. result];
    }

    private static long Sum(RedisResult[] replies)
    {
        long total = 0;
        foreach (var reply in replies) total += reply.ToInt64();
        return total;
    }

    private static IReadOnlyDictionary<RedisValue, long> SumCounts(RedisResult[] replies, IEnumerable<RedisValue> channels)
    {
        var counts = new Dictionary<RedisValue, long>();
        foreach (var channel in channels) counts[channel] = 0;
        foreach (var reply in replies)
        {
            // RESP2: a flat [channel, count, ...] array; RESP3: a map, which reads as the same flat list.
            for (int i = 0; i + 1 < reply.Length; i += 2)
            {
                var channel = reply[i].Value;
                counts[channel] = counts.GetValueOrDefault(channel) + reply[i + 1].ToInt64();
            }
        }
        return counts;
    }
}

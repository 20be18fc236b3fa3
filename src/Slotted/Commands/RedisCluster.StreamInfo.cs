namespace Slotted;

// XINFO STREAM / GROUPS / CONSUMERS. The replies are maps in RESP3 and flat name/value arrays in
// RESP2; StreamReplies reads both the same way.
public sealed partial class RedisCluster
{
    /// <summary>
    /// XINFO STREAM: the stream's length, last ids, counters, group count and first and last entries
    /// (https://redis.io/docs/latest/commands/xinfo-stream/).
    /// </summary>
    /// <exception cref="RedisServerException">The key does not exist (<c>ERR no such key</c>) or holds another type.</exception>
    public async ValueTask<StreamInfo> XInfoStreamAsync(RedisKey key, CancellationToken cancellationToken = default) =>
        StreamReplies.Info(await RunAsync(["XINFO", "STREAM", key], key, readOnly: true, cancellationToken).ConfigureAwait(false));

    /// <summary>XINFO STREAM (synchronous).</summary>
    public StreamInfo XInfoStream(RedisKey key) => StreamReplies.Info(Run(["XINFO", "STREAM", key], key, readOnly: true));

    /// <summary>
    /// XINFO STREAM ... FULL: the stream's counters, its entries and every group's pending list and
    /// consumers. <paramref name="count"/> caps the entries and each pending list (server default 10; 0 for all, which may be slow on a big stream).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="RedisServerException">The key does not exist or holds another type.</exception>
    public async ValueTask<StreamFullInfo> XInfoStreamFullAsync(RedisKey key, long? count = null, CancellationToken cancellationToken = default) =>
        StreamReplies.FullInfo(await RunAsync(XInfoFullParts(key, count), key, readOnly: true, cancellationToken).ConfigureAwait(false));

    /// <summary>XINFO STREAM ... FULL (synchronous).</summary>
    public StreamFullInfo XInfoStreamFull(RedisKey key, long? count = null) => StreamReplies.FullInfo(Run(XInfoFullParts(key, count), key, readOnly: true));

    /// <summary>XINFO GROUPS: every consumer group of the stream with its consumers, pending count, last delivered id and lag (https://redis.io/docs/latest/commands/xinfo-groups/).</summary>
    /// <exception cref="RedisServerException">The key does not exist or holds another type.</exception>
    public async ValueTask<StreamGroupInfo[]> XInfoGroupsAsync(RedisKey key, CancellationToken cancellationToken = default) =>
        StreamReplies.Groups(await RunAsync(["XINFO", "GROUPS", key], key, readOnly: true, cancellationToken).ConfigureAwait(false));

    /// <summary>XINFO GROUPS (synchronous).</summary>
    public StreamGroupInfo[] XInfoGroups(RedisKey key) => StreamReplies.Groups(Run(["XINFO", "GROUPS", key], key, readOnly: true));

    /// <summary>XINFO CONSUMERS: every consumer of <paramref name="group"/> with its pending count and idle time (https://redis.io/docs/latest/commands/xinfo-consumers/).</summary>
    /// <exception cref="RedisServerException"><c>NOGROUP</c> when the stream or the group does not exist.</exception>
    public async ValueTask<StreamConsumerInfo[]> XInfoConsumersAsync(RedisKey key, RedisValue group, CancellationToken cancellationToken = default) =>
        StreamReplies.Consumers(await RunAsync(GroupParts("XINFO", "CONSUMERS", key, group), key, readOnly: true, cancellationToken).ConfigureAwait(false));

    /// <summary>XINFO CONSUMERS (synchronous).</summary>
    public StreamConsumerInfo[] XInfoConsumers(RedisKey key, RedisValue group) => StreamReplies.Consumers(Run(GroupParts("XINFO", "CONSUMERS", key, group), key, readOnly: true));

    private static RedisValue[] XInfoFullParts(RedisKey key, long? count)
    {
        var parts = new List<RedisValue>(6) { "XINFO", "STREAM", key, "FULL" };
        CommandParts.AddCount(parts, count);
        return [.. parts];
    }
}

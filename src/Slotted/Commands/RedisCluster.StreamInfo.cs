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
}

using Slotted.MultiKey;

namespace Slotted;

// XREAD and XREADGROUP. Without BLOCK, streams in several slots are read with one command per slot
// (MultiKey/StreamReadEmulation.cs); with BLOCK the call runs on an exclusive connection
// (RedisCluster.Blocking.cs), its streams in one slot.
public sealed partial class RedisCluster
{
    /// <summary>
    /// XREAD of one stream: the entries with ids greater than <paramref name="id"/>, oldest first
    /// (https://redis.io/docs/latest/commands/xread/). With <paramref name="block"/> the server waits
    /// up to that long for an entry when there is none yet — on an exclusive connection, so other
    /// callers are never held up; the client waits <paramref name="block"/> plus the command timeout.
    /// </summary>
    /// <param name="key">The stream.</param>
    /// <param name="id">Read after this id: <c>0</c> from the start, <c>$</c> (with <paramref name="block"/>) only entries added from now on,
    /// <c>+</c> the last entry (Redis 7.4+).</param>
    /// <param name="count">COUNT: at most this many entries; null for all.</param>
    /// <param name="block">BLOCK: how long to wait for an entry (millisecond precision), <see cref="Timeout.InfiniteTimeSpan"/> for ever; null does not wait.</param>
    /// <param name="cancellationToken">Cancels the wait; a blocked server is released with CLIENT UNBLOCK.</param>
    /// <returns>The entries; empty when there were none (or none arrived in time).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative, or <paramref name="block"/> is zero or negative (Redis reads 0 as "for ever").</exception>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    public async ValueTask<StreamEntry[]> XReadAsync(RedisKey key, RedisValue id, long? count = null, TimeSpan? block = null, CancellationToken cancellationToken = default) =>
        StreamReplies.SingleStream(await ReadStreamAsync(XReadHead(count, block), new(key, id), block, readOnly: true, cancellationToken).ConfigureAwait(false));

    /// <summary>XREAD of one stream (synchronous; with <paramref name="block"/> the calling thread waits).</summary>
    public StreamEntry[] XRead(RedisKey key, RedisValue id, long? count = null, TimeSpan? block = null) =>
        StreamReplies.SingleStream(ReadStream(XReadHead(count, block), new(key, id), block, readOnly: true));

    /// <summary>
    /// XREAD of several streams: for each, the entries after its id; streams with none are left out,
    /// and the others come in the order given (https://redis.io/docs/latest/commands/xread/).
    /// </summary>
    /// <remarks>
    /// Without <paramref name="block"/> the streams may be in any slots: one XREAD per slot, all sent
    /// together, so each slot is read at a slightly different moment. With <paramref name="block"/> the
    /// server waits on one node for any of the streams, so they must share a slot (use a {hash tag}).
    /// </remarks>
    /// <param name="streams">Each stream with the id to read after.</param>
    /// <param name="count">COUNT: at most this many entries per stream; null for all.</param>
    /// <param name="block">BLOCK: how long to wait when no stream has entries; null does not wait.</param>
    /// <param name="cancellationToken">Cancels the wait; a blocked server is released with CLIENT UNBLOCK.</param>
    /// <exception cref="ArgumentException"><paramref name="streams"/> is empty or names a null or empty key.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="streams"/> or an id is null.</exception>
    /// <exception cref="RedisCrossSlotException"><paramref name="block"/> is given and the streams are in different slots (nothing is sent).</exception>
    public ValueTask<StreamReadResult[]> XReadAsync(IReadOnlyList<StreamPosition> streams, long? count = null, TimeSpan? block = null, CancellationToken cancellationToken = default) =>
        ReadStreamsAsync(XReadHead(count, block), streams, block, readOnly: true, cancellationToken);

    /// <summary>XREAD of several streams (synchronous).</summary>
    public StreamReadResult[] XRead(IReadOnlyList<StreamPosition> streams, long? count = null, TimeSpan? block = null) =>
        ReadStreams(XReadHead(count, block), streams, block, readOnly: true);

    /// <summary>
    /// XREADGROUP of one stream: reads as <paramref name="consumer"/> of <paramref name="group"/>
    /// (https://redis.io/docs/latest/commands/xreadgroup/). With <c>&gt;</c> (the default) it gets entries
    /// never delivered to the group, which become pending for this consumer until XACK; with an id it
    /// re-reads the consumer's own pending entries after that id (a deleted one comes with no fields,
    /// <see cref="StreamEntry.IsDeleted"/>). <paramref name="block"/> waits as in <see cref="XReadAsync(RedisKey, RedisValue, long?, TimeSpan?, CancellationToken)"/>.
    /// </summary>
    /// <param name="key">The stream.</param>
    /// <param name="group">The consumer group (created with XGROUP CREATE).</param>
    /// <param name="consumer">The consumer; created in the group on first use.</param>
    /// <param name="id"><c>&gt;</c> (<see cref="RedisValue.Null"/>, the default) for new entries, or an id for the pending history.</param>
    /// <param name="count">COUNT: at most this many entries; null for all.</param>
    /// <param name="block">BLOCK: how long to wait for a new entry; null does not wait.</param>
    /// <param name="noAck">NOACK: do not add the entries to the pending list (acknowledged on delivery).</param>
    /// <param name="cancellationToken">Cancels the wait; a blocked server is released with CLIENT UNBLOCK.</param>
    /// <exception cref="RedisServerException"><c>NOGROUP</c>: the stream or the group does not exist.</exception>
    public async ValueTask<StreamEntry[]> XReadGroupAsync(RedisKey key, RedisValue group, RedisValue consumer, RedisValue id = default, long? count = null,
        TimeSpan? block = null, bool noAck = false, CancellationToken cancellationToken = default) =>
        StreamReplies.SingleStream(await ReadStreamAsync(XReadGroupHead(group, consumer, count, block, noAck), new(key, Or(id, ">")), block, readOnly: false, cancellationToken)
            .ConfigureAwait(false));

    /// <summary>XREADGROUP of one stream (synchronous).</summary>
    public StreamEntry[] XReadGroup(RedisKey key, RedisValue group, RedisValue consumer, RedisValue id = default, long? count = null, TimeSpan? block = null, bool noAck = false) =>
        StreamReplies.SingleStream(ReadStream(XReadGroupHead(group, consumer, count, block, noAck), new(key, Or(id, ">")), block, readOnly: false));

    /// <summary>
    /// XREADGROUP of several streams, each with its own id (<c>&gt;</c> for new entries); the group
    /// must exist on every stream. Streams with nothing to read are left out, the others come in the order given.
    /// </summary>
    /// <remarks>
    /// Without <paramref name="block"/> the streams may be in any slots (one XREADGROUP per slot, all
    /// sent together); with <paramref name="block"/> they must share a slot. Across slots the reads are
    /// not one step: when one slot fails (say <c>NOGROUP</c>) the call throws, and entries the other slots
    /// delivered stay pending for the consumer — re-read them with id <c>0</c> (its pending history) or
    /// XAUTOCLAIM. Natively the whole command would have failed before delivering anything.
    /// </remarks>
    /// <exception cref="RedisCrossSlotException"><paramref name="block"/> is given and the streams are in different slots (nothing is sent).</exception>
    public ValueTask<StreamReadResult[]> XReadGroupAsync(IReadOnlyList<StreamPosition> streams, RedisValue group, RedisValue consumer, long? count = null,
        TimeSpan? block = null, bool noAck = false, CancellationToken cancellationToken = default) =>
        ReadStreamsAsync(XReadGroupHead(group, consumer, count, block, noAck), streams, block, readOnly: false, cancellationToken);

    /// <summary>XREADGROUP of several streams (synchronous).</summary>
    public StreamReadResult[] XReadGroup(IReadOnlyList<StreamPosition> streams, RedisValue group, RedisValue consumer, long? count = null, TimeSpan? block = null, bool noAck = false) =>
        ReadStreams(XReadGroupHead(group, consumer, count, block, noAck), streams, block, readOnly: false);

    private ValueTask<RedisResult> ReadStreamAsync(RedisValue[] head, StreamPosition stream, TimeSpan? block, bool readOnly, CancellationToken cancellationToken)
    {
        var parts = StreamReadEmulation.Parts(head, [stream]);
        Guard.Value(stream.Id, "id");
        return block is { } wait ? RunBlockingAsync(parts, stream.Key, wait, cancellationToken) : RunAsync(parts, stream.Key, readOnly, cancellationToken);
    }

    private RedisResult ReadStream(RedisValue[] head, StreamPosition stream, TimeSpan? block, bool readOnly)
    {
        var parts = StreamReadEmulation.Parts(head, [stream]);
        Guard.Value(stream.Id, "id");
        return block is { } wait ? RunBlocking(parts, stream.Key, wait) : Run(parts, stream.Key, readOnly);
    }

    private async ValueTask<StreamReadResult[]> ReadStreamsAsync(RedisValue[] head, IReadOnlyList<StreamPosition> streams, TimeSpan? block, bool readOnly, CancellationToken cancellationToken)
    {
        if (block is not { } wait) return await StreamReadEmulation.ReadAsync(AsyncRunner(cancellationToken), head, streams, readOnly).ConfigureAwait(false);
        int slot = StreamReadEmulation.BlockingSlot(streams);
        return StreamReplies.ReadResults(await RunBlockingAsync(StreamReadEmulation.Parts(head, streams), slot, wait, cancellationToken).ConfigureAwait(false));
    }

    private StreamReadResult[] ReadStreams(RedisValue[] head, IReadOnlyList<StreamPosition> streams, TimeSpan? block, bool readOnly)
    {
        if (block is not { } wait) return MultiKeyRunner.Complete(StreamReadEmulation.ReadAsync(SyncRunner, head, streams, readOnly));
        int slot = StreamReadEmulation.BlockingSlot(streams);
        return StreamReplies.ReadResults(RunBlocking(StreamReadEmulation.Parts(head, streams), slot, wait));
    }

    /// <summary><c>XREAD [COUNT n] [BLOCK ms]</c>.</summary>
    internal static RedisValue[] XReadHead(long? count, TimeSpan? block)
    {
        var head = new List<RedisValue>(5) { "XREAD" };
        AddReadOptions(head, count, block);
        return [.. head];
    }

    /// <summary><c>XREADGROUP GROUP group consumer [COUNT n] [BLOCK ms] [NOACK]</c>.</summary>
    internal static RedisValue[] XReadGroupHead(RedisValue group, RedisValue consumer, long? count, TimeSpan? block, bool noAck)
    {
        Guard.Value(group, nameof(group));
        Guard.Value(consumer, nameof(consumer));
        var head = new List<RedisValue>(9) { "XREADGROUP", "GROUP", group, consumer };
        AddReadOptions(head, count, block);
        if (noAck) head.Add("NOACK");
        return [.. head];
    }

    private static void AddReadOptions(List<RedisValue> head, long? count, TimeSpan? block)
    {
        CommandParts.AddCount(head, count);
        if (block is not { } wait) return;
        head.Add("BLOCK");
        head.Add(CommandParts.BlockMilliseconds(wait, nameof(block)));
    }
}

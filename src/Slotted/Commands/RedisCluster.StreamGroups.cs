using Slotted.Routing;

namespace Slotted;

// Consumer groups (https://redis.io/docs/latest/develop/data-types/streams/#consumer-groups):
// XGROUP, XACK, XPENDING, XCLAIM and XAUTOCLAIM. Reading as a consumer is XREADGROUP, in
// RedisCluster.StreamReads.cs. Every command here names one stream, so it goes to its slot's primary.
public sealed partial class RedisCluster
{
    /// <summary>
    /// XGROUP CREATE: creates consumer group <paramref name="group"/> on the stream, delivering entries
    /// after <paramref name="id"/> (https://redis.io/docs/latest/commands/xgroup-create/).
    /// </summary>
    /// <param name="key">The stream.</param>
    /// <param name="group">The new group's name.</param>
    /// <param name="id">The last entry considered delivered: <c>$</c> (<see cref="RedisValue.Null"/>, the default) for only new entries, <c>0</c> for the whole stream.</param>
    /// <param name="mkStream">MKSTREAM: create an empty stream when the key does not exist (otherwise that is an error).</param>
    /// <param name="entriesRead">ENTRIESREAD (Redis 7.0+): the group's read counter, which lets the server compute its lag.</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    /// <exception cref="RedisServerException"><c>BUSYGROUP</c> when the group exists; an error when the stream does not and <paramref name="mkStream"/> is false.</exception>
    public async ValueTask XGroupCreateAsync(RedisKey key, RedisValue group, RedisValue id = default, bool mkStream = false, long? entriesRead = null,
        CancellationToken cancellationToken = default) =>
        await RunAsync(GroupIdParts("CREATE", key, group, id, mkStream, entriesRead), key, readOnly: false, cancellationToken).ConfigureAwait(false);

    /// <summary>XGROUP CREATE (synchronous).</summary>
    public void XGroupCreate(RedisKey key, RedisValue group, RedisValue id = default, bool mkStream = false, long? entriesRead = null) =>
        Run(GroupIdParts("CREATE", key, group, id, mkStream, entriesRead), key, readOnly: false);

    /// <summary>
    /// XGROUP SETID: moves the group's last delivered id to <paramref name="id"/> (<c>$</c>, the default, for the
    /// stream's last entry), so entries after it are delivered next (https://redis.io/docs/latest/commands/xgroup-setid/).
    /// </summary>
    /// <exception cref="RedisServerException"><c>NOGROUP</c> when the stream or the group does not exist.</exception>
    public async ValueTask XGroupSetIdAsync(RedisKey key, RedisValue group, RedisValue id = default, long? entriesRead = null, CancellationToken cancellationToken = default) =>
        await RunAsync(GroupIdParts("SETID", key, group, id, mkStream: false, entriesRead), key, readOnly: false, cancellationToken).ConfigureAwait(false);

    /// <summary>XGROUP SETID (synchronous).</summary>
    public void XGroupSetId(RedisKey key, RedisValue group, RedisValue id = default, long? entriesRead = null) =>
        Run(GroupIdParts("SETID", key, group, id, mkStream: false, entriesRead), key, readOnly: false);

    /// <summary>XGROUP DESTROY: removes the group, its consumers and its pending list; true when it existed (https://redis.io/docs/latest/commands/xgroup-destroy/).</summary>
    public async ValueTask<bool> XGroupDestroyAsync(RedisKey key, RedisValue group, CancellationToken cancellationToken = default) =>
        await RunAsync(GroupParts("XGROUP", "DESTROY", key, group), key, readOnly: false, ReplyDecoders.Int64, cancellationToken).ConfigureAwait(false) == 1;

    /// <summary>XGROUP DESTROY (synchronous).</summary>
    public bool XGroupDestroy(RedisKey key, RedisValue group) => Run(GroupParts("XGROUP", "DESTROY", key, group), key, readOnly: false, ReplyDecoders.Int64) == 1;

    /// <summary>XGROUP CREATECONSUMER: adds <paramref name="consumer"/> to the group; false when it was already there (https://redis.io/docs/latest/commands/xgroup-createconsumer/).</summary>
    public async ValueTask<bool> XGroupCreateConsumerAsync(RedisKey key, RedisValue group, RedisValue consumer, CancellationToken cancellationToken = default) =>
        await RunAsync(GroupParts("XGROUP", "CREATECONSUMER", key, group, consumer), key, readOnly: false, ReplyDecoders.Int64, cancellationToken).ConfigureAwait(false) == 1;

    /// <summary>XGROUP CREATECONSUMER (synchronous).</summary>
    public bool XGroupCreateConsumer(RedisKey key, RedisValue group, RedisValue consumer) =>
        Run(GroupParts("XGROUP", "CREATECONSUMER", key, group, consumer), key, readOnly: false, ReplyDecoders.Int64) == 1;

    /// <summary>
    /// XGROUP DELCONSUMER: removes <paramref name="consumer"/> from the group and returns how many entries it
    /// still had pending — those are dropped from the pending list unacknowledged (https://redis.io/docs/latest/commands/xgroup-delconsumer/).
    /// </summary>
    public ValueTask<long> XGroupDelConsumerAsync(RedisKey key, RedisValue group, RedisValue consumer, CancellationToken cancellationToken = default) =>
        RunAsync(GroupParts("XGROUP", "DELCONSUMER", key, group, consumer), key, readOnly: false, ReplyDecoders.Int64, cancellationToken);

    /// <summary>XGROUP DELCONSUMER (synchronous).</summary>
    public long XGroupDelConsumer(RedisKey key, RedisValue group, RedisValue consumer) =>
        Run(GroupParts("XGROUP", "DELCONSUMER", key, group, consumer), key, readOnly: false, ReplyDecoders.Int64);

    /// <summary>XACK: acknowledges <paramref name="ids"/> for the group (removes them from its pending list); returns how many were pending (https://redis.io/docs/latest/commands/xack/).</summary>
    /// <exception cref="ArgumentException"><paramref name="ids"/> is empty.</exception>
    public ValueTask<long> XAckAsync(RedisKey key, RedisValue group, params RedisValue[] ids) => XAckAsync(key, group, ids, CancellationToken.None);

    /// <inheritdoc cref="XAckAsync(RedisKey, RedisValue, RedisValue[])"/>
    public ValueTask<long> XAckAsync(RedisKey key, RedisValue group, RedisValue[] ids, CancellationToken cancellationToken) =>
        RunAsync(XAckParts(key, group, ids), key, readOnly: false, ReplyDecoders.Int64, cancellationToken);

    /// <summary>XACK (synchronous).</summary>
    public long XAck(RedisKey key, RedisValue group, params RedisValue[] ids) => Run(XAckParts(key, group, ids), key, readOnly: false, ReplyDecoders.Int64);

    /// <summary>
    /// XPENDING, summary form: how many entries the group delivered without acknowledgement, their
    /// lowest and highest ids, and how many each consumer holds (https://redis.io/docs/latest/commands/xpending/).
    /// </summary>
    /// <exception cref="RedisServerException"><c>NOGROUP</c> when the stream or the group does not exist.</exception>
    public async ValueTask<StreamPendingSummary> XPendingAsync(RedisKey key, RedisValue group, CancellationToken cancellationToken = default) =>
        StreamReplies.PendingSummary(await RunAsync(GroupParts("XPENDING", null, key, group), key, readOnly: true, cancellationToken).ConfigureAwait(false));

    /// <summary>XPENDING, summary form (synchronous).</summary>
    public StreamPendingSummary XPending(RedisKey key, RedisValue group) => StreamReplies.PendingSummary(Run(GroupParts("XPENDING", null, key, group), key, readOnly: true));

    /// <summary>
    /// XPENDING, extended form: the group's pending entries with ids from <paramref name="start"/> to
    /// <paramref name="end"/> (<c>-</c> and <c>+</c> for all; <c>(id</c> exclusive), at most
    /// <paramref name="count"/>, each with its consumer, idle time and delivery count.
    /// </summary>
    /// <param name="key">The stream.</param>
    /// <param name="group">The group.</param>
    /// <param name="start">The lowest id.</param>
    /// <param name="end">The highest id.</param>
    /// <param name="count">At most this many entries.</param>
    /// <param name="consumer">Only this consumer's entries; <see cref="RedisValue.Null"/> for every consumer's.</param>
    /// <param name="minIdle">IDLE (Redis 6.2+): only entries idle at least this long.</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> or <paramref name="minIdle"/> is negative.</exception>
    public async ValueTask<StreamPendingEntry[]> XPendingAsync(RedisKey key, RedisValue group, RedisValue start, RedisValue end, long count,
        RedisValue consumer = default, TimeSpan? minIdle = null, CancellationToken cancellationToken = default) =>
        StreamReplies.PendingEntries(await RunAsync(XPendingParts(key, group, start, end, count, consumer, minIdle), key, readOnly: true, cancellationToken).ConfigureAwait(false));

    /// <summary>XPENDING, extended form (synchronous).</summary>
    public StreamPendingEntry[] XPending(RedisKey key, RedisValue group, RedisValue start, RedisValue end, long count, RedisValue consumer = default, TimeSpan? minIdle = null) =>
        StreamReplies.PendingEntries(Run(XPendingParts(key, group, start, end, count, consumer, minIdle), key, readOnly: true));

    /// <summary>
    /// XCLAIM: gives the pending entries <paramref name="ids"/> that have been idle at least
    /// <paramref name="minIdle"/> to <paramref name="consumer"/> and returns them — the way to take over
    /// the work of a consumer that failed (https://redis.io/docs/latest/commands/xclaim/). Ids not
    /// pending, not idle long enough, or deleted from the stream are not returned (a deleted one is
    /// removed from the pending list).
    /// </summary>
    /// <param name="key">The stream.</param>
    /// <param name="group">The group.</param>
    /// <param name="consumer">The consumer that takes the entries (created when missing).</param>
    /// <param name="minIdle">Claim only entries idle at least this long (0 for all).</param>
    /// <param name="ids">The entries to claim.</param>
    /// <param name="options">IDLE, TIME, RETRYCOUNT and FORCE; null for none.</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    /// <exception cref="ArgumentException"><paramref name="ids"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minIdle"/> is negative.</exception>
    public async ValueTask<StreamEntry[]> XClaimAsync(RedisKey key, RedisValue group, RedisValue consumer, TimeSpan minIdle, IReadOnlyList<RedisValue> ids,
        StreamClaimOptions? options = null, CancellationToken cancellationToken = default) =>
        StreamReplies.Entries(await RunAsync(XClaimParts(key, group, consumer, minIdle, ids, options, justId: false), key, readOnly: false, cancellationToken).ConfigureAwait(false));

    /// <summary>XCLAIM (synchronous).</summary>
    public StreamEntry[] XClaim(RedisKey key, RedisValue group, RedisValue consumer, TimeSpan minIdle, IReadOnlyList<RedisValue> ids, StreamClaimOptions? options = null) =>
        StreamReplies.Entries(Run(XClaimParts(key, group, consumer, minIdle, ids, options, justId: false), key, readOnly: false));

    /// <summary>
    /// XCLAIM ... JUSTID: claims like <see cref="XClaimAsync"/> but returns only the claimed ids, and
    /// does not count a delivery (the entries' delivery counts stay as they were).
    /// </summary>
    public async ValueTask<RedisValue[]> XClaimJustIdAsync(RedisKey key, RedisValue group, RedisValue consumer, TimeSpan minIdle, IReadOnlyList<RedisValue> ids,
        StreamClaimOptions? options = null, CancellationToken cancellationToken = default) =>
        (await RunAsync(XClaimParts(key, group, consumer, minIdle, ids, options, justId: true), key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToValueArray();

    /// <summary>XCLAIM ... JUSTID (synchronous).</summary>
    public RedisValue[] XClaimJustId(RedisKey key, RedisValue group, RedisValue consumer, TimeSpan minIdle, IReadOnlyList<RedisValue> ids, StreamClaimOptions? options = null) =>
        Run(XClaimParts(key, group, consumer, minIdle, ids, options, justId: true), key, readOnly: false).ToValueArray();

    /// <summary>
    /// XAUTOCLAIM: scans the group's pending list from <paramref name="start"/> and gives up to
    /// <paramref name="count"/> entries idle at least <paramref name="minIdle"/> to <paramref name="consumer"/>
    /// (https://redis.io/docs/latest/commands/xautoclaim/). Call again with
    /// <see cref="StreamAutoClaimResult.NextStartId"/> until it is <c>0-0</c> to go through the whole list.
    /// </summary>
    /// <param name="key">The stream.</param>
    /// <param name="group">The group.</param>
    /// <param name="consumer">The consumer that takes the entries.</param>
    /// <param name="minIdle">Claim only entries idle at least this long.</param>
    /// <param name="start">Where to start scanning (<c>0-0</c>, or <see cref="RedisValue.Null"/>, for the beginning).</param>
    /// <param name="count">COUNT: at most this many entries (server default 100); null for the default.</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minIdle"/> is negative or <paramref name="count"/> is not positive.</exception>
    public async ValueTask<StreamAutoClaimResult> XAutoClaimAsync(RedisKey key, RedisValue group, RedisValue consumer, TimeSpan minIdle, RedisValue start = default,
        long? count = null, CancellationToken cancellationToken = default) =>
        StreamReplies.AutoClaim(await RunAsync(XAutoClaimParts(key, group, consumer, minIdle, start, count), key, readOnly: false, cancellationToken).ConfigureAwait(false));

    /// <summary>XAUTOCLAIM (synchronous).</summary>
    public StreamAutoClaimResult XAutoClaim(RedisKey key, RedisValue group, RedisValue consumer, TimeSpan minIdle, RedisValue start = default, long? count = null) =>
        StreamReplies.AutoClaim(Run(XAutoClaimParts(key, group, consumer, minIdle, start, count), key, readOnly: false));

    /// <summary>
    /// XAUTOCLAIM with JUSTID: as <see cref="XAutoClaimAsync"/>, but only the ids of the claimed entries
    /// come back, and their delivery counts are not incremented.
    /// </summary>
    /// <inheritdoc cref="XAutoClaimAsync" path="/param"/>
    /// <inheritdoc cref="XAutoClaimAsync" path="/exception"/>
    public async ValueTask<StreamAutoClaimIdsResult> XAutoClaimJustIdAsync(RedisKey key, RedisValue group, RedisValue consumer, TimeSpan minIdle, RedisValue start = default,
        long? count = null, CancellationToken cancellationToken = default) =>
        StreamReplies.AutoClaimIds(await RunAsync(XAutoClaimParts(key, group, consumer, minIdle, start, count, justId: true), key, readOnly: false, cancellationToken).ConfigureAwait(false));

    /// <summary>XAUTOCLAIM with JUSTID (synchronous).</summary>
    public StreamAutoClaimIdsResult XAutoClaimJustId(RedisKey key, RedisValue group, RedisValue consumer, TimeSpan minIdle, RedisValue start = default, long? count = null) =>
        StreamReplies.AutoClaimIds(Run(XAutoClaimParts(key, group, consumer, minIdle, start, count, justId: true), key, readOnly: false));

    /// <summary><c>command [subcommand] key group</c>, the start of every consumer-group command.</summary>
    private static List<RedisValue> GroupList(string command, string? subcommand, RedisKey key, RedisValue group, int capacity = 8)
    {
        Guard.Value(group, nameof(group));
        var parts = new List<RedisValue>(capacity) { command };
        if (subcommand is not null) parts.Add(subcommand);
        parts.Add(key);
        parts.Add(group);
        return parts;
    }

    internal static RedisValue[] GroupParts(string command, string? subcommand, RedisKey key, RedisValue group) => [.. GroupList(command, subcommand, key, group)];

    private static RedisValue[] GroupParts(string command, string? subcommand, RedisKey key, RedisValue group, RedisValue consumer)
    {
        var parts = GroupList(command, subcommand, key, group);
        Guard.Value(consumer, nameof(consumer));
        parts.Add(consumer);
        return [.. parts];
    }

    private static RedisValue[] GroupIdParts(string subcommand, RedisKey key, RedisValue group, RedisValue id, bool mkStream, long? entriesRead)
    {
        var parts = GroupList("XGROUP", subcommand, key, group);
        parts.Add(Or(id, "$"));
        if (mkStream) parts.Add("MKSTREAM");
        if (entriesRead is { } read)
        {
            CommandParts.NonNegative(read, nameof(entriesRead));
            parts.Add("ENTRIESREAD");
            parts.Add(read);
        }
        return [.. parts];
    }

    internal static RedisValue[] XAckParts(RedisKey key, RedisValue group, RedisValue[] ids)
    {
        CommandParts.Values(ids, nameof(ids));
        var parts = GroupList("XACK", null, key, group, 3 + ids.Length);
        parts.AddRange(ids);
        return [.. parts];
    }

    private static RedisValue[] XPendingParts(RedisKey key, RedisValue group, RedisValue start, RedisValue end, long count, RedisValue consumer, TimeSpan? minIdle)
    {
        var parts = GroupList("XPENDING", null, key, group, 10);
        if (minIdle is { } idle)
        {
            parts.Add("IDLE");
            parts.Add(Milliseconds(idle, nameof(minIdle)));
        }
        Guard.Value(start, nameof(start));
        Guard.Value(end, nameof(end));
        CommandParts.NonNegative(count, nameof(count));
        parts.Add(start);
        parts.Add(end);
        parts.Add(count);
        if (!consumer.IsNull) parts.Add(consumer);
        return [.. parts];
    }

    private static RedisValue[] XClaimParts(RedisKey key, RedisValue group, RedisValue consumer, TimeSpan minIdle, IReadOnlyList<RedisValue> ids, StreamClaimOptions? options, bool justId)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var list = new RedisValue[ids.Count];
        for (int i = 0; i < list.Length; i++) list[i] = ids[i];
        CommandParts.Values(list, nameof(ids));
        var parts = GroupList("XCLAIM", null, key, group, 12 + list.Length);
        Guard.Value(consumer, nameof(consumer));
        parts.Add(consumer);
        parts.Add(Milliseconds(minIdle, nameof(minIdle)));
        parts.AddRange(list);
        options?.AddTo(parts);
        if (justId) parts.Add("JUSTID");
        return [.. parts];
    }

    private static RedisValue[] XAutoClaimParts(RedisKey key, RedisValue group, RedisValue consumer, TimeSpan minIdle, RedisValue start, long? count, bool justId = false)
    {
        var parts = GroupList("XAUTOCLAIM", null, key, group, 8);
        Guard.Value(consumer, nameof(consumer));
        parts.Add(consumer);
        parts.Add(Milliseconds(minIdle, nameof(minIdle)));
        parts.Add(Or(start, "0-0"));
        if (count is { } c) CommandParts.Positive(c, nameof(count));
        CommandParts.AddCount(parts, count);
        if (justId) parts.Add("JUSTID");
        return [.. parts];
    }

    /// <summary>A non-negative idle time in whole milliseconds, as the stream commands take it.</summary>
    internal static long Milliseconds(TimeSpan time, string paramName)
    {
        long ms = (long)time.TotalMilliseconds;
        CommandParts.NonNegative(ms, paramName);
        return ms;
    }
}

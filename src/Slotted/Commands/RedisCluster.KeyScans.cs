using System.Runtime.CompilerServices;
using Slotted.Routing;
using Slotted.Topology;

namespace Slotted;

// SSCAN, HSCAN and ZSCAN: cursor scans of one key. The page methods give the caller the cursor; the
// Iter methods run the scan to the end, each item once, and start over on the new owner when the
// key's node is lost or the key moves (see CursorScan). Both read from the key's primary whatever
// ReadFrom says: a cursor is only valid on the server that issued it.
public sealed partial class RedisCluster
{
    /// <summary>SSCAN (https://redis.io/docs/latest/commands/sscan/): one page of a set's members.</summary>
    /// <param name="key">The set.</param>
    /// <param name="cursor">0 to start; then the cursor of the previous page.</param>
    /// <param name="match">MATCH: a glob pattern members must match; all when null.</param>
    /// <param name="count">COUNT: how much work the node does per page (a hint).</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    public async ValueTask<ScanResult<RedisValue>> SScanAsync(RedisKey key, long cursor = 0, RedisValue match = default, int? count = null, CancellationToken cancellationToken = default) =>
        ValuePage(await RunAsync(KeyScanParts("SSCAN", key, cursor, match, count), key, readOnly: false, cancellationToken).ConfigureAwait(false));

    /// <summary>SSCAN: one page of a set's members (synchronous).</summary>
    public ScanResult<RedisValue> SScan(RedisKey key, long cursor = 0, RedisValue match = default, int? count = null) =>
        ValuePage(Run(KeyScanParts("SSCAN", key, cursor, match, count), key, readOnly: false));

    /// <summary>Every member of a set (matching <paramref name="match"/>), each once: SSCAN to the end.</summary>
    /// <param name="key">The set.</param>
    /// <param name="match">MATCH: a glob pattern members must match; all when null.</param>
    /// <param name="count">COUNT: how much work the node does per page (a hint).</param>
    /// <param name="cancellationToken">Stops the iteration.</param>
    public IAsyncEnumerable<RedisValue> SScanIterAsync(RedisKey key, RedisValue match = default, int? count = null, CancellationToken cancellationToken = default) =>
        IterateAsync(KeyScan("SSCAN", key, match, count, ValueItems, EqualityComparer<RedisValue>.Default), cancellationToken);

    /// <summary>Every member of a set, each once (synchronous).</summary>
    public IEnumerable<RedisValue> SScanIter(RedisKey key, RedisValue match = default, int? count = null) =>
        Iterate(KeyScan("SSCAN", key, match, count, ValueItems, EqualityComparer<RedisValue>.Default));

    /// <summary>HSCAN (https://redis.io/docs/latest/commands/hscan/): one page of a hash's fields and values.</summary>
    /// <param name="key">The hash.</param>
    /// <param name="cursor">0 to start; then the cursor of the previous page.</param>
    /// <param name="match">MATCH: a glob pattern field names must match; all when null.</param>
    /// <param name="count">COUNT: how much work the node does per page (a hint).</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    public async ValueTask<ScanResult<HashEntry>> HScanAsync(RedisKey key, long cursor = 0, RedisValue match = default, int? count = null, CancellationToken cancellationToken = default) =>
        HashPage(await RunAsync(KeyScanParts("HSCAN", key, cursor, match, count), key, readOnly: false, cancellationToken).ConfigureAwait(false));

    /// <summary>HSCAN: one page of a hash's fields and values (synchronous).</summary>
    public ScanResult<HashEntry> HScan(RedisKey key, long cursor = 0, RedisValue match = default, int? count = null) =>
        HashPage(Run(KeyScanParts("HSCAN", key, cursor, match, count), key, readOnly: false));

    /// <summary>Every field of a hash with its value (fields matching <paramref name="match"/>), each field once: HSCAN to the end.</summary>
    /// <param name="key">The hash.</param>
    /// <param name="match">MATCH: a glob pattern field names must match; all when null.</param>
    /// <param name="count">COUNT: how much work the node does per page (a hint).</param>
    /// <param name="cancellationToken">Stops the iteration.</param>
    public IAsyncEnumerable<HashEntry> HScanIterAsync(RedisKey key, RedisValue match = default, int? count = null, CancellationToken cancellationToken = default) =>
        IterateAsync(KeyScan("HSCAN", key, match, count, HashItems, HashFieldComparer), cancellationToken);

    /// <summary>Every field of a hash with its value, each field once (synchronous).</summary>
    public IEnumerable<HashEntry> HScanIter(RedisKey key, RedisValue match = default, int? count = null) =>
        Iterate(KeyScan("HSCAN", key, match, count, HashItems, HashFieldComparer));

    /// <summary>ZSCAN (https://redis.io/docs/latest/commands/zscan/): one page of a sorted set's members and scores.</summary>
    /// <param name="key">The sorted set.</param>
    /// <param name="cursor">0 to start; then the cursor of the previous page.</param>
    /// <param name="match">MATCH: a glob pattern members must match; all when null.</param>
    /// <param name="count">COUNT: how much work the node does per page (a hint).</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    public async ValueTask<ScanResult<SortedSetEntry>> ZScanAsync(RedisKey key, long cursor = 0, RedisValue match = default, int? count = null, CancellationToken cancellationToken = default) =>
        SortedSetPage(await RunAsync(KeyScanParts("ZSCAN", key, cursor, match, count), key, readOnly: false, cancellationToken).ConfigureAwait(false));

    /// <summary>ZSCAN: one page of a sorted set's members and scores (synchronous).</summary>
    public ScanResult<SortedSetEntry> ZScan(RedisKey key, long cursor = 0, RedisValue match = default, int? count = null) =>
        SortedSetPage(Run(KeyScanParts("ZSCAN", key, cursor, match, count), key, readOnly: false));

    /// <summary>Every member of a sorted set with its score (matching <paramref name="match"/>), each member once: ZSCAN to the end.</summary>
    /// <param name="key">The sorted set.</param>
    /// <param name="match">MATCH: a glob pattern members must match; all when null.</param>
    /// <param name="count">COUNT: how much work the node does per page (a hint).</param>
    /// <param name="cancellationToken">Stops the iteration.</param>
    public IAsyncEnumerable<SortedSetEntry> ZScanIterAsync(RedisKey key, RedisValue match = default, int? count = null, CancellationToken cancellationToken = default) =>
        IterateAsync(KeyScan("ZSCAN", key, match, count, SortedSetItems, SortedSetMemberComparer), cancellationToken);

    /// <summary>Every member of a sorted set with its score, each member once (synchronous).</summary>
    public IEnumerable<SortedSetEntry> ZScanIter(RedisKey key, RedisValue match = default, int? count = null) =>
        Iterate(KeyScan("ZSCAN", key, match, count, SortedSetItems, SortedSetMemberComparer));

    // Checks the arguments now; each enumeration then makes its own scan.
    private Func<CursorScan<T>> KeyScan<T>(string command, RedisKey key, RedisValue match, int? count,
        Func<RedisResult, IReadOnlyList<T>> items, IEqualityComparer<T> comparer)
    {
        Guard.Key(key);
        ValidateScanOptions(count);
        int slot = HashSlot.Get(key);
        return () => new CursorScan<T>(_executor, slot, map => map.GetShard(slot)?.Primary.EndPoint,
            cursor => ScanParts(command, key, cursor, match, count, null), items, comparer);
    }

    private static async IAsyncEnumerable<T> IterateAsync<T>(Func<CursorScan<T>> create, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in create().RunAsync(cancellationToken).ConfigureAwait(false)) yield return item;
    }

    private static IEnumerable<T> Iterate<T>(Func<CursorScan<T>> create)
    {
        foreach (var item in create().Run()) yield return item;
    }

    private static RedisValue[] KeyScanParts(string command, RedisKey key, long cursor, RedisValue match, int? count)
    {
        Guard.Key(key);
        ValidateScanOptions(count);
        ArgumentOutOfRangeException.ThrowIfNegative(cursor);
        return ScanParts(command, key, cursor, match, count, null);
    }

    private static readonly IEqualityComparer<HashEntry> HashFieldComparer =
        EqualityComparer<HashEntry>.Create(static (a, b) => a.Name == b.Name, static e => e.Name.GetHashCode());

    private static readonly IEqualityComparer<SortedSetEntry> SortedSetMemberComparer =
        EqualityComparer<SortedSetEntry>.Create(static (a, b) => a.Member == b.Member, static e => e.Member.GetHashCode());

    private static readonly Func<RedisResult, IReadOnlyList<RedisValue>> ValueItems = static r => r.ToValueArray();

    private static readonly Func<RedisResult, IReadOnlyList<HashEntry>> HashItems = static r =>
    {
        var entries = new HashEntry[r.Length / 2];
        for (int i = 0; i < entries.Length; i++) entries[i] = new HashEntry(r[2 * i].Value, r[2 * i + 1].Value);
        return entries;
    };

    private static readonly Func<RedisResult, IReadOnlyList<SortedSetEntry>> SortedSetItems = static r =>
    {
        var entries = new SortedSetEntry[r.Length / 2];
        for (int i = 0; i < entries.Length; i++) entries[i] = new SortedSetEntry(r[2 * i].Value, r[2 * i + 1].ToDouble());
        return entries;
    };

    private static ScanResult<RedisValue> ValuePage(RedisResult r) => new((long)r[0].Value, ValueItems(r[1]));

    private static ScanResult<HashEntry> HashPage(RedisResult r) => new((long)r[0].Value, HashItems(r[1]));

    private static ScanResult<SortedSetEntry> SortedSetPage(RedisResult r) => new((long)r[0].Value, SortedSetItems(r[1]));
}

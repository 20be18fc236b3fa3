using System.Runtime.CompilerServices;
using Slotted.Routing;
using Slotted.Topology;
using static Slotted.ReplyConverters;

namespace Slotted;

// SCAN over the whole cluster. Each primary holds its own keys and its own cursor, so the scan is
// one cursor iteration per primary: ScanAsync hands the per-node cursors to the caller (the seed's
// shape), ScanIterAsync runs every primary's iteration to the end and survives a failover (see CursorScan).
public sealed partial class RedisCluster
{
    /// <summary>
    /// One SCAN page on every primary (https://redis.io/docs/latest/commands/scan/), as redis-py-cluster
    /// does: by node, its next cursor and the keys of the page. Start with null; pass back the cursors
    /// that are not 0 until none is left. A cursor is only valid on the node that issued it: after a
    /// failover, start that node's part again. Prefer <see cref="ScanIterAsync"/>, which does all this.
    /// </summary>
    /// <param name="cursors">Each node to scan and its cursor; every primary that serves slots, from cursor 0, when null.</param>
    /// <param name="match">MATCH: a glob pattern keys must match; all keys when null.</param>
    /// <param name="count">COUNT: how much work each node does per page (a hint, not a page size).</param>
    /// <param name="type">TYPE: only keys of this type ("string", "hash", "zset" ...).</param>
    /// <param name="cancellationToken">Cancels the wait for the replies.</param>
    /// <exception cref="RedisFanOutException">A node failed; the exception names it.</exception>
    public async ValueTask<IReadOnlyDictionary<string, ScanResult<RedisKey>>> ScanAsync(IReadOnlyDictionary<string, long>? cursors = null,
        RedisValue match = default, int? count = null, string? type = null, CancellationToken cancellationToken = default)
    {
        var (endPoints, parts) = ScanRequests(cursors, match, count, type);
        var replies = await FanOut.SendAsync(_executor, endPoints, parts, cancellationToken).ConfigureAwait(false);
        return FanOut.Collect("SCAN", replies, KeyPage);
    }

    /// <summary>One SCAN page on every primary (synchronous).</summary>
    public IReadOnlyDictionary<string, ScanResult<RedisKey>> Scan(IReadOnlyDictionary<string, long>? cursors = null,
        RedisValue match = default, int? count = null, string? type = null)
    {
        var (endPoints, parts) = ScanRequests(cursors, match, count, type);
        return FanOut.Collect("SCAN", FanOut.Send(_executor, endPoints, parts), KeyPage);
    }

    /// <summary>
    /// Every key of the cluster (matching the filters), each exactly once on a stable cluster: SCAN
    /// on each primary that serves slots in turn, from cursor 0 until it answers 0. Replicas are not
    /// scanned (they hold copies). If a primary is lost mid-scan (failover, restart), that primary's part starts
    /// again from cursor 0 on the node that now serves its slots, and keys already yielded are skipped,
    /// so nothing is lost or repeated; for that, the keys yielded from the current primary are
    /// remembered until it is done (memory grows with one shard's matching keys). While slots migrate
    /// between primaries, a migrating key may be missed or yielded twice, as with SCAN on one node.
    /// </summary>
    /// <param name="match">MATCH: a glob pattern keys must match; all keys when null.</param>
    /// <param name="count">COUNT: how much work each node does per page (a hint, not a page size).</param>
    /// <param name="type">TYPE: only keys of this type ("string", "hash", "zset" ...).</param>
    /// <param name="cancellationToken">Stops the iteration.</param>
    /// <exception cref="RedisException">A primary stayed unreachable for 30 s (the last error), or refused the command.</exception>
    public IAsyncEnumerable<RedisKey> ScanIterAsync(RedisValue match = default, int? count = null, string? type = null, CancellationToken cancellationToken = default)
    {
        ValidateScanOptions(count);
        return ScanIterCoreAsync(match, count, type, cancellationToken);
    }

    private async IAsyncEnumerable<RedisKey> ScanIterCoreAsync(RedisValue match, int? count, string? type, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var scan in ShardScans(match, count, type))
        {
            await foreach (var key in scan.RunAsync(cancellationToken).ConfigureAwait(false)) yield return key;
        }
    }

    /// <summary>Every key of the cluster, each once (synchronous; see <see cref="ScanIterAsync"/>).</summary>
    public IEnumerable<RedisKey> ScanIter(RedisValue match = default, int? count = null, string? type = null)
    {
        ValidateScanOptions(count);
        return ScanIterCore(match, count, type);
    }

    private IEnumerable<RedisKey> ScanIterCore(RedisValue match, int? count, string? type)
    {
        foreach (var scan in ShardScans(match, count, type))
        {
            foreach (var key in scan.Run()) yield return key;
        }
    }

    // One iteration per primary that serves slots (see TargetNodes.Primaries), each finding its
    // shard's primary again by a slot it serves, so a failover moves the iteration to the promoted replica.
    private List<CursorScan<RedisKey>> ShardScans(RedisValue match, int? count, string? type)
    {
        var scans = new List<CursorScan<RedisKey>>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var shard in SlotMap.Shards)
        {
            if (shard.SlotRanges.Count == 0 || !seen.Add(shard.Primary.EndPoint)) continue;
            int slot = shard.SlotRanges[0].Start;
            scans.Add(new CursorScan<RedisKey>(_executor, slot, map => map.GetShard(slot)?.Primary.EndPoint,
                cursor => ScanParts("SCAN", null, cursor, match, count, type), KeyItems, EqualityComparer<RedisKey>.Default));
        }
        return scans;
    }

    private (IReadOnlyList<string> EndPoints, RedisValue[][] Parts) ScanRequests(IReadOnlyDictionary<string, long>? cursors, RedisValue match, int? count, string? type)
    {
        ValidateScanOptions(count);
        IReadOnlyList<string> endPoints;
        RedisValue[][] parts;
        if (cursors is null)
        {
            endPoints = TargetNodes.Primaries.Resolve(SlotMap);
            parts = new RedisValue[endPoints.Count][];
            for (int i = 0; i < parts.Length; i++) parts[i] = ScanParts("SCAN", null, 0, match, count, type);
        }
        else
        {
            var list = new List<string>(cursors.Count);
            parts = new RedisValue[cursors.Count][];
            foreach (var (endPoint, cursor) in cursors)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(cursor, nameof(cursors));
                parts[list.Count] = ScanParts("SCAN", null, cursor, match, count, type);
                list.Add(TargetNodes.Node(endPoint).EndPoint!);
            }
            endPoints = list;
        }
        return (endPoints, parts);
    }

    private static void ValidateScanOptions(int? count)
    {
        if (count is { } c) ArgumentOutOfRangeException.ThrowIfLessThan(c, 1, nameof(count));
    }

    // SCAN cursor / SSCAN key cursor, then MATCH, COUNT and TYPE when given.
    private static RedisValue[] ScanParts(string command, RedisKey? key, long cursor, RedisValue match, int? count, string? type)
    {
        int length = (key is null ? 2 : 3) + (match.IsNull ? 0 : 2) + (count is null ? 0 : 2) + (type is null ? 0 : 2);
        var parts = new RedisValue[length];
        int i = 0;
        parts[i++] = command;
        if (key is { } k) parts[i++] = k;
        parts[i++] = cursor;
        if (!match.IsNull)
        {
            parts[i++] = "MATCH";
            parts[i++] = match;
        }
        if (count is { } c)
        {
            parts[i++] = "COUNT";
            parts[i++] = c;
        }
        if (type is not null)
        {
            parts[i++] = "TYPE";
            parts[i++] = type;
        }
        return parts;
    }

    private static readonly Func<RedisResult, IReadOnlyList<RedisKey>> KeyItems = static r => KeyList(r);

    private static readonly Func<RedisResult, ScanResult<RedisKey>> KeyPage = static r => new ScanResult<RedisKey>((long)r[0].Value, KeyList(r[1]));
}

using System.Runtime.CompilerServices;
using Slotted.Protocol;
using Slotted.Topology;

namespace Slotted.Routing;

/// <summary>
/// Runs one cursor iteration (SCAN over one shard, or SSCAN/HSCAN/ZSCAN over one key) to the end,
/// each item once. A cursor only means something to the server process that issued it (the
/// keyspace dictionary, its size and its hash seed are per process), so every page goes to one
/// pinned node, the primary, whatever <see cref="ReadFrom"/> says. When that node is lost (connection
/// closed, timeout, LOADING after a restart) or stops serving the slot (MOVED, ASK), the iteration
/// starts again from cursor 0 on the node that now serves it, and items already yielded are skipped.
/// The same set of yielded items also removes the duplicates SCAN itself may return while a
/// dictionary is being resized, so memory grows with the items of one shard (or one key).
/// </summary>
internal sealed class CursorScan<T>
{
    /// <summary>How long a shard may stay unreachable before the iteration gives up (a failover takes cluster-node-timeout, 15 s by default, plus the election).</summary>
    internal static readonly TimeSpan FailoverBudget = TimeSpan.FromSeconds(30);

    private const int MinDelayMilliseconds = 50;
    private const int MaxDelayMilliseconds = 1000;

    private readonly ClusterExecutor _executor;
    private readonly Func<ShardMap, string?> _locate;
    private readonly Func<long, RedisValue[]> _page;
    private readonly Func<RedisResult, IReadOnlyList<T>> _items;
    private readonly HashSet<T> _seen;
    private readonly int _slot;
    private string? _endPoint;
    private bool _asking;
    private long _cursor;
    private long _troubleSince;
    private int _attempt;
    private int _redirects;

    /// <param name="executor">The client's executor.</param>
    /// <param name="slot">A slot the iteration is about (for redirects and errors); -1 for none.</param>
    /// <param name="locate">Finds the node that serves the iteration in a slot map (null when none does).</param>
    /// <param name="page">The command for one page, given the cursor.</param>
    /// <param name="items">The items of a page, from the second element of the reply.</param>
    /// <param name="comparer">When two items are the same one (members by value, hash fields by name ...).</param>
    public CursorScan(ClusterExecutor executor, int slot, Func<ShardMap, string?> locate, Func<long, RedisValue[]> page,
        Func<RedisResult, IReadOnlyList<T>> items, IEqualityComparer<T> comparer)
    {
        _executor = executor;
        _slot = slot;
        _locate = locate;
        _page = page;
        _items = items;
        _seen = new HashSet<T>(comparer);
    }

    /// <summary>True once a page answered cursor 0.</summary>
    public bool Done { get; private set; }

    /// <summary>How many times the iteration started over on another (or a restarted) node.</summary>
    public int Restarts { get; private set; }

    /// <summary>The pages, asynchronously, each item once.</summary>
    public async IAsyncEnumerable<T> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!Done)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int delay = 0;
            IReadOnlyList<T> batch = [];
            if (TryPin(ref delay))
            {
                RedisResult? reply = null;
                try
                {
                    reply = await _executor.GetNode(_endPoint!).ExecuteAsync(_page(_cursor), Deadline(), _asking, cancellationToken).ConfigureAwait(false);
                }
                catch (RedisException error) when (IsNodeLost(error))
                {
                    OnLost(error, ref delay);
                }
                if (reply is not null) batch = OnReply(reply, ref delay);
            }
            foreach (var item in batch) yield return item;
            if (delay > 0) await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The pages, synchronously: the calling thread waits for each reply itself.</summary>
    public IEnumerable<T> Run()
    {
        while (!Done)
        {
            int delay = 0;
            IReadOnlyList<T> batch = [];
            if (TryPin(ref delay))
            {
                RedisResult? reply = null;
                try
                {
                    reply = _executor.GetNode(_endPoint!).Execute(_page(_cursor), Deadline(), _asking);
                }
                catch (RedisException error) when (IsNodeLost(error))
                {
                    OnLost(error, ref delay);
                }
                if (reply is not null) batch = OnReply(reply, ref delay);
            }
            foreach (var item in batch) yield return item;
            if (delay > 0) Thread.Sleep(delay);
        }
    }

    private long Deadline() => Environment.TickCount64 + _executor.CommandTimeoutMilliseconds;

    private static bool IsNodeLost(RedisException error) =>
        error is RedisTimeoutException || error is RedisConnectionException and not RedisAuthenticationException;

    private bool TryPin(ref int delay)
    {
        if (_endPoint is not null) return true;
        _endPoint = _locate(_executor.Topology.Current);
        if (_endPoint is not null) return true;
        _executor.Topology.Trigger();
        Trouble(new RedisClusterDownException($"No node serves slot {_slot}; the cluster stayed without an owner for it for {FailoverBudget.TotalSeconds:0} s."), ref delay);
        return false;
    }

    private IReadOnlyList<T> OnReply(RedisResult reply, ref int delay)
    {
        if (reply.IsError)
        {
            OnErrorReply(reply, ref delay);
            return [];
        }
        _troubleSince = 0;
        _attempt = 0;
        _redirects = 0;
        if (reply.Length != 2 || !reply[0].Value.TryParseInt64(out long next))
            throw new RedisException($"{_endPoint} answered {FanOut.CommandName(_page(_cursor))} with an unexpected reply: {reply}");
        var items = _items(reply[1]);
        _cursor = next;
        Done = next == 0;
        if (items.Count == 0) return items;
        var fresh = new List<T>(items.Count);
        foreach (var item in items)
        {
            if (_seen.Add(item)) fresh.Add(item);
        }
        return fresh;
    }

    private void OnErrorReply(RedisResult reply, ref int delay)
    {
        string message = reply.Value.ToString() ?? "";
        switch (reply.ErrorPrefix)
        {
            case "MOVED" or "ASK" when RedirectParser.TryParse(message, out var kind, out int slot, out string target):
                if (target.StartsWith(':')) target = RedisClusterOptions.ParseEndPoint(_endPoint!).Host + target;
                if (++_redirects > _executor.Options.MaxRedirects)
                    throw new RedisRedirectLimitException(slot, [_endPoint!, target], _executor.Options.MaxRedirects);
                if (kind == RedirectKind.Moved)
                {
                    _executor.Topology.ApplyMoved(slot, target);
                    _executor.Topology.Trigger();
                }
                StartOver(target, asking: kind == RedirectKind.Ask);
                return;
            case "LOADING":
                // The node restarted: its cursors are gone.
                StartOver(_endPoint, asking: _asking);
                Trouble(ErrorMapper.FromServer(message, _endPoint), ref delay);
                return;
            case "TRYAGAIN" or "CLUSTERDOWN" or "MASTERDOWN" or "BUSY":
                _executor.Topology.Trigger();
                Trouble(ErrorMapper.FromServer(message, _endPoint), ref delay);
                return;
            default:
                throw ErrorMapper.FromServer(message, _endPoint);
        }
    }

    private void OnLost(RedisException error, ref int delay)
    {
        _executor.Topology.Trigger();
        StartOver(null, asking: false);
        Trouble(error, ref delay);
    }

    private void StartOver(string? endPoint, bool asking)
    {
        if (_cursor != 0 || _seen.Count != 0) Restarts++;
        _endPoint = endPoint;
        _asking = asking;
        _cursor = 0;
    }

    // Waits with a growing delay; gives up with the last error once the shard has been in trouble for the whole budget.
    private void Trouble(RedisException error, ref int delay)
    {
        long now = Environment.TickCount64;
        if (_troubleSince == 0) _troubleSince = now;
        else if (now - _troubleSince > (long)FailoverBudget.TotalMilliseconds) throw error;
        delay = Math.Min(MaxDelayMilliseconds, MinDelayMilliseconds << Math.Min(_attempt++, 5));
    }
}

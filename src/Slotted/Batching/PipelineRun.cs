using System.Runtime.InteropServices;
using Slotted.Connections;
using Slotted.Routing;

namespace Slotted.Batching;

/// <summary>
/// One run of a pipeline, in rounds. Each round groups the commands still to send by node, writes
/// each node's group in one write (all nodes before waiting for any), then sorts the replies: a
/// final reply (value or error) is kept in the command's place; MOVED, ASK, TRYAGAIN, CLUSTERDOWN
/// and connections lost before the write send that command again in the next round, under its own
/// <see cref="RetryState"/> (the same rules and redirect budget as a single command). Commands that
/// were answered never go out again, and a write whose connection was lost after it was sent is
/// reported as "outcome unknown" (read-only commands excepted, which are simply resent).
/// </summary>
/// <remarks>
/// Runs synchronously when <c>sync</c> is true (the caller's thread waits on each node's batch, as
/// sync commands do), so one body serves <c>Execute</c> and <c>ExecuteAsync</c>.
/// Work items are command indexes; a keyless fan-out command's per-node sends are numbered after
/// the commands (<c>count + k</c>) and are not retried, like fan-out outside a pipeline.
/// </remarks>
internal sealed class PipelineRun
{
    // About what a socket's send buffer takes at once (SET of a short key and value is ~50 bytes).
    private const int ParallelWriteThreshold = 4096;

    private readonly ClusterExecutor _executor;
    private readonly BatchEntry[] _entries;
    private readonly int _count;
    private readonly RedisResult[] _results;
    private readonly CancellationToken _cancellationToken;
    private Dictionary<int, CommandPlan>? _plans;
    private Dictionary<int, Exception>? _errors;
    private Dictionary<int, RetryState>? _states;
    private List<(int Entry, int Node)>? _fanOutSends;
    private Dictionary<int, RedisResult[]>? _fanOutReplies;
    private List<int> _next = [];
    private int _delay;

    public PipelineRun(ClusterExecutor executor, BatchEntry[] entries, int count, Dictionary<int, CommandPlan>? fanOuts, CancellationToken cancellationToken)
    {
        _executor = executor;
        _entries = entries;
        _count = count;
        _plans = fanOuts;
        _results = new RedisResult[count];
        _cancellationToken = cancellationToken;
    }

    public async ValueTask<RedisResult[]> RunAsync(bool sync)
    {
        try
        {
            await PlanAsync(sync).ConfigureAwait(false);
            List<int>? work = null;
            while (true)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                _next = [];
                _delay = 0;
                var groups = Group(work);
                if (groups.Count > 0) await SendAndCollectAsync(groups, sync).ConfigureAwait(false);
                if (_next.Count == 0) break;
                if (_delay > 0)
                {
                    if (sync) Thread.Sleep(_delay);
                    else await Task.Delay(_delay, _cancellationToken).ConfigureAwait(false);
                }
                work = _next;
            }
            Finish();
            return _results;
        }
        catch (Exception ex)
        {
            RedisBatch.FailAll(_entries.AsSpan(0, _count), ex);
            throw;
        }
    }

    /// <summary>Finds the slot of commands whose keys only the server can name; a planning error stays in the command's place.</summary>
    private async ValueTask PlanAsync(bool sync)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_entries[i].Slot != BatchEntry.Unplanned) continue;
            var parts = _entries[i].Parts;
            try
            {
                var plan = sync ? CommandPlanner.Plan(_executor, parts) : await CommandPlanner.PlanAsync(_executor, parts, _cancellationToken).ConfigureAwait(false);
                ref var entry = ref _entries[i];
                entry.Slot = plan.Slot;
                entry.ReadOnly = plan.ReadOnly;
                if (plan.FanOut is not null) (_plans ??= [])[i] = plan;
            }
            catch (RedisException ex)
            {
                _entries[i].Slot = -1;
                SetError(i, ex);
            }
        }
    }

    private NodeGroups Group(List<int>? work)
    {
        var groups = new NodeGroups();
        if (work is not null)
        {
            foreach (int id in work) Route(groups, id);
            return groups;
        }
        for (int i = 0; i < _count; i++)
        {
            if (_errors is not null && _errors.ContainsKey(i)) continue;
            if (_plans is not null && _plans.TryGetValue(i, out var plan)) AddFanOut(groups, i, plan.FanOut!);
            else Route(groups, i);
        }
        return groups;
    }

    private void Route(NodeGroups groups, int id)
    {
        ref var entry = ref _entries[id];
        string? askTarget = null;
        int attempt = 0;
        if (_states is not null && _states.TryGetValue(id, out var known))
        {
            askTarget = known.AskTarget;
            attempt = known.Attempt;
        }
        string? endPoint = askTarget ?? _executor.SelectNode(entry.Slot, entry.ReadOnly, attempt);
        if (endPoint is null)
        {
            ref var state = ref State(id);
            Apply(id, state.OnNoOwner(entry.Slot, _executor.Topology), null, ref state);
            return;
        }
        groups.Add(endPoint, id, askTarget is not null);
    }

    private void AddFanOut(NodeGroups groups, int entry, IReadOnlyList<string> nodes)
    {
        _fanOutSends ??= [];
        _fanOutReplies ??= [];
        _fanOutReplies[entry] = new RedisResult[nodes.Count];
        for (int n = 0; n < nodes.Count; n++)
        {
            groups.Add(nodes[n], _count + _fanOutSends.Count);
            _fanOutSends.Add((entry, n));
        }
    }

    private async ValueTask SendAndCollectAsync(NodeGroups groups, bool sync)
    {
        int n = groups.Count;
        var batches = new PendingBatch?[n];
        var errors = new Exception?[n];
        Task<PendingBatch>?[]? writes = null;
        long deadline = Environment.TickCount64 + _executor.CommandTimeoutMilliseconds;
        // Write every node's share before waiting for any reply, so the nodes work in parallel. A
        // socket write blocks until the kernel takes the bytes, so a large share (more than the socket
        // buffer holds) is written from the thread pool rather than holding up the next node's write;
        // the sync path writes in turn and never depends on the pool.
        for (int k = 0; k < n; k++)
        {
            var group = groups[k];
            try
            {
                var node = _executor.GetNode(group.EndPoint);
                var connection = sync ? node.GetShared() : await node.GetSharedAsync(_cancellationToken).ConfigureAwait(false);
                var batch = new PendingBatch(Commands(group), group.AskingFlags(), deadline);
                if (!sync && k < n - 1 && group.Count >= ParallelWriteThreshold)
                {
                    (writes ??= new Task<PendingBatch>?[n])[k] = Task.Run(() => Send(connection, batch, _cancellationToken));
                    continue;
                }
                batches[k] = Send(connection, batch, _cancellationToken);
            }
            catch (RedisConnectionException ex)
            {
                errors[k] = ex; // nothing of this group was written
            }
        }
        if (writes is not null)
        {
            for (int k = 0; k < n; k++)
            {
                if (writes[k] is not { } write) continue;
                try
                {
                    batches[k] = await write.ConfigureAwait(false);
                }
                catch (RedisConnectionException ex)
                {
                    errors[k] = ex;
                }
            }
        }
        for (int k = 0; k < n; k++)
        {
            var batch = batches[k];
            if (batch is null) continue;
            try
            {
                if (sync) batch.Wait(groups[k].EndPoint);
                else await batch.Task.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RedisException or OperationCanceledException)
            {
                errors[k] = ex;
            }
        }
        _cancellationToken.ThrowIfCancellationRequested();
        for (int k = 0; k < n; k++) Collect(groups[k], batches[k], errors[k]);
    }

    private static PendingBatch Send(PhysicalConnection connection, PendingBatch batch, CancellationToken cancellationToken)
    {
        connection.SendBatch(batch, cancellationToken);
        return batch;
    }

    private RedisValue[][] Commands(NodeGroup group)
    {
        var work = group.Work;
        var commands = new RedisValue[work.Length][];
        for (int k = 0; k < work.Length; k++)
        {
            int id = work[k];
            commands[k] = id < _count ? _entries[id].Parts : _entries[_fanOutSends![id - _count].Entry].Parts;
        }
        return commands;
    }

    private void Collect(NodeGroup group, PendingBatch? batch, Exception? error)
    {
        var work = group.Work;
        int delivered = batch?.Delivered ?? 0;
        for (int k = 0; k < work.Length; k++)
        {
            if (k < delivered) OnReply(work[k], batch!.Reply(k), group.EndPoint);
            else OnFailure(work[k], error!);
        }
    }

    private void OnReply(int id, RedisResult reply, string endPoint)
    {
        if (id >= _count)
        {
            SetFanOutReply(id, reply);
            return;
        }
        if (!reply.IsError)
        {
            _results[id] = reply;
            return;
        }
        ref var state = ref State(id);
        Apply(id, state.OnReply(reply, endPoint, _entries[id].Slot, _executor.Topology), reply, ref state);
    }

    private void OnFailure(int id, Exception error)
    {
        if (id >= _count)
        {
            SetFanOutReply(id, BatchErrors.ToResult(error));
            return;
        }
        if (error is RedisConnectionException connectionError)
        {
            ref var state = ref State(id);
            Apply(id, state.OnConnectionError(connectionError, _entries[id].ReadOnly, _executor.Topology), null, ref state);
            return;
        }
        SetError(id, error); // a timeout: the command may have run, so it is not sent again
    }

    private void Apply(int id, RetryAction action, RedisResult? reply, ref RetryState state)
    {
        switch (action)
        {
            case RetryAction.Return:
                _results[id] = reply!;
                break;
            case RetryAction.Retry:
                _next.Add(id);
                break;
            case RetryAction.RetryAfterDelay or RetryAction.RetryAfterRefresh:
                _next.Add(id);
                _delay = Math.Max(_delay, state.DelayMilliseconds);
                break;
            default:
                SetError(id, state.Error!);
                break;
        }
    }

    private ref RetryState State(int id)
    {
        _states ??= [];
        ref var state = ref CollectionsMarshal.GetValueRefOrAddDefault(_states, id, out bool exists);
        if (!exists) state = new RetryState(Environment.TickCount64 + _executor.CommandTimeoutMilliseconds, _executor.Options.MaxRedirects);
        return ref state;
    }

    private void SetError(int id, Exception error)
    {
        (_errors ??= [])[id] = error;
        _results[id] = BatchErrors.ToResult(error);
    }

    private void SetFanOutReply(int id, RedisResult reply)
    {
        var (entry, node) = _fanOutSends![id - _count];
        _fanOutReplies![entry][node] = reply;
    }

    /// <summary>Combines fan-out replies, then completes every typed task from the results.</summary>
    private void Finish()
    {
        if (_fanOutReplies is not null)
        {
            foreach (var (entry, replies) in _fanOutReplies)
                _results[entry] = ResponseAggregator.Aggregate(_plans![entry].ResponsePolicy, _plans[entry].FanOut!, replies);
        }
        for (int i = 0; i < _count; i++)
        {
            var completion = _entries[i].Completion;
            if (completion is null) continue;
            if (_errors is not null && _errors.TryGetValue(i, out var error)) completion.SetError(error);
            else completion.SetReply(_results[i]);
        }
    }
}

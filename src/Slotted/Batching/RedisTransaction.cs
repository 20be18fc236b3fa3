using Slotted.Batching;
using Slotted.Connections;
using Slotted.Diagnostics;
using Slotted.Protocol;
using Slotted.Routing;
using Slotted.Topology;

namespace Slotted;

/// <summary>
/// A MULTI/EXEC transaction on one slot (<see cref="RedisCluster.CreateTransaction(RedisKey)"/>),
/// run on a connection of its own so WATCH applies to it alone
/// (https://redis.io/docs/latest/develop/interact/transactions/). Typical optimistic locking:
/// <code>
/// while (true)
/// {
///     await using var tx = cluster.CreateTransaction("{user:42}");
///     await tx.WatchAsync("{user:42}:balance");
///     long balance = (long)await cluster.GetAsync("{user:42}:balance");
///     _ = tx.SetAsync("{user:42}:balance", balance - 10);
///     if (await tx.ExecuteAsync()) break;   // false: someone changed the balance; read again
/// }
/// </code>
/// </summary>
/// <remarks>
/// <para>Every queued command's keys and every watched key must be in the transaction's slot:
/// otherwise <see cref="RedisCrossSlotException"/> is thrown when it is queued, before anything is sent.
/// Keyless commands run on the slot's node.</para>
/// <para>MULTI, the commands and EXEC go out in one write; a command's task completes when EXEC has
/// answered: with its reply, faulted with the typed exception for its error reply, or cancelled when
/// the transaction did not commit. Commands rejected at queueing time abort the whole transaction
/// (<see cref="RedisTransactionAbortedException"/>, nothing ran).</para>
/// <para>When the slot has moved (MOVED) before anything was watched or queued, the transaction
/// follows it once to the new owner. When it moves after WATCH, the watched keys have left the
/// node — a change like any other — so the transaction does not commit. A slot being migrated
/// (ASK, TRYAGAIN) cannot carry a transaction: retry once the migration is over.</para>
/// <para>Dispose a transaction that was not executed: it sends UNWATCH and returns its connection.
/// A transaction runs once and is not thread-safe.</para>
/// </remarks>
public sealed class RedisTransaction : RedisBatch, IAsyncDisposable, IDisposable
{
    private static readonly RedisValue[] MultiParts = ["MULTI"];
    private static readonly RedisValue[] ExecParts = ["EXEC"];
    private static readonly RedisValue[] UnwatchParts = ["UNWATCH"];

    private NodeConnection? _node;
    private PhysicalConnection? _connection;
    private bool _watching;
    private bool _movedAfterWatch;
    private bool _followedMove;

    internal RedisTransaction(ClusterExecutor executor, int slot)
        : base(executor)
    {
        Slot = slot;
    }

    /// <summary>The hash slot every key of the transaction must be in.</summary>
    public int Slot { get; }

    private protected override string Kind => "transaction";

    private protected override void OnQueue(int slot, RedisValue command)
    {
        if (slot >= 0 && slot != Slot)
            throw new RedisCrossSlotException($"{command} names a key in slot {slot}, but this transaction runs on slot {Slot}: every key of a transaction must be in one slot (use a {{hash tag}}).");
    }

    /// <summary>
    /// WATCH: sends WATCH for <paramref name="keys"/> on the transaction's connection now, so EXEC
    /// will not run the commands if any of them is changed (by anyone) before it. Read the values you
    /// need after this returns (with the cluster client), then queue the commands.
    /// </summary>
    /// <exception cref="RedisCrossSlotException">A key is not in the transaction's slot.</exception>
    public Task WatchAsync(params RedisKey[] keys) => WatchAsync(keys, CancellationToken.None);

    /// <inheritdoc cref="WatchAsync(RedisKey[])"/>
    public async Task WatchAsync(IReadOnlyList<RedisKey> keys, CancellationToken cancellationToken)
    {
        await WatchCoreAsync(keys, sync: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The synchronous twin of <see cref="WatchAsync(RedisKey[])"/>.</summary>
    public void Watch(params RedisKey[] keys) => WatchCoreAsync(keys, sync: true, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>
    /// Sends MULTI, the queued commands and EXEC, and completes every command's task. Returns
    /// <see cref="TransactionResult.Committed"/> false (and cancels the tasks) when a watched key changed.
    /// </summary>
    /// <exception cref="RedisTransactionAbortedException">A command was rejected while queued (EXECABORT); nothing ran.</exception>
    /// <exception cref="RedisCrossSlotException">A command whose keys only the server can name is not in the slot; nothing was sent.</exception>
    /// <exception cref="RedisConnectionException">The connection was lost; when <see cref="RedisConnectionException.OutcomeUnknown"/> the transaction may have run.</exception>
    /// <exception cref="InvalidOperationException">The transaction already ran or was disposed.</exception>
    public Task<TransactionResult> ExecuteAsync(CancellationToken cancellationToken = default) =>
        (Telemetry.Observed ? ExecuteObservedAsync(sync: false, cancellationToken) : ExecuteCoreAsync(sync: false, cancellationToken)).AsTask();

    /// <summary>The synchronous twin of <see cref="ExecuteAsync(CancellationToken)"/>.</summary>
    public TransactionResult Execute() =>
        (Telemetry.Observed ? ExecuteObservedAsync(sync: true, CancellationToken.None) : ExecuteCoreAsync(sync: true, CancellationToken.None)).GetAwaiter().GetResult();

    /// <summary>The run inside one "MULTI" activity (the node it ran on, the command count), counted and timed.</summary>
    private async ValueTask<TransactionResult> ExecuteObservedAsync(bool sync, CancellationToken cancellationToken)
    {
        var scope = Telemetry.StartOperation("MULTI", Count, emulated: false);
        try
        {
            var result = await ExecuteCoreAsync(sync, cancellationToken).ConfigureAwait(false);
            if (_node is { } node) scope.SetServer(node.Host, node.Port);
            scope.Complete(null);
            return result;
        }
        catch (Exception ex)
        {
            if (_node is { } node) scope.SetServer(node.Host, node.Port);
            scope.Complete(ex);
            throw;
        }
    }

    private async ValueTask WatchCoreAsync(IReadOnlyList<RedisKey> keys, bool sync, CancellationToken cancellationToken)
    {
        ThrowIfNotOpen();
        Guard.Keys(keys);
        var parts = new RedisValue[keys.Count + 1];
        parts[0] = "WATCH";
        for (int i = 0; i < keys.Count; i++)
        {
            OnQueue(HashSlot.Get(keys[i]), "WATCH");
            parts[i + 1] = keys[i];
        }
        while (true)
        {
            await EnsureConnectionAsync(sync, cancellationToken).ConfigureAwait(false);
            string endPoint = _connection!.EndPoint;
            var reply = await RoundTripAsync(parts, sync, cancellationToken).ConfigureAwait(false);
            if (!reply.IsError)
            {
                _watching = true;
                return;
            }
            string message = reply.Value.ToString() ?? "";
            if (TryFollowMoved(message, endPoint))
            {
                if (_watching)
                {
                    // Earlier watches live on the old owner, whose keys have moved away: EXEC cannot commit.
                    _movedAfterWatch = true;
                    return;
                }
                if (!_followedMove)
                {
                    _followedMove = true;
                    ReleaseConnection(clean: true);
                    continue;
                }
            }
            throw ToError(message, endPoint);
        }
    }

    private async ValueTask<TransactionResult> ExecuteCoreAsync(bool sync, CancellationToken cancellationToken)
    {
        BeginExecute();
        int count = Count;
        var entries = EntryArray;
        try
        {
            await PlanAsync(entries, count, sync, cancellationToken).ConfigureAwait(false);
            if (_movedAfterWatch) return NotCommitted(entries, count, clean: false);
            if (count == 0 && !_watching)
            {
                ReleaseConnection(clean: true);
                return new TransactionResult(true, null);
            }
            while (true)
            {
                await EnsureConnectionAsync(sync, cancellationToken).ConfigureAwait(false);
                string endPoint = _connection!.EndPoint;
                var commands = new RedisValue[count + 2][];
                commands[0] = MultiParts;
                for (int i = 0; i < count; i++) commands[i + 1] = entries[i].Parts;
                commands[count + 1] = ExecParts;
                var batch = new PendingBatch(commands, null, Environment.TickCount64 + Executor.CommandTimeoutMilliseconds);
                try
                {
                    _connection.SendBatch(batch, cancellationToken);
                    if (sync) batch.Wait(endPoint);
                    else await batch.Task.ConfigureAwait(false);
                }
                catch
                {
                    ReleaseConnection(clean: false);
                    throw;
                }
                var multi = batch.Reply(0);
                var exec = batch.Reply(count + 1);
                if (multi.IsError)
                {
                    ReleaseConnection(clean: false);
                    throw new RedisServerException($"MULTI was refused ({multi.Value}); the queued commands may have run outside a transaction.", endPoint);
                }
                if (exec.IsNull) return NotCommitted(entries, count, clean: true);
                if (exec.IsError)
                {
                    var queueReplies = new RedisResult[count];
                    string? moved = null;
                    for (int i = 0; i < count; i++)
                    {
                        queueReplies[i] = batch.Reply(i + 1);
                        if (moved is null && queueReplies[i].ErrorPrefix == "MOVED") moved = queueReplies[i].Value.ToString();
                    }
                    // EXEC discards the transaction and every watch, whatever it answers: the connection is clean.
                    bool watched = _watching;
                    ReleaseConnection(clean: true);
                    if (moved is not null && TryFollowMoved(moved, endPoint))
                    {
                        if (watched) return NotCommitted(entries, count, clean: true);
                        if (!_followedMove)
                        {
                            _followedMove = true;
                            continue;
                        }
                    }
                    var aborted = new RedisTransactionAbortedException(exec.Value.ToString() ?? "EXECABORT", endPoint, queueReplies);
                    for (int i = 0; i < count; i++)
                    {
                        if (queueReplies[i].IsError) entries[i].Completion?.SetReply(queueReplies[i]);
                        else entries[i].Completion?.SetError(aborted);
                    }
                    throw aborted;
                }
                ReleaseConnection(clean: true);
                var results = exec.ElementArray ?? [];
                if (results.Length != count)
                    throw new RedisProtocolException($"EXEC answered {results.Length} replies for {count} commands.");
                for (int i = 0; i < count; i++) entries[i].Completion?.SetReply(results[i]);
                return new TransactionResult(true, results);
            }
        }
        catch (Exception ex)
        {
            ReleaseConnection(clean: false);
            FailAll(entries.AsSpan(0, count), ex);
            throw;
        }
        finally
        {
            EndExecute();
        }
    }

    /// <summary>Plans commands whose keys only the server can name, checking they are in the slot before anything is sent.</summary>
    private async ValueTask PlanAsync(BatchEntry[] entries, int count, bool sync, CancellationToken cancellationToken)
    {
        for (int i = 0; i < count; i++)
        {
            if (entries[i].Slot != BatchEntry.Unplanned) continue;
            var plan = sync
                ? CommandPlanner.Plan(Executor, entries[i].Parts)
                : await CommandPlanner.PlanAsync(Executor, entries[i].Parts, cancellationToken).ConfigureAwait(false);
            OnQueue(plan.Slot, entries[i].Parts[0]);
            entries[i].Slot = plan.Slot;
        }
    }

    private TransactionResult NotCommitted(BatchEntry[] entries, int count, bool clean)
    {
        ReleaseConnection(clean);
        for (int i = 0; i < count; i++) entries[i].Completion?.Cancel(CancellationToken.None);
        return new TransactionResult(false, null);
    }

    private async ValueTask EnsureConnectionAsync(bool sync, CancellationToken cancellationToken)
    {
        if (_connection is not null)
        {
            if (_connection.IsAlive) return;
            ReleaseConnection(clean: false);
            if (_watching)
                throw new RedisConnectionException("The transaction's connection was lost after WATCH, so the watch is gone; run the transaction again.", _node?.EndPoint);
        }
        string endPoint = Executor.SelectNode(Slot, readOnly: false, attempt: 0)
            ?? throw new RedisClusterDownException($"No node serves slot {Slot}; the transaction cannot run.");
        _node = Executor.GetNode(endPoint);
        _connection = sync ? _node.Lease() : await _node.LeaseAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<RedisResult> RoundTripAsync(RedisValue[] parts, bool sync, CancellationToken cancellationToken)
    {
        var connection = _connection!;
        try
        {
            var command = connection.Send(parts, Environment.TickCount64 + Executor.CommandTimeoutMilliseconds, asking: false, cancellationToken);
            return sync ? command.Wait(connection.EndPoint) : await command.Task.ConfigureAwait(false);
        }
        catch
        {
            ReleaseConnection(clean: false);
            throw;
        }
    }

    /// <summary>Applies a MOVED reply to the slot map (and asks for a refresh); false when the message is not a MOVED.</summary>
    private bool TryFollowMoved(string message, string endPoint)
    {
        if (!RedirectParser.TryParse(message, out var kind, out int slot, out string target) || kind != RedirectKind.Moved) return false;
        if (target.StartsWith(':')) target = RedisClusterOptions.ParseEndPoint(endPoint).Host + target;
        Executor.Topology.ApplyMoved(slot, target);
        Executor.Topology.Trigger();
        return true;
    }

    private RedisException ToError(string message, string endPoint)
    {
        string prefix = message.Split(' ', 2)[0];
        if (prefix is "ASK" or "TRYAGAIN" or "MOVED")
            return new RedisServerException($"{message}: slot {Slot} is being migrated, and a transaction runs on one node, so it cannot follow the redirect; run it again when the migration has finished.", endPoint);
        return ErrorMapper.FromServer(message, endPoint);
    }

    private void ReleaseConnection(bool clean)
    {
        var connection = _connection;
        if (connection is null) return;
        _connection = null;
        _watching = false;
        _node!.Return(connection, clean);
    }

    /// <summary>Ends a transaction that was not executed: UNWATCH, and the connection goes back to the pool; the queued commands' tasks are cancelled.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!TryClose()) return;
        FailAll(EntryArray.AsSpan(0, Count), new OperationCanceledException("The transaction was disposed without being executed."));
        await UnwatchAsync(sync: false).ConfigureAwait(false);
    }

    /// <summary>The synchronous twin of <see cref="DisposeAsync"/>.</summary>
    public void Dispose()
    {
        if (!TryClose()) return;
        FailAll(EntryArray.AsSpan(0, Count), new OperationCanceledException("The transaction was disposed without being executed."));
        UnwatchAsync(sync: true).GetAwaiter().GetResult();
    }

    private async ValueTask UnwatchAsync(bool sync)
    {
        if (_connection is null) return;
        if (!_watching)
        {
            ReleaseConnection(clean: true);
            return;
        }
        try
        {
            var reply = await RoundTripAsync(UnwatchParts, sync, CancellationToken.None).ConfigureAwait(false);
            ReleaseConnection(clean: !reply.IsError);
        }
        catch (RedisException)
        {
            // RoundTripAsync already closed the connection, which drops the watch as well.
        }
    }
}

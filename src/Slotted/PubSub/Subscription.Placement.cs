using Slotted.Protocol;
using Slotted.PubSub;
using Slotted.Topology;
using Slotted.Diagnostics;

namespace Slotted;

// Where channels live and how they get there: the one placement loop used when the caller subscribes
// and when the subscription heals itself after a lost connection or a moved slot.
public sealed partial class Subscription
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);

    private string? _lastFailedEndPoint;
    private int _rotation;
    private int _recovering;
    private int _recoveryWanted;

    private async ValueTask AddAsync(List<RedisValue> channels, bool sync, CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        await EnterAsync(sync, cancellationToken).ConfigureAwait(false);
        var added = new List<RedisValue>();
        try
        {
            ThrowIfClosed();
            lock (_state)
            {
                foreach (var channel in channels) if (_desired.Add(channel)) added.Add(channel);
            }
            long deadline = Environment.TickCount64 + (long)_executor.Options.CommandTimeout.TotalMilliseconds;
            await PlaceAsync(new HashSet<RedisValue>(channels), deadline, sync, cancellationToken).ConfigureAwait(false);
            CloseIdle(); // a connection opened to a node that answered MOVED holds nothing
        }
        catch
        {
            // Nothing half-done is left behind: channels this call added are dropped again, on the server too.
            lock (_state) _desired.ExceptWith(added);
            DropUnwanted();
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask RemoveAsync(List<RedisValue> channels, bool sync, CancellationToken cancellationToken)
    {
        if (IsClosed) return;
        await EnterAsync(sync, cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_state) _desired.ExceptWith(channels);
            long deadline = Environment.TickCount64 + (long)_executor.Options.CommandTimeout.TotalMilliseconds;
            foreach (var (connection, waiter) in DropUnwanted())
            {
                try
                {
                    await waiter.WaitAsync(deadline, connection.EndPoint, sync, cancellationToken).ConfigureAwait(false);
                }
                catch (RedisTimeoutException ex)
                {
                    connection.Fail(ex); // the other channels are resubscribed on a fresh connection
                }
                catch (RedisException)
                {
                    // A lost connection holds no subscription; a refusal leaves nothing to undo.
                }
            }
            CloseIdle();
        }
        finally
        {
            _gate.Release();
        }
    }

    private ValueTask EnterAsync(bool sync, CancellationToken cancellationToken)
    {
        if (!sync) return new(_gate.WaitAsync(cancellationToken));
        _gate.Wait(cancellationToken);
        return default;
    }

    /// <summary>
    /// Subscribes every channel of <paramref name="pending"/> that is not yet where it belongs, until
    /// the server confirmed all of them or <paramref name="deadline"/> passes. MOVED (a shard channel's
    /// slot has another owner) updates the slot map and goes there; ASK, TRYAGAIN, CLUSTERDOWN, LOADING,
    /// a lost connection or a missing confirmation back off and try again; any other error is thrown.
    /// </summary>
    private async ValueTask PlaceAsync(HashSet<RedisValue> pending, long deadline, bool sync, CancellationToken cancellationToken)
    {
        int attempt = 0, redirects = 0;
        var tried = new List<string>();
        Exception? last = null;
        while (true)
        {
            ThrowIfClosed();
            cancellationToken.ThrowIfCancellationRequested();
            pending.RemoveWhere(IsPlaced);
            if (pending.Count == 0) return;
            var sent = new List<(SubscriberConnection Connection, AckWaiter Waiter)>();
            foreach (var (endPoint, commands) in Plan(pending, ref last))
            {
                SubscriberConnection connection;
                try
                {
                    connection = await ConnectAsync(endPoint, sync, cancellationToken).ConfigureAwait(false);
                }
                catch (RedisConnectionException ex)
                {
                    last = ex;
                    lock (_state) _lastFailedEndPoint = endPoint;
                    continue;
                }
                foreach (var channels in commands) sent.Add((connection, connection.Subscribe(channels)));
            }
            bool backOff = sent.Count == 0;
            foreach (var (connection, waiter) in sent)
            {
                try
                {
                    await waiter.WaitAsync(deadline, connection.EndPoint, sync, cancellationToken).ConfigureAwait(false);
                }
                catch (RedisServerException ex) when (ex.Prefix == "MOVED" && RedirectParser.TryParse(ex.ServerMessage, out _, out int slot, out string target))
                {
                    if (target.StartsWith(':')) target = RedisClusterOptions.ParseEndPoint(connection.EndPoint).Host + target;
                    last = ex;
                    tried.Add(connection.EndPoint);
                    if (++redirects > _executor.Options.MaxRedirects) throw new RedisRedirectLimitException(slot, tried, redirects - 1);
                    _executor.Topology.ApplyMoved(slot, target);
                    _executor.Topology.Trigger();
                }
                catch (RedisServerException ex) when (ex.Prefix is "ASK" or "TRYAGAIN" or "CLUSTERDOWN" or "LOADING" or "MASTERDOWN")
                {
                    last = ex;
                    backOff = true;
                    _executor.Topology.Trigger();
                }
                catch (RedisTimeoutException ex)
                {
                    last = ex;
                    backOff = true;
                    connection.Fail(ex);
                }
                catch (RedisConnectionException ex)
                {
                    last = ex;
                    backOff = true;
                }
            }
            pending.RemoveWhere(IsPlaced);
            if (pending.Count == 0) return;
            long left = deadline - Environment.TickCount64;
            if (left <= 0)
                throw last ?? new RedisTimeoutException($"Could not subscribe to {pending.Count} channel(s) within the command timeout.");
            if (backOff)
            {
                int delay = (int)Math.Min(left, Math.Min(500, 10 << Math.Min(attempt++, 6)));
                if (sync) Thread.Sleep(delay);
                else await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Groups channels by the node to send them to, one command per group: channels and patterns go
    /// together to this subscription's node; shard channels go to their slot's primary, one SSUBSCRIBE
    /// per slot (Redis refuses shard channels of several slots in one command with CROSSSLOT).
    /// </summary>
    private Dictionary<string, List<List<RedisValue>>> Plan(HashSet<RedisValue> pending, ref Exception? last)
    {
        var plan = new Dictionary<string, List<List<RedisValue>>>(StringComparer.OrdinalIgnoreCase);
        var map = _executor.Topology.Current;
        if (Kind != SubscriptionKind.Shard)
        {
            string? node = ChooseNode(map);
            if (node is null)
            {
                _executor.Topology.Trigger();
                last ??= new RedisConnectionException("No cluster node is known to subscribe on.");
            }
            else
            {
                plan[node] = [[.. pending]];
            }
            return plan;
        }
        var bySlot = new Dictionary<int, List<RedisValue>>();
        foreach (var channel in pending)
        {
            int slot = HashSlot.Get(channel);
            if (!bySlot.TryGetValue(slot, out var list)) bySlot[slot] = list = [];
            list.Add(channel);
        }
        foreach (var (slot, channels) in bySlot)
        {
            string? owner = map.GetShard(slot)?.Primary.EndPoint;
            if (owner is null)
            {
                _executor.Topology.Trigger();
                last = new RedisClusterDownException($"No node serves slot {slot} (shard channel '{channels[0]}').");
                continue;
            }
            if (!plan.TryGetValue(owner, out var commands)) plan[owner] = commands = [];
            commands.Add(channels);
        }
        return plan;
    }

    /// <summary>
    /// The node for a channel or pattern subscription: the one it already has a connection to, else
    /// any node of the cluster (PUBLISH reaches them all), spread at random across subscriptions,
    /// skipping the node that failed last and nodes in connect back-off.
    /// </summary>
    private string? ChooseNode(ShardMap map)
    {
        string? failed;
        lock (_state)
        {
            foreach (var c in _connections.Values) if (c.IsAlive) return c.EndPoint;
            failed = _lastFailedEndPoint;
        }
        var nodes = map.Nodes;
        if (nodes.Count == 0) return null;
        for (int i = 0; i < nodes.Count; i++)
        {
            int index = (_rotation + i) % nodes.Count;
            string endPoint = nodes[index].EndPoint;
            if (nodes.Count > 1 && string.Equals(endPoint, failed, StringComparison.OrdinalIgnoreCase)) continue;
            if (_executor.GetNode(endPoint).IsBackingOff) continue;
            _rotation = index;
            return endPoint;
        }
        _rotation++;
        return nodes[_rotation % nodes.Count].EndPoint;
    }

    /// <summary>True when the server confirmed the channel on a live connection, and for a shard channel, on its slot's current primary.</summary>
    private bool IsPlaced(RedisValue channel)
    {
        string? owner = Kind == SubscriptionKind.Shard ? _executor.Topology.Current.GetShard(HashSlot.Get(channel))?.Primary.EndPoint : null;
        lock (_state)
        {
            foreach (var connection in _connections.Values)
            {
                if (!connection.IsAlive || !connection.Holds(channel)) continue;
                if (owner is null || string.Equals(owner, connection.EndPoint, StringComparison.OrdinalIgnoreCase)) return true;
            }
        }
        return false;
    }

    private bool AnyMisplaced(ShardMap map)
    {
        foreach (var connection in LiveConnections())
        {
            foreach (var channel in connection.Channels)
            {
                string? owner = map.GetShard(HashSlot.Get(channel))?.Primary.EndPoint;
                if (owner is not null && !string.Equals(owner, connection.EndPoint, StringComparison.OrdinalIgnoreCase)) return true;
            }
        }
        return false;
    }

    private List<SubscriberConnection> LiveConnections()
    {
        var list = new List<SubscriberConnection>();
        lock (_state)
        {
            foreach (var c in _connections.Values) if (c.IsAlive) list.Add(c);
        }
        return list;
    }

    private async ValueTask<SubscriberConnection> ConnectAsync(string endPoint, bool sync, CancellationToken cancellationToken)
    {
        lock (_state)
        {
            if (_connections.TryGetValue(endPoint, out var existing))
            {
                if (existing.IsAlive) return existing;
                _connections.Remove(endPoint);
                existing.Dispose();
            }
        }
        var node = _executor.GetNode(endPoint);
        var physical = sync ? node.Lease() : await node.LeaseAsync(cancellationToken).ConfigureAwait(false);
        var connection = new SubscriberConnection(physical, Kind, this, _executor.Options.CommandTimeout);
        lock (_state)
        {
            if (!IsClosed)
            {
                _connections[endPoint] = connection;
                return connection;
            }
        }
        connection.Dispose();
        throw new ObjectDisposedException(nameof(Subscription));
    }

    /// <summary>
    /// Unsubscribes, without waiting, every channel held where it no longer belongs: not wanted any
    /// more, or (shard channels) on a node that no longer serves its slot. Returns the commands sent.
    /// </summary>
    private List<(SubscriberConnection, AckWaiter)> DropUnwanted()
    {
        var sent = new List<(SubscriberConnection, AckWaiter)>();
        var map = _executor.Topology.Current;
        foreach (var connection in LiveConnections())
        {
            var drop = new List<RedisValue>();
            foreach (var channel in connection.Channels)
            {
                bool wanted;
                lock (_state) wanted = _desired.Contains(channel);
                if (wanted && Kind == SubscriptionKind.Shard)
                {
                    string? owner = map.GetShard(HashSlot.Get(channel))?.Primary.EndPoint;
                    wanted = owner is null || string.Equals(owner, connection.EndPoint, StringComparison.OrdinalIgnoreCase);
                }
                if (!wanted) drop.Add(channel);
            }
            if (drop.Count > 0) sent.Add((connection, connection.Unsubscribe(drop)));
        }
        return sent;
    }

    /// <summary>Closes connections that are dead or hold nothing (called with the gate held, so no command is in flight on them).</summary>
    private void CloseIdle()
    {
        var closing = new List<SubscriberConnection>();
        lock (_state)
        {
            foreach (var (endPoint, connection) in _connections)
                if (!connection.IsAlive || connection.ChannelCount == 0) closing.Add(connection);
            foreach (var connection in closing) _connections.Remove(connection.EndPoint);
        }
        foreach (var connection in closing) connection.Dispose();
    }

    /// <summary>Starts the healing loop unless it runs already (then it makes another pass).</summary>
    private void ScheduleRecovery()
    {
        Volatile.Write(ref _recoveryWanted, 1);
        if (IsClosed || Interlocked.CompareExchange(ref _recovering, 1, 0) != 0) return;
        _ = Task.Run(RecoverAsync);
    }

    /// <summary>
    /// Puts every wanted channel back where it belongs, retrying with a growing back-off (25 ms to 2 s)
    /// until it succeeds or the subscription is closed. A refusal that retrying cannot fix (for example
    /// NOPERM after an ACL change) ends the subscription: the message stream completes with that error.
    /// </summary>
    private async Task RecoverAsync()
    {
        int failures = 0;
        try
        {
            while (!IsClosed)
            {
                Volatile.Write(ref _recoveryWanted, 0);
                if (failures > 0)
                {
                    double ms = Math.Min(MaxBackoff.TotalMilliseconds, 25 * Math.Pow(2, Math.Min(failures - 1, 10)));
                    await Task.Delay(TimeSpan.FromMilliseconds(ms), _closing.Token).ConfigureAwait(false);
                }
                if (Kind == SubscriptionKind.Shard || failures > 0)
                {
                    try
                    {
                        await _executor.Topology.RefreshAsync().WaitAsync(_closing.Token).ConfigureAwait(false);
                    }
                    catch (RedisException)
                    {
                        // Placement below copes with a stale map (MOVED) or an unreachable node (retry).
                    }
                }
                await _gate.WaitAsync(_closing.Token).ConfigureAwait(false);
                try
                {
                    HashSet<RedisValue> wanted;
                    lock (_state) wanted = [.. _desired];
                    long deadline = Environment.TickCount64 + (long)_executor.Options.CommandTimeout.TotalMilliseconds;
                    await PlaceAsync(wanted, deadline, sync: false, _closing.Token).ConfigureAwait(false);
                    DropUnwanted();
                    CloseIdle();
                    failures = 0;
                    _executor.Logger?.SubscriptionRestored(wanted.Count, string.Join(", ", EndPoints));
                }
                catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException or RedisClusterDownException or RedisRedirectLimitException
                    || ex is RedisServerException { Prefix: "ASK" or "TRYAGAIN" or "CLUSTERDOWN" or "LOADING" or "MASTERDOWN" or "MOVED" })
                {
                    failures++;
                    _executor.Logger?.ResubscribeFailed(ex.Message);
                    continue;
                }
                catch (RedisServerException ex)
                {
                    _executor.Logger?.ResubscribeRefused(ex.Message);
                    Close(ex);
                    return;
                }
                finally
                {
                    _gate.Release();
                }
                if (Volatile.Read(ref _recoveryWanted) == 0) return;
            }
        }
        catch (OperationCanceledException) when (IsClosed)
        {
        }
        catch (ObjectDisposedException) when (IsClosed)
        {
        }
        finally
        {
            Volatile.Write(ref _recovering, 0);
            if (Volatile.Read(ref _recoveryWanted) != 0 && !IsClosed) ScheduleRecovery();
        }
    }
}

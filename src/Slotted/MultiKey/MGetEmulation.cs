using System.Buffers;
using System.Runtime.ExceptionServices;
using Slotted.Connections;
using Slotted.Diagnostics;
using Slotted.Protocol;
using Slotted.Routing;
using Slotted.Topology;

namespace Slotted.MultiKey;

/// <summary>
/// MGET over keys in any slots: one native MGET per slot (keys in the caller's order inside each),
/// replies put back in the caller's order.
/// </summary>
/// <remarks>
/// Each shard's MGETs are written back to back and sent as one
/// <see cref="NodeShare"/> — one queue waiter per node instead of a routed command per slot, which
/// is most of the client's work when 100 keys fall in 100 slots. Any slot whose reply is a redirect
/// (MOVED, ASK), TRYAGAIN, CLUSTERDOWN or LOADING, or whose share was lost with its connection or
/// could not be sent, is sent again on the ordinary routed path (a pooled command per slot, with
/// the full redirect and retry rules) — MGET only reads, so sending it twice is harmless. A timeout
/// or a cancellation ends the call. Sync calls take the same path and wait on the calling thread
/// (woken by the reader, so no pool thread is needed).
/// </remarks>
internal static class MGetEmulation
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    public static async ValueTask<RedisValue[]> MGetAsync(MultiKeyRunner run, IReadOnlyList<RedisKey> keys)
    {
        Guard.Keys(keys);
        var plan = new Plan(run.Executor.Topology.Current, keys);
        var scope = plan.GroupCount > 1 ? Telemetry.StartOperation("MGET", 0, emulated: true) : default;
        try
        {
            var replies = new RedisResult?[plan.GroupCount];
            List<int> resend;
            if (plan.GroupCount > 1) resend = await SendSharesAsync(run, keys, plan, replies).ConfigureAwait(false);
            else resend = [.. Enumerable.Range(0, plan.GroupCount)];
            if (resend.Count > 0)
            {
                var set = new SlotCommandSet(run, resend.Count, readOnly: true);
                using (PhysicalConnection.Cork())
                {
                    foreach (int g in resend)
                    {
                        var command = ClusterCommand<RedisResult>.Rent(run.Executor, ReplyDecoders.Raw);
                        plan.WriteGroup(command.Buffer, keys, g);
                        set.Start(command, plan.SlotOfGroup(g));
                    }
                }
                var more = await set.CollectAsync().ConfigureAwait(false);
                for (int k = 0; k < resend.Count; k++) replies[resend[k]] = more[k];
            }
            foreach (var reply in replies) RedisCluster.ThrowIfError(reply!);
            var values = new RedisValue[keys.Count];
            for (int g = 0, i = 0; g < replies.Length; g++)
            {
                var elements = replies[g]!.ElementArray ?? throw new RedisProtocolException($"MGET answered {replies[g]!.Type}, not an array.");
                if (elements.Length != plan.GroupSize(g)) throw new RedisProtocolException($"MGET of {plan.GroupSize(g)} keys answered {elements.Length} values.");
                for (int k = 0; k < elements.Length; k++, i++) values[plan.KeyIndex(i)] = elements[k].Value;
            }
            scope.Complete(null);
            return values;
        }
        catch (Exception ex)
        {
            scope.Complete(ex);
            throw;
        }
    }

    /// <summary>Sends every shard's share, waits for all, stores the final replies; returns the groups to send again.</summary>
    private static async ValueTask<List<int>> SendSharesAsync(MultiKeyRunner run, IReadOnlyList<RedisKey> keys, Plan plan, RedisResult?[] replies)
    {
        var executor = run.Executor;
        int shardCount = plan.ShardCount;
        var group = new CompletionGroup(shardCount, run.IsSync);
        var shares = new NodeShare[shardCount];
        long deadline = Environment.TickCount64 + executor.CommandTimeoutMilliseconds;
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        using (PhysicalConnection.Cork())
        {
            for (int s = 0; s < shardCount; s++)
            {
                int first = plan.FirstGroupOfShard(s), end = plan.FirstGroupOfShard(s + 1);
                var share = shares[s] = new NodeShare(end - first, group);
                string? endPoint = executor.SelectNode(plan.SlotOfGroup(first), readOnly: true, attempt: 0);
                var connection = endPoint is null ? null : executor.GetNode(endPoint).Current;
                if (connection is null)
                {
                    share.Complete(null); // not connected (or no owner): the routed path connects or waits
                    continue;
                }
                buffer.ResetWrittenCount();
                for (int g = first; g < end; g++) plan.WriteGroup(buffer, keys, g);
                try
                {
                    connection.Send(share, deadline, buffer.WrittenSpan, end - first);
                }
                catch (RedisConnectionException)
                {
                    share.Complete(null); // closed before anything was written
                }
            }
        }
        var cancellationToken = run.CancellationToken;
        using (cancellationToken.UnsafeRegister(static state =>
               {
                   var (all, token) = ((NodeShare[], CancellationToken))state!;
                   foreach (var share in all) share.Complete(new OperationCanceledException(token));
               }, (shares, cancellationToken)))
        {
            if (!run.IsSync) await group.WhenAll.ConfigureAwait(false);
            else if (!group.Wait(TimeSpan.FromMilliseconds(Math.Max(1, deadline - Environment.TickCount64 + 1000))))
            {
                // The connections' sweep should have timed the shares out; never wait for ever.
                foreach (var share in shares) share.Complete(NodeConnection.TimeoutError("the cluster"));
                group.Wait(Timeout.InfiniteTimeSpan);
            }
        }
        var resend = new List<int>();
        for (int s = 0; s < shardCount; s++)
        {
            var share = shares[s];
            if (share.Error is RedisTimeoutException or OperationCanceledException) ExceptionDispatchInfo.Throw(share.Error);
            int first = plan.FirstGroupOfShard(s);
            for (int k = 0; k < share.Count; k++)
            {
                var reply = share.Reply(k);
                if (reply is null || RetryState.IsRetryable(reply)) resend.Add(first + k);
                else replies[first + k] = reply;
            }
        }
        return resend;
    }

    /// <summary>
    /// The keys sorted shard-major, then by slot, then in the caller's order (as
    /// <c>shard &lt;&lt; 46 | slot &lt;&lt; 32 | index</c>), cut into slot groups and shards.
    /// </summary>
    private sealed class Plan
    {
        private readonly long[] _order;
        private readonly List<int> _groupStarts = [];
        private readonly List<int> _shardStarts = [];

        public Plan(ShardMap map, IReadOnlyList<RedisKey> keys)
        {
            int n = keys.Count;
            _order = new long[n];
            var shards = new List<Shard?>(4);
            Shard? lastShard = null;
            int lastShardIndex = -1;
            for (int i = 0; i < n; i++)
            {
                int slot = HashSlot.Get(keys[i]);
                var shard = map.GetShard(slot);
                if (lastShardIndex < 0 || !ReferenceEquals(shard, lastShard))
                {
                    lastShard = shard;
                    lastShardIndex = IndexOf(shards, shard);
                }
                _order[i] = (long)lastShardIndex << 46 | (long)slot << 32 | (uint)i;
            }
            Array.Sort(_order);
            for (int i = 0; i < n; i++)
            {
                if (i > 0 && SlotOf(_order[i]) == SlotOf(_order[i - 1])) continue;
                if (i == 0 || _order[i] >> 46 != _order[i - 1] >> 46) _shardStarts.Add(_groupStarts.Count);
                _groupStarts.Add(i);
            }
            _shardStarts.Add(_groupStarts.Count);
            _groupStarts.Add(n);
        }

        public int GroupCount => _groupStarts.Count - 1;

        public int ShardCount => _shardStarts.Count - 1;

        /// <summary>The first group of shard <paramref name="shard"/>; <see cref="ShardCount"/> gives the end.</summary>
        public int FirstGroupOfShard(int shard) => _shardStarts[shard];

        public int SlotOfGroup(int group) => SlotOf(_order[_groupStarts[group]]);

        public int GroupSize(int group) => _groupStarts[group + 1] - _groupStarts[group];

        /// <summary>The caller's index of the key at sorted position <paramref name="position"/>.</summary>
        public int KeyIndex(int position) => (int)_order[position];

        /// <summary>Writes the native MGET of one slot group.</summary>
        public void WriteGroup(IBufferWriter<byte> writer, IReadOnlyList<RedisKey> keys, int group)
        {
            int start = _groupStarts[group], end = _groupStarts[group + 1];
            RespWriter.WriteArrayHeader(writer, end - start + 1);
            RespWriter.WriteRaw(writer, "$4\r\nMGET\r\n"u8);
            for (int k = start; k < end; k++) KeyWriter.Write(writer, keys[(int)_order[k]]);
        }

        private static int SlotOf(long ordered) => (int)(ordered >> 32) & 0x3FFF;

        private static int IndexOf(List<Shard?> shards, Shard? shard)
        {
            for (int i = 0; i < shards.Count; i++) if (ReferenceEquals(shards[i], shard)) return i;
            shards.Add(shard);
            return shards.Count - 1;
        }
    }
}

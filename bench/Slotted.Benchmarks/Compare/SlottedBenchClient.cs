using System.Diagnostics;

namespace Slotted.Benchmarks.Compare;

/// <summary>Slotted, as an application would use it: one shared <see cref="RedisCluster"/>.</summary>
internal sealed class SlottedBenchClient : IBenchClient
{
    private readonly RedisCluster _cluster;
    private readonly RedisKey[] _keys;
    private readonly RedisValue _value;
    private readonly RedisKey[][] _mgetGroups;

    private SlottedBenchClient(RedisCluster cluster, KeySet keySet)
    {
        _cluster = cluster;
        _keys = new RedisKey[keySet.Count];
        for (int i = 0; i < _keys.Length; i++) _keys[i] = keySet.Names[i];
        _value = keySet.Value;
        var groups = keySet.MGetGroups(64);
        _mgetGroups = new RedisKey[groups.Length][];
        for (int g = 0; g < groups.Length; g++)
        {
            _mgetGroups[g] = new RedisKey[groups[g].Length];
            for (int i = 0; i < groups[g].Length; i++) _mgetGroups[g][i] = _keys[groups[g][i]];
        }
    }

    public string Name => "Slotted";

    public static async Task<SlottedBenchClient> ConnectAsync(string nodes, KeySet keySet) =>
        new(await RedisCluster.ConnectAsync(nodes).ConfigureAwait(false), keySet);

    public async Task PreloadAsync()
    {
        for (int start = 0; start < _keys.Length; start += 1000) await SetBatchesAsync(Math.Min(1000, _keys.Length - start), 1000, start).ConfigureAwait(false);
    }

    public long SyncSetGet(long endTimestamp, int startKey, LatencyHistogram latencies)
    {
        var keys = _keys;
        int k = startKey % keys.Length;
        long ops = 0;
        long t0 = Stopwatch.GetTimestamp();
        while (t0 < endTimestamp)
        {
            _cluster.Set(keys[k], _value);
            long t1 = Stopwatch.GetTimestamp();
            if (_cluster.Get(keys[k]).IsNull) throw new InvalidOperationException("GET lost the value just SET.");
            long t2 = Stopwatch.GetTimestamp();
            latencies.Record(t1 - t0);
            latencies.Record(t2 - t1);
            ops += 2;
            if (++k == keys.Length) k = 0;
            t0 = t2;
        }
        return ops;
    }

    public async Task<long> AsyncSetGetAsync(long endTimestamp, int startKey, LatencyHistogram latencies)
    {
        var keys = _keys;
        int k = startKey % keys.Length;
        long ops = 0;
        long t0 = Stopwatch.GetTimestamp();
        while (t0 < endTimestamp)
        {
            await _cluster.SetAsync(keys[k], _value).ConfigureAwait(false);
            long t1 = Stopwatch.GetTimestamp();
            if ((await _cluster.GetAsync(keys[k]).ConfigureAwait(false)).IsNull) throw new InvalidOperationException("GET lost the value just SET.");
            long t2 = Stopwatch.GetTimestamp();
            latencies.Record(t1 - t0);
            latencies.Record(t2 - t1);
            ops += 2;
            if (++k == keys.Length) k = 0;
            t0 = t2;
        }
        return ops;
    }

    public async Task SetBatchesAsync(int total, int batchSize, int startKey)
    {
        // Slotted's pipeline: each batch grouped by node, one write per node, all nodes at once.
        var keys = _keys;
        int k = startKey % keys.Length;
        for (int done = 0; done < total; done += batchSize)
        {
            int n = Math.Min(batchSize, total - done);
            var pipeline = _cluster.CreatePipeline();
            for (int i = 0; i < n; i++)
            {
                _ = pipeline.SetAsync(keys[k], _value);
                if (++k == keys.Length) k = 0;
            }
            var replies = await pipeline.ExecuteAsync().ConfigureAwait(false);
            for (int i = 0; i < replies.Count; i++)
            {
                if (replies[i].IsError) throw new InvalidOperationException($"A pipelined SET failed: {replies[i]}");
            }
        }
    }

    public async Task<long> MGetLoopAsync(long endTimestamp, int startGroup)
    {
        // MGET across slots: Slotted splits it per slot, sends each node's share in one write and
        // puts the values back in order.
        long calls = 0;
        int g = startGroup % _mgetGroups.Length;
        while (Stopwatch.GetTimestamp() < endTimestamp)
        {
            var values = await _cluster.MGetAsync(_mgetGroups[g]).ConfigureAwait(false);
            for (int i = 0; i < values.Length; i++)
            {
                if (values[i].IsNull) throw new InvalidOperationException("MGET missed a preloaded key.");
            }
            calls++;
            if (++g == _mgetGroups.Length) g = 0;
        }
        return calls;
    }

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();
}

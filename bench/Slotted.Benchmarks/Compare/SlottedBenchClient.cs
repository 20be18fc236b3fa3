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
        var keys = _keys;
        var pending = new ValueTask<bool>[batchSize];
        int k = startKey % keys.Length;
        for (int done = 0; done < total; done += batchSize)
        {
            int n = Math.Min(batchSize, total - done);
            for (int i = 0; i < n; i++)
            {
                pending[i] = _cluster.SetAsync(keys[k], _value);
                if (++k == keys.Length) k = 0;
            }
            for (int i = 0; i < n; i++) await pending[i].ConfigureAwait(false);
        }
    }

    public async Task<long> MGetLoopAsync(long endTimestamp, int startGroup)
    {
        long calls = 0;
        int g = startGroup % _mgetGroups.Length;
        var pending = new ValueTask<RedisValue>[KeySet.MGetWidth];
        while (Stopwatch.GetTimestamp() < endTimestamp)
        {
            var group = _mgetGroups[g];
            for (int i = 0; i < group.Length; i++) pending[i] = _cluster.GetAsync(group[i]);
            for (int i = 0; i < group.Length; i++)
            {
                if ((await pending[i].ConfigureAwait(false)).IsNull) throw new InvalidOperationException("MGET missed a preloaded key.");
            }
            calls++;
            if (++g == _mgetGroups.Length) g = 0;
        }
        return calls;
    }

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();
}

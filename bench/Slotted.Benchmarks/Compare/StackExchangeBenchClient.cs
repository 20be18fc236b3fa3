using System.Diagnostics;
using StackExchange.Redis;
using SeKey = StackExchange.Redis.RedisKey;
using SeValue = StackExchange.Redis.RedisValue;

namespace Slotted.Benchmarks.Compare;

/// <summary>StackExchange.Redis in cluster mode, as its documentation suggests: one shared multiplexer.</summary>
internal sealed class StackExchangeBenchClient : IBenchClient
{
    private readonly ConnectionMultiplexer _mux;
    private readonly IDatabase _db;
    private readonly SeKey[] _keys;
    private readonly SeValue _value;
    private readonly SeKey[][] _mgetGroups;

    private StackExchangeBenchClient(ConnectionMultiplexer mux, KeySet keySet)
    {
        _mux = mux;
        _db = mux.GetDatabase();
        _keys = new SeKey[keySet.Count];
        for (int i = 0; i < _keys.Length; i++) _keys[i] = keySet.Names[i];
        _value = keySet.Value;
        var groups = keySet.MGetGroups(64);
        _mgetGroups = new SeKey[groups.Length][];
        for (int g = 0; g < groups.Length; g++)
        {
            _mgetGroups[g] = new SeKey[groups[g].Length];
            for (int i = 0; i < groups[g].Length; i++) _mgetGroups[g][i] = _keys[groups[g][i]];
        }
    }

    public string Name => "StackExchange.Redis";

    public static async Task<StackExchangeBenchClient> ConnectAsync(string nodes, KeySet keySet)
    {
        var mux = await ConnectionMultiplexer.ConnectAsync(nodes).ConfigureAwait(false);
        if (mux.GetServers().Length < 2 || !mux.GetServers()[0].ServerType.Equals(ServerType.Cluster))
            Console.Error.WriteLine("warning: StackExchange.Redis did not detect a cluster.");
        return new StackExchangeBenchClient(mux, keySet);
    }

    public Task PreloadAsync() => SetBatchesAsync(_keys.Length, 1000, 0);

    public long SyncSetGet(long endTimestamp, int startKey, LatencyHistogram latencies)
    {
        var keys = _keys;
        int k = startKey % keys.Length;
        long ops = 0;
        long t0 = Stopwatch.GetTimestamp();
        while (t0 < endTimestamp)
        {
            _db.StringSet(keys[k], _value);
            long t1 = Stopwatch.GetTimestamp();
            if (_db.StringGet(keys[k]).IsNull) throw new InvalidOperationException("GET lost the value just SET.");
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
            await _db.StringSetAsync(keys[k], _value).ConfigureAwait(false);
            long t1 = Stopwatch.GetTimestamp();
            if ((await _db.StringGetAsync(keys[k]).ConfigureAwait(false)).IsNull) throw new InvalidOperationException("GET lost the value just SET.");
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
        // Fire all, then await: the multiplexer pipelines every async command it is given.
        var keys = _keys;
        var pending = new Task<bool>[batchSize];
        int k = startKey % keys.Length;
        for (int done = 0; done < total; done += batchSize)
        {
            int n = Math.Min(batchSize, total - done);
            if (n < pending.Length) pending = new Task<bool>[n];
            for (int i = 0; i < n; i++)
            {
                pending[i] = _db.StringSetAsync(keys[k], _value);
                if (++k == keys.Length) k = 0;
            }
            await Task.WhenAll(pending).ConfigureAwait(false);
        }
    }

    public async Task<long> MGetLoopAsync(long endTimestamp, int startGroup)
    {
        // MGET across slots is refused by the server, and StackExchange.Redis does not split it:
        // per-key GETs awaited together.
        long calls = 0;
        int g = startGroup % _mgetGroups.Length;
        var pending = new Task<SeValue>[KeySet.MGetWidth];
        while (Stopwatch.GetTimestamp() < endTimestamp)
        {
            var group = _mgetGroups[g];
            for (int i = 0; i < group.Length; i++) pending[i] = _db.StringGetAsync(group[i]);
            var values = await Task.WhenAll(pending).ConfigureAwait(false);
            for (int i = 0; i < values.Length; i++)
            {
                if (values[i].IsNull) throw new InvalidOperationException("MGET missed a preloaded key.");
            }
            calls++;
            if (++g == _mgetGroups.Length) g = 0;
        }
        return calls;
    }

    public async ValueTask DisposeAsync() => await _mux.DisposeAsync().ConfigureAwait(false);
}

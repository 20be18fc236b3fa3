using System.Globalization;

namespace Slotted.FaultTests.Infrastructure;

/// <summary>
/// Workers that RPUSH unique ids onto lists and log each acknowledged push, so that a scenario can compare every
/// list with the client's log: after a fault that must not lose or repeat writes, they match exactly.
/// </summary>
internal sealed class ListLoad : IAsyncDisposable
{
    private readonly RedisCluster _cluster;
    private readonly string _prefix = "rpush:" + Guid.NewGuid().ToString("N")[..8] + ":";
    private readonly List<string>[] _logs;
    private readonly Task[] _tasks;
    private readonly CancellationTokenSource _stop = new();
    private long _errors;

    private ListLoad(RedisCluster cluster, int workers, int listsPerWorker)
    {
        _cluster = cluster;
        _logs = new List<string>[workers * listsPerWorker];
        for (int i = 0; i < _logs.Length; i++) _logs[i] = [];
        _tasks = new Task[workers];
        for (int w = 0; w < workers; w++)
        {
            int worker = w;
            _tasks[w] = Task.Run(() => RunAsync(worker, listsPerWorker));
        }
    }

    /// <summary>Pushes that failed (each may or may not be in its list).</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Pushes acknowledged so far.</summary>
    public long Pushes
    {
        get
        {
            long n = 0;
            foreach (List<string> log in _logs)
            {
                lock (log) n += log.Count;
            }

            return n;
        }
    }

    public static ListLoad Start(RedisCluster cluster, int workers = 4, int listsPerWorker = 25) => new(cluster, workers, listsPerWorker);

    public string KeyOf(int list) => _prefix + list.ToString(CultureInfo.InvariantCulture);

    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_tasks).ConfigureAwait(false);
    }

    /// <summary>Reads every list back and returns a description of each one that differs from the log (empty when all match).</summary>
    public async Task<IReadOnlyList<string>> CompareAsync()
    {
        var mismatches = new List<string>();
        for (int i = 0; i < _logs.Length; i++)
        {
            RedisResult stored = await _cluster.ExecuteAsync("LRANGE", KeyOf(i), 0, -1).ConfigureAwait(false);
            string[] actual = stored.ToStringArray().Select(s => s ?? "").ToArray();
            string[] expected;
            lock (_logs[i]) expected = [.. _logs[i]];
            if (!actual.SequenceEqual(expected))
            {
                mismatches.Add($"{KeyOf(i)}: {expected.Length} pushes logged, {actual.Length} stored; " +
                    $"first difference at {FirstDifference(expected, actual)}");
            }
        }

        return mismatches;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private static int FirstDifference(string[] a, string[] b)
    {
        int i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        return i;
    }

    private async Task RunAsync(int worker, int listsPerWorker)
    {
        long sequence = 0;
        var random = new Random(worker);
        while (!_stop.IsCancellationRequested)
        {
            int list = worker * listsPerWorker + random.Next(listsPerWorker);
            string id = worker.ToString(CultureInfo.InvariantCulture) + ":" + (sequence++).ToString(CultureInfo.InvariantCulture);
            try
            {
                await _cluster.ExecuteAsync("RPUSH", KeyOf(list), id).ConfigureAwait(false);
                lock (_logs[list]) _logs[list].Add(id);
            }
            catch (RedisException)
            {
                Interlocked.Increment(ref _errors);
            }
        }
    }
}

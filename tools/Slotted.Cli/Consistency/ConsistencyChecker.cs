using System.Globalization;

namespace Slotted.Cli.Consistency;

/// <summary>
/// One worker of the consistency test, ported from redis-rb-cluster's consistency-test.rb: each step picks a
/// key (half the time from a working set of 1,000, half from a keyspace of 10,000, under a prefix fresh for
/// the run), GETs it and compares the value with what the key's last INCR returned — less means acknowledged
/// writes were lost, more means writes ran that were never acknowledged — then INCRs it.
/// On top of the original it counts duplicated writes: a counter above the number of INCRs that were
/// acknowledged or failed with an unknown outcome proves the client sent some write twice.
/// A worker runs one step at a time; run several workers (each with its own prefix) for concurrency.
/// </summary>
internal sealed class ConsistencyChecker
{
    /// <summary>Keys picked half of the time, so that they are written often.</summary>
    public const int WorkingSet = 1000;

    /// <summary>All keys a worker may pick.</summary>
    public const int KeySpace = 10000;

    private readonly RedisCluster _cluster;
    private readonly ConsistencyCounts _counts;
    private readonly Random _random;
    private readonly Dictionary<string, ConsistencyKeyState> _keys = new(StringComparer.Ordinal);

    /// <summary>Creates a worker writing keys <c>{prefix}key_N</c>.</summary>
    public ConsistencyChecker(RedisCluster cluster, ConsistencyCounts counts, string prefix, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        _cluster = cluster;
        _counts = counts;
        Prefix = prefix;
        _random = random ?? new Random();
    }

    /// <summary>The key prefix of this worker.</summary>
    public string Prefix { get; }

    /// <summary>Called after every GET and INCR (tests use it to see which keys failed, and when).</summary>
    public Action<ConsistencyOperation>? Observer { get; init; }

    /// <summary>Receives each error's text (the CLI prints them, at most once a second per message).</summary>
    public Action<string>? ErrorSink { get; init; }

    /// <summary>The keys this worker has touched so far.</summary>
    public IReadOnlyCollection<string> Keys => _keys.Keys;

    /// <summary>A prefix no earlier run used: process id, clock and worker number.</summary>
    public static string NewPrefix(int worker) =>
        string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}|{DateTime.UtcNow.Ticks}|{worker}|");

    /// <summary>
    /// True when a failed INCR may nevertheless have run: a timeout, a connection lost after the command was
    /// written, a cancellation, or an error of unknown kind. Error replies, "cluster down" and connection errors
    /// raised before sending prove it did not.
    /// </summary>
    public static bool MayHaveRun(Exception error) => error switch
    {
        RedisTimeoutException => true,
        RedisConnectionException connection => connection.OutcomeUnknown,
        OperationCanceledException => true,
        RedisException => false,
        _ => true,
    };

    /// <summary>
    /// Steps until <paramref name="stopToken"/> is cancelled. The step under way is finished, not cancelled: a
    /// cancelled INCR may still run, and would show up as an unacknowledged write.
    /// </summary>
    public async Task RunAsync(CancellationToken stopToken)
    {
        while (!stopToken.IsCancellationRequested)
        {
            await StepAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>One GET, check and INCR of a random key.</summary>
    public async ValueTask StepAsync(CancellationToken cancellationToken)
    {
        string key = NextKey();
        _keys.TryGetValue(key, out ConsistencyKeyState state);
        try
        {
            state = await ReadAsync(key, state, cancellationToken).ConfigureAwait(false);
            long started = Environment.TickCount64;
            try
            {
                long value = await _cluster.IncrAsync(key, cancellationToken).ConfigureAwait(false);
                Observer?.Invoke(new(key, true, started, Environment.TickCount64, null));
                _counts.AddWrite();
                state.Cached = value;
                state.Acknowledged++;
                CheckDuplicates(ref state, value);
            }
            catch (Exception ex)
            {
                bool mayHaveRun = MayHaveRun(ex);
                if (mayHaveRun) state.MayHaveRun++;
                if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested) throw;
                Observer?.Invoke(new(key, true, started, Environment.TickCount64, ex));
                _counts.AddFailedWrite(mayHaveRun);
                ErrorSink?.Invoke("Writing: " + ex.Message);
            }
        }
        finally
        {
            _keys[key] = state;
        }
    }

    /// <summary>
    /// GETs every key this worker has written and checks it (for the end of a test, once the cluster is quiet):
    /// every lost, unacknowledged or duplicated increment is counted, not only those a random GET happens to see.
    /// </summary>
    public async Task VerifyAllAsync(CancellationToken cancellationToken)
    {
        foreach (string key in _keys.Keys.ToArray())
        {
            _keys[key] = await ReadAsync(key, _keys[key], cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<ConsistencyKeyState> ReadAsync(string key, ConsistencyKeyState state, CancellationToken cancellationToken)
    {
        long started = Environment.TickCount64;
        try
        {
            RedisValue read = await _cluster.GetAsync(key, cancellationToken).ConfigureAwait(false);
            Observer?.Invoke(new(key, false, started, Environment.TickCount64, null));
            long value = (long)read;
            _counts.AddRead();
            if (state.Cached is long expected)
            {
                if (expected > value) _counts.AddLost(expected - value);
                else if (expected < value) _counts.AddNotAcknowledged(value - expected);
            }
            CheckDuplicates(ref state, value);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Observer?.Invoke(new(key, false, started, Environment.TickCount64, ex));
            _counts.AddFailedRead();
            ErrorSink?.Invoke("Reading: " + ex.Message);
        }
        return state;
    }

    private void CheckDuplicates(ref ConsistencyKeyState state, long value)
    {
        long excess = value - state.Acknowledged - state.MayHaveRun;
        if (excess > state.Duplicated)
        {
            _counts.AddDuplicated(excess - state.Duplicated);
            state.Duplicated = excess;
        }
    }

    private string NextKey()
    {
        int range = _random.NextDouble() > 0.5 ? KeySpace : WorkingSet;
        return Prefix + "key_" + _random.Next(range).ToString(CultureInfo.InvariantCulture);
    }
}

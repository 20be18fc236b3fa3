using Slotted.Cli.Consistency;

namespace Slotted.FaultTests.Infrastructure;

/// <summary>
/// The CLI's consistency test (<see cref="ConsistencyChecker"/>, the same source file) run by several workers
/// on one client while a scenario injects its fault; optionally records every operation for later checks.
/// </summary>
internal sealed class ConsistencyLoad : IAsyncDisposable
{
    private readonly ConsistencyChecker[] _workers;
    private readonly Task[] _tasks;
    private readonly CancellationTokenSource _stop = new();

    private ConsistencyLoad(RedisCluster cluster, int workers, Action<ConsistencyOperation>? observer)
    {
        Counts = new ConsistencyCounts();
        _workers = new ConsistencyChecker[workers];
        _tasks = new Task[workers];
        for (int i = 0; i < workers; i++)
        {
            _workers[i] = new ConsistencyChecker(cluster, Counts, ConsistencyChecker.NewPrefix(i), new Random(i))
            {
                Observer = observer,
            };
        }

        for (int i = 0; i < workers; i++)
        {
            ConsistencyChecker worker = _workers[i];
            _tasks[i] = Task.Run(() => worker.RunAsync(_stop.Token));
        }
    }

    /// <summary>The totals, shared by all workers.</summary>
    public ConsistencyCounts Counts { get; }

    /// <summary>Starts <paramref name="workers"/> workers on <paramref name="cluster"/>; <paramref name="observer"/> sees every GET and INCR.</summary>
    public static ConsistencyLoad Start(RedisCluster cluster, int workers, Action<ConsistencyOperation>? observer = null) =>
        new(cluster, workers, observer);

    /// <summary>Stops the workers after their current step.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_tasks).ConfigureAwait(false);
    }

    /// <summary>Stops, then reads back every key written and checks it (see <see cref="ConsistencyChecker.VerifyAllAsync"/>).</summary>
    public async Task StopAndVerifyAsync()
    {
        await StopAsync().ConfigureAwait(false);
        foreach (ConsistencyChecker worker in _workers) await worker.VerifyAllAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Waits until the workers have made <paramref name="steps"/> more steps (proof that load flows).</summary>
    public async Task WaitForProgressAsync(long steps, TimeSpan timeout)
    {
        long target = Counts.Reads + Counts.FailedReads + steps;
        DateTime deadline = DateTime.UtcNow + timeout;
        while (Counts.Reads + Counts.FailedReads < target)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The load made no progress in {timeout}: {Counts}");
            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}

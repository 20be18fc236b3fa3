using System.Diagnostics;

namespace Slotted.FaultTests.Infrastructure;

/// <summary>Waits for a condition by polling it.</summary>
public static class Poll
{
    /// <summary>Polls <paramref name="condition"/> every <paramref name="interval"/> (default 50 ms) until it holds; returns the time it took.</summary>
    public static TimeSpan Until(Func<bool> condition, TimeSpan timeout, string what, TimeSpan? interval = null)
    {
        var watch = Stopwatch.StartNew();
        while (!Safe(condition))
        {
            if (watch.Elapsed > timeout) throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}.");
            Thread.Sleep(interval ?? TimeSpan.FromMilliseconds(50));
        }

        return watch.Elapsed;
    }

    // A probe that cannot reach a node (it is down or paused) counts as "not yet".
    private static bool Safe(Func<bool> condition)
    {
        try
        {
            return condition();
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            return false;
        }
    }
}

using System.Diagnostics;
using System.Numerics;

namespace Slotted.Benchmarks.Compare;

/// <summary>
/// A log-linear latency histogram (about 3% resolution) in Stopwatch ticks: recording is one
/// array increment, so the harness itself allocates nothing per operation.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBits = 5;
    private const int Sub = 1 << SubBits;
    private const int Buckets = 2 * Sub + 64 * Sub;

    private readonly long[] _counts = new long[Buckets];

    public long Count { get; private set; }

    public void Record(long ticks)
    {
        _counts[Index(Math.Max(ticks, 0))]++;
        Count++;
    }

    public void Add(LatencyHistogram other)
    {
        for (int i = 0; i < Buckets; i++) _counts[i] += other._counts[i];
        Count += other.Count;
    }

    /// <summary>The latency at quantile <paramref name="q"/> (0..1) in microseconds.</summary>
    public double PercentileMicroseconds(double q)
    {
        if (Count == 0) return double.NaN;
        long rank = Math.Max(1, (long)Math.Ceiling(q * Count));
        long seen = 0;
        for (int i = 0; i < Buckets; i++)
        {
            seen += _counts[i];
            if (seen >= rank) return Middle(i) * 1_000_000.0 / Stopwatch.Frequency;
        }
        return double.NaN;
    }

    private static int Index(long v)
    {
        if (v < 2 * Sub) return (int)v;
        int msb = 63 - BitOperations.LeadingZeroCount((ulong)v);
        int shift = msb - SubBits;
        long mantissa = v >> shift; // in [Sub, 2*Sub)
        return 2 * Sub + (shift - 1) * Sub + (int)(mantissa - Sub);
    }

    private static double Middle(int index)
    {
        if (index < 2 * Sub) return index;
        int shift = (index - 2 * Sub) / Sub + 1;
        long mantissa = (index - 2 * Sub) % Sub + Sub;
        return (mantissa << shift) + (1L << shift) / 2.0;
    }
}

using System.Diagnostics;

namespace Slotted.Benchmarks.Compare;

/// <summary>Process CPU time (user + system, every thread) and bytes allocated (the GC's own count) over a measured span.</summary>
internal readonly struct ResourceMeter
{
    private static readonly Process Self = Process.GetCurrentProcess();

    private readonly long _allocated;
    private readonly TimeSpan _cpu;
    private readonly long _timestamp;

    private ResourceMeter(long allocated, TimeSpan cpu, long timestamp)
    {
        _allocated = allocated;
        _cpu = cpu;
        _timestamp = timestamp;
    }

    public static ResourceMeter Start()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Self.Refresh();
        var cpu = Self.TotalProcessorTime;
        return new ResourceMeter(GC.GetTotalAllocatedBytes(precise: true), cpu, Stopwatch.GetTimestamp());
    }

    /// <summary>Ends the span: seconds elapsed, bytes allocated and CPU microseconds used.</summary>
    public (double Seconds, long Allocated, double CpuMicroseconds) Stop()
    {
        long now = Stopwatch.GetTimestamp();
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        Self.Refresh();
        var cpu = Self.TotalProcessorTime;
        return ((now - _timestamp) / (double)Stopwatch.Frequency, allocated - _allocated, (cpu - _cpu).TotalMicroseconds);
    }
}

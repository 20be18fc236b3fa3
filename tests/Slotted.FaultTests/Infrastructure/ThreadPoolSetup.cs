using System.Runtime.CompilerServices;

namespace Slotted.FaultTests.Infrastructure;

/// <summary>
/// The scenarios drive the cluster with synchronous helpers (redis-cli processes, polling with Thread.Sleep) from
/// async test methods, which holds thread-pool threads. On two cores the pool starts with two threads and grows
/// slowly, so the client's own continuations could be delayed by the harness, not by the client; the timing
/// assertions then measure the harness. A larger minimum keeps them about the client.
/// </summary>
internal static class ThreadPoolSetup
{
    [ModuleInitializer]
    internal static void RaiseMinimumThreads()
    {
        ThreadPool.GetMinThreads(out int workers, out int completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), completionPorts);
    }
}

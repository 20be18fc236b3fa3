namespace Slotted.Benchmarks.Compare;

/// <summary>
/// One client under test. Each client runs the workload loops itself, written the way a user of
/// that client would write them, so neither pays for an adapter the other does not.
/// </summary>
internal interface IBenchClient : IAsyncDisposable
{
    string Name { get; }

    /// <summary>SETs every key once, so GET and MGET find 32-byte values.</summary>
    Task PreloadAsync();

    /// <summary>(a) One caller, sync SET then GET of the same key, until <paramref name="endTimestamp"/>. Returns the number of commands.</summary>
    long SyncSetGet(long endTimestamp, int startKey, LatencyHistogram latencies);

    /// <summary>(b) One of the concurrent async callers: SET then GET until <paramref name="endTimestamp"/>. Returns the number of commands.</summary>
    Task<long> AsyncSetGetAsync(long endTimestamp, int startKey, LatencyHistogram latencies);

    /// <summary>(c) <paramref name="total"/> SETs issued <paramref name="batchSize"/> at a time, each batch awaited before the next.</summary>
    Task SetBatchesAsync(int total, int batchSize, int startKey);

    /// <summary>(d) MGET of 100 keys spread over all slots, repeated until <paramref name="endTimestamp"/>. Returns the number of calls.</summary>
    Task<long> MGetLoopAsync(long endTimestamp, int startGroup);
}

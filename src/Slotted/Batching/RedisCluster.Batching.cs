using Slotted.Topology;

namespace Slotted;

public sealed partial class RedisCluster
{
    /// <summary>
    /// Creates a pipeline: queue commands on it (each typed method returns its task at once), then
    /// run them all with <see cref="RedisPipeline.ExecuteAsync(CancellationToken)"/>, one write per
    /// node, all nodes in parallel, replies in the caller's order. Keys may be on any slots.
    /// </summary>
    public RedisPipeline CreatePipeline() => new(_executor);

    /// <summary>
    /// Creates a transaction (MULTI/EXEC) on the slot of <paramref name="key"/>: every command queued
    /// on it, and every key watched, must hash to that slot (use a <c>{hash tag}</c>), since a cluster
    /// runs a transaction on one node (Redis Cluster specification, "multi-key operations"). It runs on
    /// a connection of its own, so <see cref="RedisTransaction.WatchAsync(RedisKey[])"/> gives
    /// optimistic locking (https://redis.io/docs/latest/develop/interact/transactions/). Dispose it.
    /// </summary>
    /// <param name="key">Any key in the transaction's slot, e.g. <c>"{user:42}"</c> or its first key.</param>
    /// <exception cref="ArgumentException">The key is null or empty.</exception>
    public RedisTransaction CreateTransaction(RedisKey key)
    {
        Guard.Key(key);
        return new RedisTransaction(_executor, HashSlot.Get(key));
    }
}

using Slotted.Routing;
using static Slotted.ReplyConverters;

namespace Slotted;

// Commands over the whole keyspace. Every key lives on exactly one primary, so these go to the
// primaries only: replicas would repeat their primary's keys (KEYS) or refuse the write (FLUSHALL).
public sealed partial class RedisCluster
{
    /// <summary>
    /// KEYS on every primary (https://redis.io/docs/latest/commands/keys/), merged into one list
    /// (each key once: replicas are not asked). KEYS blocks each node while it walks all its keys;
    /// prefer <see cref="ScanIterAsync"/> on a large or busy cluster.
    /// </summary>
    /// <param name="pattern">A glob pattern; every key when null.</param>
    /// <param name="cancellationToken">Cancels the wait for the replies.</param>
    /// <exception cref="RedisFanOutException">A primary failed; the exception names it.</exception>
    public async ValueTask<RedisKey[]> KeysAsync(RedisValue pattern = default, CancellationToken cancellationToken = default) =>
        Merge(await FanOut.RunAsync(_executor, TargetNodes.Primaries, ["KEYS", pattern.IsNull ? "*" : pattern], KeyList, cancellationToken).ConfigureAwait(false));

    /// <summary>KEYS on every primary, merged (synchronous).</summary>
    public RedisKey[] Keys(RedisValue pattern = default) =>
        Merge(FanOut.Run(_executor, TargetNodes.Primaries, ["KEYS", pattern.IsNull ? "*" : pattern], KeyList));

    /// <summary>
    /// FLUSHALL on every primary (https://redis.io/docs/latest/commands/flushall/): deletes every key
    /// of the cluster; replicas follow their primaries. True by primary once it flushed.
    /// </summary>
    /// <param name="mode">SYNC / ASYNC; the server's default when <see cref="FlushMode.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the wait for the replies.</param>
    /// <exception cref="RedisFanOutException">A primary failed; the exception names it (the others were flushed).</exception>
    public ValueTask<IReadOnlyDictionary<string, bool>> FlushAllAsync(FlushMode mode = FlushMode.Default, CancellationToken cancellationToken = default) =>
        FanOut.RunAsync(_executor, TargetNodes.Primaries, FlushParts("FLUSHALL", mode), Ok, cancellationToken);

    /// <summary>FLUSHALL on every primary (synchronous).</summary>
    public IReadOnlyDictionary<string, bool> FlushAll(FlushMode mode = FlushMode.Default) =>
        FanOut.Run(_executor, TargetNodes.Primaries, FlushParts("FLUSHALL", mode), Ok);

    /// <summary>
    /// FLUSHDB on every primary (https://redis.io/docs/latest/commands/flushdb/): a cluster has only
    /// database 0, so this too deletes every key of the cluster. True by primary once it flushed.
    /// </summary>
    /// <param name="mode">SYNC / ASYNC; the server's default when <see cref="FlushMode.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the wait for the replies.</param>
    /// <exception cref="RedisFanOutException">A primary failed; the exception names it (the others were flushed).</exception>
    public ValueTask<IReadOnlyDictionary<string, bool>> FlushDbAsync(FlushMode mode = FlushMode.Default, CancellationToken cancellationToken = default) =>
        FanOut.RunAsync(_executor, TargetNodes.Primaries, FlushParts("FLUSHDB", mode), Ok, cancellationToken);

    /// <summary>FLUSHDB on every primary (synchronous).</summary>
    public IReadOnlyDictionary<string, bool> FlushDb(FlushMode mode = FlushMode.Default) =>
        FanOut.Run(_executor, TargetNodes.Primaries, FlushParts("FLUSHDB", mode), Ok);

    /// <summary>
    /// RANDOMKEY (https://redis.io/docs/latest/commands/randomkey/) across the cluster: a random key
    /// of a random primary that has keys (primaries are tried in random order until one answers with
    /// a key). A null key (<see cref="RedisKey.IsNull"/>) when the cluster is empty.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait for the replies.</param>
    /// <exception cref="RedisFanOutException">No key was found and some primary failed; the exception names it.</exception>
    public async ValueTask<RedisKey> RandomKeyAsync(CancellationToken cancellationToken = default)
    {
        var order = ShuffledPrimaries();
        var failures = new List<NodeReply>();
        foreach (string endPoint in order)
        {
            try
            {
                var reply = await _executor.ExecuteOnNodeAsync(endPoint, RandomKeyParts, cancellationToken).ConfigureAwait(false);
                if (reply.IsError) failures.Add(new NodeReply(endPoint, reply, null));
                else if (!reply.IsNull) return ToKey(reply.Value);
            }
            catch (RedisException error) when (error is RedisConnectionException or RedisTimeoutException)
            {
                failures.Add(new NodeReply(endPoint, null, error));
            }
        }
        return NoRandomKey(failures);
    }

    /// <summary>RANDOMKEY across the cluster (synchronous).</summary>
    public RedisKey RandomKey()
    {
        var order = ShuffledPrimaries();
        var failures = new List<NodeReply>();
        foreach (string endPoint in order)
        {
            try
            {
                var reply = _executor.ExecuteOnNode(endPoint, RandomKeyParts);
                if (reply.IsError) failures.Add(new NodeReply(endPoint, reply, null));
                else if (!reply.IsNull) return ToKey(reply.Value);
            }
            catch (RedisException error) when (error is RedisConnectionException or RedisTimeoutException)
            {
                failures.Add(new NodeReply(endPoint, null, error));
            }
        }
        return NoRandomKey(failures);
    }

    private static readonly RedisValue[] RandomKeyParts = ["RANDOMKEY"];

    private string[] ShuffledPrimaries()
    {
        var order = TargetNodes.Primaries.Resolve(SlotMap).ToArray();
        Random.Shared.Shuffle(order);
        return order;
    }

    private static RedisKey NoRandomKey(List<NodeReply> failures)
    {
        if (failures.Count == 0) return default;
        FanOut.Collect("RANDOMKEY", [.. failures], static r => r); // throws, naming the nodes
        return default;
    }

    private static RedisValue[] FlushParts(string command, FlushMode mode) => mode switch
    {
        FlushMode.Default => [command],
        FlushMode.Sync => [command, "SYNC"],
        FlushMode.Async => [command, "ASYNC"],
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    private static RedisKey[] Merge(IReadOnlyDictionary<string, RedisKey[]> byNode)
    {
        int count = 0;
        foreach (var keys in byNode.Values) count += keys.Length;
        var all = new RedisKey[count];
        int i = 0;
        foreach (var keys in byNode.Values)
        {
            keys.CopyTo(all, i);
            i += keys.Length;
        }
        return all;
    }
}

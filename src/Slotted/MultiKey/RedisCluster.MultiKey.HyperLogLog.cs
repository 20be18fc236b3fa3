using Slotted.MultiKey;

namespace Slotted;

public sealed partial class RedisCluster
{
    /// <summary>
    /// PFADD: adds elements to the HyperLogLog at <paramref name="key"/> (created if missing); true
    /// when its estimate changed or it was created (https://redis.io/docs/latest/commands/pfadd/).
    /// </summary>
    /// <exception cref="RedisWrongTypeException">The key holds something that is not a HyperLogLog.</exception>
    public ValueTask<bool> PfAddAsync(RedisKey key, params RedisValue[] elements) => PfAddAsync(key, (IReadOnlyList<RedisValue>)elements, CancellationToken.None);

    /// <inheritdoc cref="PfAddAsync(RedisKey, RedisValue[])"/>
    public async ValueTask<bool> PfAddAsync(RedisKey key, IReadOnlyList<RedisValue> elements, CancellationToken cancellationToken = default) =>
        (await RunAsync(PfAddParts(key, elements), key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64() == 1;

    /// <inheritdoc cref="PfAddAsync(RedisKey, RedisValue[])"/>
    public bool PfAdd(RedisKey key, params RedisValue[] elements) => PfAdd(key, (IReadOnlyList<RedisValue>)elements);

    /// <inheritdoc cref="PfAddAsync(RedisKey, RedisValue[])"/>
    public bool PfAdd(RedisKey key, IReadOnlyList<RedisValue> elements) => Run(PfAddParts(key, elements), key, readOnly: false).ToInt64() == 1;

    /// <summary>
    /// PFCOUNT: the estimated number of distinct elements added to the HyperLogLog(s); for several
    /// keys, of their union (https://redis.io/docs/latest/commands/pfcount/). Missing keys count as empty.
    /// </summary>
    /// <remarks>
    /// In one slot the native command. Across slots the sketches from other slots are copied (GET,
    /// then MSET) into scratch keys in the first key's slot, PFCOUNT runs there over all of them —
    /// so Redis itself merges the registers and makes the estimate, giving exactly the native
    /// answer — and the scratch keys are deleted.
    /// </remarks>
    /// <exception cref="RedisWrongTypeException">A key is not a valid HyperLogLog.</exception>
    public ValueTask<long> PfCountAsync(params RedisKey[] keys) => PfCountAsync((IReadOnlyList<RedisKey>)keys, CancellationToken.None);

    /// <inheritdoc cref="PfCountAsync(RedisKey[])"/>
    public ValueTask<long> PfCountAsync(IReadOnlyList<RedisKey> keys, CancellationToken cancellationToken = default) =>
        HyperLogLogEmulation.CountAsync(AsyncRunner(cancellationToken), keys);

    /// <inheritdoc cref="PfCountAsync(RedisKey[])"/>
    public long PfCount(params RedisKey[] keys) => PfCount((IReadOnlyList<RedisKey>)keys);

    /// <inheritdoc cref="PfCountAsync(RedisKey[])"/>
    public long PfCount(IReadOnlyList<RedisKey> keys) => MultiKeyRunner.Complete(HyperLogLogEmulation.CountAsync(SyncRunner, keys));

    /// <summary>
    /// PFMERGE: merges the <paramref name="sources"/> HyperLogLogs into <paramref name="destination"/>
    /// (whose own registers take part; it is created if missing) (https://redis.io/docs/latest/commands/pfmerge/).
    /// No sources is allowed, as natively.
    /// </summary>
    /// <remarks>
    /// Across slots the sources from other slots are copied into scratch keys in the destination's
    /// slot, PFMERGE runs there, and the scratch keys are deleted; the sources are not read as one snapshot.
    /// </remarks>
    /// <exception cref="RedisWrongTypeException">A key is not a valid HyperLogLog.</exception>
    public ValueTask PfMergeAsync(RedisKey destination, params RedisKey[] sources) => PfMergeAsync(destination, (IReadOnlyList<RedisKey>)sources, CancellationToken.None);

    /// <inheritdoc cref="PfMergeAsync(RedisKey, RedisKey[])"/>
    public ValueTask PfMergeAsync(RedisKey destination, IReadOnlyList<RedisKey> sources, CancellationToken cancellationToken = default) =>
        HyperLogLogEmulation.MergeAsync(AsyncRunner(cancellationToken), destination, sources);

    /// <inheritdoc cref="PfMergeAsync(RedisKey, RedisKey[])"/>
    public void PfMerge(RedisKey destination, params RedisKey[] sources) => PfMerge(destination, (IReadOnlyList<RedisKey>)sources);

    /// <inheritdoc cref="PfMergeAsync(RedisKey, RedisKey[])"/>
    public void PfMerge(RedisKey destination, IReadOnlyList<RedisKey> sources) => MultiKeyRunner.Complete(HyperLogLogEmulation.MergeAsync(SyncRunner, destination, sources));

    private static RedisValue[] PfAddParts(RedisKey key, IReadOnlyList<RedisValue> elements)
    {
        Guard.Key(key);
        ArgumentNullException.ThrowIfNull(elements);
        var parts = new RedisValue[elements.Count + 2];
        parts[0] = "PFADD";
        parts[1] = key;
        for (int i = 0; i < elements.Count; i++)
        {
            Guard.Value(elements[i], nameof(elements));
            parts[i + 2] = elements[i];
        }
        return parts;
    }
}

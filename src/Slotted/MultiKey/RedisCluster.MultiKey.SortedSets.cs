using Slotted.MultiKey;

namespace Slotted;

public sealed partial class RedisCluster
{
    /// <summary>
    /// ZUNIONSTORE: stores at <paramref name="destination"/> the union of the sorted sets (or plain
    /// sets, whose members score 1) <paramref name="keys"/>, each score multiplied by its
    /// <paramref name="weights"/> entry and combined by <paramref name="aggregate"/>; returns the
    /// size. The destination is replaced; an empty result deletes it
    /// (https://redis.io/docs/latest/commands/zunionstore/).
    /// </summary>
    /// <remarks>
    /// In one slot (destination included) the native, atomic command. Otherwise each input is read
    /// with ZUNION 1 key WITHSCORES (all at once; inputs that share one slot are combined by the
    /// server), the union is computed in the client exactly as the server computes it (inputs taken
    /// smallest first, NaN rules of WEIGHTS and SUM), then written to a scratch key in the
    /// destination's slot and RENAMEd over the destination. The inputs are not read as one snapshot.
    /// </remarks>
    /// <exception cref="ArgumentException">No keys, a bad key, or a weight count that differs from the key count.</exception>
    /// <exception cref="RedisWrongTypeException">An input is neither a sorted set nor a set.</exception>
    public ValueTask<long> ZUnionStoreAsync(RedisKey destination, IReadOnlyList<RedisKey> keys, IReadOnlyList<double>? weights = null,
        Aggregate aggregate = Aggregate.Sum, CancellationToken cancellationToken = default) =>
        ZSetEmulation.StoreAsync(AsyncRunner(cancellationToken), ZSetOperation.Union, destination, keys, weights, aggregate);

    /// <inheritdoc cref="ZUnionStoreAsync"/>
    public long ZUnionStore(RedisKey destination, IReadOnlyList<RedisKey> keys, IReadOnlyList<double>? weights = null, Aggregate aggregate = Aggregate.Sum) =>
        MultiKeyRunner.Complete(ZSetEmulation.StoreAsync(SyncRunner, ZSetOperation.Union, destination, keys, weights, aggregate));

    /// <summary>
    /// ZINTERSTORE: as <see cref="ZUnionStoreAsync"/> for the members present in every input
    /// (https://redis.io/docs/latest/commands/zinterstore/).
    /// </summary>
    /// <remarks>As <see cref="ZUnionStoreAsync"/>.</remarks>
    /// <exception cref="ArgumentException">No keys, a bad key, or a weight count that differs from the key count.</exception>
    /// <exception cref="RedisWrongTypeException">An input is neither a sorted set nor a set.</exception>
    public ValueTask<long> ZInterStoreAsync(RedisKey destination, IReadOnlyList<RedisKey> keys, IReadOnlyList<double>? weights = null,
        Aggregate aggregate = Aggregate.Sum, CancellationToken cancellationToken = default) =>
        ZSetEmulation.StoreAsync(AsyncRunner(cancellationToken), ZSetOperation.Inter, destination, keys, weights, aggregate);

    /// <inheritdoc cref="ZInterStoreAsync"/>
    public long ZInterStore(RedisKey destination, IReadOnlyList<RedisKey> keys, IReadOnlyList<double>? weights = null, Aggregate aggregate = Aggregate.Sum) =>
        MultiKeyRunner.Complete(ZSetEmulation.StoreAsync(SyncRunner, ZSetOperation.Inter, destination, keys, weights, aggregate));

    /// <summary>
    /// ZDIFFSTORE: stores at <paramref name="destination"/> the members of the first input that are
    /// in none of the others, with their scores; returns the size (https://redis.io/docs/latest/commands/zdiffstore/).
    /// </summary>
    /// <remarks>As <see cref="ZUnionStoreAsync"/>.</remarks>
    /// <exception cref="RedisWrongTypeException">An input is neither a sorted set nor a set.</exception>
    public ValueTask<long> ZDiffStoreAsync(RedisKey destination, IReadOnlyList<RedisKey> keys, CancellationToken cancellationToken = default) =>
        ZSetEmulation.StoreAsync(AsyncRunner(cancellationToken), ZSetOperation.Diff, destination, keys, null, Aggregate.Sum);

    /// <inheritdoc cref="ZDiffStoreAsync"/>
    public long ZDiffStore(RedisKey destination, IReadOnlyList<RedisKey> keys) =>
        MultiKeyRunner.Complete(ZSetEmulation.StoreAsync(SyncRunner, ZSetOperation.Diff, destination, keys, null, Aggregate.Sum));

    /// <summary>
    /// ZUNION: the members of the union, ordered by combined score then member (as
    /// <see cref="ZUnionStoreAsync"/> computes them; https://redis.io/docs/latest/commands/zunion/).
    /// </summary>
    /// <remarks>Across slots the inputs are read (from replicas when <see cref="ReadFrom"/> allows) and combined in the client; not one snapshot.</remarks>
    /// <exception cref="RedisWrongTypeException">An input is neither a sorted set nor a set.</exception>
    public async ValueTask<RedisValue[]> ZUnionAsync(IReadOnlyList<RedisKey> keys, IReadOnlyList<double>? weights = null, Aggregate aggregate = Aggregate.Sum,
        CancellationToken cancellationToken = default) =>
        Members(await ZSetEmulation.CombineAsync(AsyncRunner(cancellationToken), ZSetOperation.Union, keys, weights, aggregate, readOnly: true).ConfigureAwait(false));

    /// <inheritdoc cref="ZUnionAsync"/>
    public RedisValue[] ZUnion(IReadOnlyList<RedisKey> keys, IReadOnlyList<double>? weights = null, Aggregate aggregate = Aggregate.Sum) =>
        Members(MultiKeyRunner.Complete(ZSetEmulation.CombineAsync(SyncRunner, ZSetOperation.Union, keys, weights, aggregate, readOnly: true)));

    /// <summary>ZUNION … WITHSCORES: the union's members with their combined scores, in sorted-set order.</summary>
    /// <remarks>As <see cref="ZUnionAsync"/>.</remarks>
    /// <exception cref="RedisWrongTypeException">An input is neither a sorted set nor a set.</exception>
    public async ValueTask<SortedSetEntry[]> ZUnionWithScoresAsync(IReadOnlyList<RedisKey> keys, IReadOnlyList<double>? weights = null,
        Aggregate aggregate = Aggregate.Sum, CancellationToken cancellationToken = default) =>
        [.. await ZSetEmulation.CombineAsync(AsyncRunner(cancellationToken), ZSetOperation.Union, keys, weights, aggregate, readOnly: true).ConfigureAwait(false)];

    /// <inheritdoc cref="ZUnionWithScoresAsync"/>
    public SortedSetEntry[] ZUnionWithScores(IReadOnlyList<RedisKey> keys, IReadOnlyList<double>? weights = null, Aggregate aggregate = Aggregate.Sum) =>
        [.. MultiKeyRunner.Complete(ZSetEmulation.CombineAsync(SyncRunner, ZSetOperation.Union, keys, weights, aggregate, readOnly: true))];

    /// <summary>ZINTER: the members present in every input, in sorted-set order (https://redis.io/docs/latest/commands/zinter/).</summary>
    /// <remarks>As <see cref="ZUnionAsync"/>.</remarks>
    /// <exception cref="RedisWrongTypeException">An input is neither a sorted set nor a set.</exception>
    public async ValueTask<RedisValue[]> ZInterAsync(IReadOnlyList<RedisKey> keys, IReadOnlyList<double>? weights = null, Aggregate aggregate = Aggregate.Sum,
        CancellationToken cancellationToken = default) =>
        Members(await ZSetEmulation.CombineAsync(AsyncRunner(cancellationToken), ZSetOperation.Inter, keys, weights, aggregate, readOnly: true).ConfigureAwait(false));

    /// <inheritdoc cref="ZInterAsync"/>
    public RedisValue[] ZInter(IReadOnlyList<RedisKey> keys, IReadOnlyList<double>? weights = null, Aggregate aggregate = Aggregate.Sum) =>
        Members(MultiKeyRunner.Complete(ZSetEmulation.CombineAsync(SyncRunner, ZSetOperation.Inter, keys, weights, aggregate, readOnly: true)));

    /// <summary>ZINTER … WITHSCORES: the intersection's members with their combined scores.</summary>
    /// <remarks>As <see cref="ZUnionAsync"/>.</remarks>
    /// <exception cref="RedisWrongTypeException">An input is neither a sorted set nor a set.</exception>
    public async ValueTask<SortedSetEntry[]> ZInterWithScoresAsync(IReadOnlyList<RedisKey> keys, IReadOnlyList<double>? weights = null,
        Aggregate aggregate = Aggregate.Sum, CancellationToken cancellationToken = default) =>
        [.. await ZSetEmulation.CombineAsync(AsyncRunner(cancellationToken), ZSetOperation.Inter, keys, weights, aggregate, readOnly: true).ConfigureAwait(false)];

    /// <inheritdoc cref="ZInterWithScoresAsync"/>
    public SortedSetEntry[] ZInterWithScores(IReadOnlyList<RedisKey> keys, IReadOnlyList<double>? weights = null, Aggregate aggregate = Aggregate.Sum) =>
        [.. MultiKeyRunner.Complete(ZSetEmulation.CombineAsync(SyncRunner, ZSetOperation.Inter, keys, weights, aggregate, readOnly: true))];

    /// <summary>ZDIFF: the members of the first input in none of the others, in sorted-set order (https://redis.io/docs/latest/commands/zdiff/).</summary>
    /// <remarks>As <see cref="ZUnionAsync"/>.</remarks>
    /// <exception cref="RedisWrongTypeException">An input is neither a sorted set nor a set.</exception>
    public async ValueTask<RedisValue[]> ZDiffAsync(IReadOnlyList<RedisKey> keys, CancellationToken cancellationToken = default) =>
        Members(await ZSetEmulation.CombineAsync(AsyncRunner(cancellationToken), ZSetOperation.Diff, keys, null, Aggregate.Sum, readOnly: true).ConfigureAwait(false));

    /// <inheritdoc cref="ZDiffAsync"/>
    public RedisValue[] ZDiff(IReadOnlyList<RedisKey> keys) =>
        Members(MultiKeyRunner.Complete(ZSetEmulation.CombineAsync(SyncRunner, ZSetOperation.Diff, keys, null, Aggregate.Sum, readOnly: true)));

    /// <summary>ZDIFF … WITHSCORES: the difference's members with their scores from the first input.</summary>
    /// <remarks>As <see cref="ZUnionAsync"/>.</remarks>
    /// <exception cref="RedisWrongTypeException">An input is neither a sorted set nor a set.</exception>
    public async ValueTask<SortedSetEntry[]> ZDiffWithScoresAsync(IReadOnlyList<RedisKey> keys, CancellationToken cancellationToken = default) =>
        [.. await ZSetEmulation.CombineAsync(AsyncRunner(cancellationToken), ZSetOperation.Diff, keys, null, Aggregate.Sum, readOnly: true).ConfigureAwait(false)];

    /// <inheritdoc cref="ZDiffWithScoresAsync"/>
    public SortedSetEntry[] ZDiffWithScores(IReadOnlyList<RedisKey> keys) =>
        [.. MultiKeyRunner.Complete(ZSetEmulation.CombineAsync(SyncRunner, ZSetOperation.Diff, keys, null, Aggregate.Sum, readOnly: true))];

    private static RedisValue[] Members(List<SortedSetEntry> entries)
    {
        var members = new RedisValue[entries.Count];
        for (int i = 0; i < members.Length; i++) members[i] = entries[i].Member;
        return members;
    }
}

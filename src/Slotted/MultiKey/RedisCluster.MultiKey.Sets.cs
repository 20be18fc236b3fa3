using Slotted.MultiKey;

namespace Slotted;

public sealed partial class RedisCluster
{
    /// <summary>
    /// SDIFF of sets in any slots: the members of the first set that are in none of the others
    /// (https://redis.io/docs/latest/commands/sdiff/). Missing keys are empty sets.
    /// </summary>
    /// <remarks>
    /// Across slots: SDIFF over the first key's slot, SUNION over each other slot (all at once), and
    /// the difference taken in the client. The slots are not read as one snapshot.
    /// </remarks>
    /// <exception cref="RedisWrongTypeException">A key is not a set.</exception>
    public ValueTask<RedisValue[]> SDiffAsync(params RedisKey[] keys) => SDiffAsync((IReadOnlyList<RedisKey>)keys, CancellationToken.None);

    /// <inheritdoc cref="SDiffAsync(RedisKey[])"/>
    public async ValueTask<RedisValue[]> SDiffAsync(IReadOnlyList<RedisKey> keys, CancellationToken cancellationToken = default) =>
        [.. await SetEmulation.CombineAsync(AsyncRunner(cancellationToken), SetOperation.Diff, keys, readOnly: true).ConfigureAwait(false)];

    /// <inheritdoc cref="SDiffAsync(RedisKey[])"/>
    public RedisValue[] SDiff(params RedisKey[] keys) => SDiff((IReadOnlyList<RedisKey>)keys);

    /// <inheritdoc cref="SDiffAsync(RedisKey[])"/>
    public RedisValue[] SDiff(IReadOnlyList<RedisKey> keys) => [.. MultiKeyRunner.Complete(SetEmulation.CombineAsync(SyncRunner, SetOperation.Diff, keys, readOnly: true))];

    /// <summary>
    /// SINTER of sets in any slots: the members present in every set; empty when any key is missing
    /// (https://redis.io/docs/latest/commands/sinter/).
    /// </summary>
    /// <remarks>Across slots: SINTER per slot (all at once), intersected in the client; not one snapshot.</remarks>
    /// <exception cref="RedisWrongTypeException">A key is not a set.</exception>
    public ValueTask<RedisValue[]> SInterAsync(params RedisKey[] keys) => SInterAsync((IReadOnlyList<RedisKey>)keys, CancellationToken.None);

    /// <inheritdoc cref="SInterAsync(RedisKey[])"/>
    public async ValueTask<RedisValue[]> SInterAsync(IReadOnlyList<RedisKey> keys, CancellationToken cancellationToken = default) =>
        [.. await SetEmulation.CombineAsync(AsyncRunner(cancellationToken), SetOperation.Inter, keys, readOnly: true).ConfigureAwait(false)];

    /// <inheritdoc cref="SInterAsync(RedisKey[])"/>
    public RedisValue[] SInter(params RedisKey[] keys) => SInter((IReadOnlyList<RedisKey>)keys);

    /// <inheritdoc cref="SInterAsync(RedisKey[])"/>
    public RedisValue[] SInter(IReadOnlyList<RedisKey> keys) => [.. MultiKeyRunner.Complete(SetEmulation.CombineAsync(SyncRunner, SetOperation.Inter, keys, readOnly: true))];

    /// <summary>SUNION of sets in any slots: the members of any of them (https://redis.io/docs/latest/commands/sunion/).</summary>
    /// <remarks>Across slots: SUNION per slot (all at once), merged in the client; not one snapshot.</remarks>
    /// <exception cref="RedisWrongTypeException">A key is not a set.</exception>
    public ValueTask<RedisValue[]> SUnionAsync(params RedisKey[] keys) => SUnionAsync((IReadOnlyList<RedisKey>)keys, CancellationToken.None);

    /// <inheritdoc cref="SUnionAsync(RedisKey[])"/>
    public async ValueTask<RedisValue[]> SUnionAsync(IReadOnlyList<RedisKey> keys, CancellationToken cancellationToken = default) =>
        [.. await SetEmulation.CombineAsync(AsyncRunner(cancellationToken), SetOperation.Union, keys, readOnly: true).ConfigureAwait(false)];

    /// <inheritdoc cref="SUnionAsync(RedisKey[])"/>
    public RedisValue[] SUnion(params RedisKey[] keys) => SUnion((IReadOnlyList<RedisKey>)keys);

    /// <inheritdoc cref="SUnionAsync(RedisKey[])"/>
    public RedisValue[] SUnion(IReadOnlyList<RedisKey> keys) => [.. MultiKeyRunner.Complete(SetEmulation.CombineAsync(SyncRunner, SetOperation.Union, keys, readOnly: true))];

    /// <summary>
    /// SDIFFSTORE: stores the SDIFF of <paramref name="keys"/> at <paramref name="destination"/>
    /// (replacing it; an empty result deletes it) and returns its size (https://redis.io/docs/latest/commands/sdiffstore/).
    /// </summary>
    /// <remarks>
    /// In one slot (destination included) the native, atomic command. Otherwise computed as
    /// <see cref="SDiffAsync(RedisKey[])"/> (from the primaries), written to a scratch key in the
    /// destination's slot and RENAMEd over the destination, so readers of the destination see the
    /// old or the new set, never a partial one.
    /// </remarks>
    /// <exception cref="RedisWrongTypeException">A source is not a set.</exception>
    public ValueTask<long> SDiffStoreAsync(RedisKey destination, params RedisKey[] keys) => SDiffStoreAsync(destination, (IReadOnlyList<RedisKey>)keys, CancellationToken.None);

    /// <inheritdoc cref="SDiffStoreAsync(RedisKey, RedisKey[])"/>
    public ValueTask<long> SDiffStoreAsync(RedisKey destination, IReadOnlyList<RedisKey> keys, CancellationToken cancellationToken = default) =>
        SetEmulation.StoreAsync(AsyncRunner(cancellationToken), SetOperation.Diff, destination, keys);

    /// <inheritdoc cref="SDiffStoreAsync(RedisKey, RedisKey[])"/>
    public long SDiffStore(RedisKey destination, params RedisKey[] keys) => SDiffStore(destination, (IReadOnlyList<RedisKey>)keys);

    /// <inheritdoc cref="SDiffStoreAsync(RedisKey, RedisKey[])"/>
    public long SDiffStore(RedisKey destination, IReadOnlyList<RedisKey> keys) => MultiKeyRunner.Complete(SetEmulation.StoreAsync(SyncRunner, SetOperation.Diff, destination, keys));

    /// <summary>SINTERSTORE: stores the SINTER of <paramref name="keys"/> at <paramref name="destination"/> and returns its size (https://redis.io/docs/latest/commands/sinterstore/).</summary>
    /// <remarks>As <see cref="SDiffStoreAsync(RedisKey, RedisKey[])"/>.</remarks>
    /// <exception cref="RedisWrongTypeException">A source is not a set.</exception>
    public ValueTask<long> SInterStoreAsync(RedisKey destination, params RedisKey[] keys) => SInterStoreAsync(destination, (IReadOnlyList<RedisKey>)keys, CancellationToken.None);

    /// <inheritdoc cref="SInterStoreAsync(RedisKey, RedisKey[])"/>
    public ValueTask<long> SInterStoreAsync(RedisKey destination, IReadOnlyList<RedisKey> keys, CancellationToken cancellationToken = default) =>
        SetEmulation.StoreAsync(AsyncRunner(cancellationToken), SetOperation.Inter, destination, keys);

    /// <inheritdoc cref="SInterStoreAsync(RedisKey, RedisKey[])"/>
    public long SInterStore(RedisKey destination, params RedisKey[] keys) => SInterStore(destination, (IReadOnlyList<RedisKey>)keys);

    /// <inheritdoc cref="SInterStoreAsync(RedisKey, RedisKey[])"/>
    public long SInterStore(RedisKey destination, IReadOnlyList<RedisKey> keys) => MultiKeyRunner.Complete(SetEmulation.StoreAsync(SyncRunner, SetOperation.Inter, destination, keys));

    /// <summary>SUNIONSTORE: stores the SUNION of <paramref name="keys"/> at <paramref name="destination"/> and returns its size (https://redis.io/docs/latest/commands/sunionstore/).</summary>
    /// <remarks>As <see cref="SDiffStoreAsync(RedisKey, RedisKey[])"/>.</remarks>
    /// <exception cref="RedisWrongTypeException">A source is not a set.</exception>
    public ValueTask<long> SUnionStoreAsync(RedisKey destination, params RedisKey[] keys) => SUnionStoreAsync(destination, (IReadOnlyList<RedisKey>)keys, CancellationToken.None);

    /// <inheritdoc cref="SUnionStoreAsync(RedisKey, RedisKey[])"/>
    public ValueTask<long> SUnionStoreAsync(RedisKey destination, IReadOnlyList<RedisKey> keys, CancellationToken cancellationToken = default) =>
        SetEmulation.StoreAsync(AsyncRunner(cancellationToken), SetOperation.Union, destination, keys);

    /// <inheritdoc cref="SUnionStoreAsync(RedisKey, RedisKey[])"/>
    public long SUnionStore(RedisKey destination, params RedisKey[] keys) => SUnionStore(destination, (IReadOnlyList<RedisKey>)keys);

    /// <inheritdoc cref="SUnionStoreAsync(RedisKey, RedisKey[])"/>
    public long SUnionStore(RedisKey destination, IReadOnlyList<RedisKey> keys) => MultiKeyRunner.Complete(SetEmulation.StoreAsync(SyncRunner, SetOperation.Union, destination, keys));

    /// <summary>
    /// SINTERCARD: the size of the intersection of <paramref name="keys"/>, counting at most
    /// <paramref name="limit"/> (0: no limit) (https://redis.io/docs/latest/commands/sintercard/).
    /// </summary>
    /// <remarks>Across slots: SINTER per slot, intersected and counted in the client (the limit cannot stop the work early there).</remarks>
    /// <exception cref="RedisWrongTypeException">A key is not a set.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative limit.</exception>
    public ValueTask<long> SInterCardAsync(IReadOnlyList<RedisKey> keys, long limit = 0, CancellationToken cancellationToken = default) =>
        SetEmulation.InterCardAsync(AsyncRunner(cancellationToken), keys, limit);

    /// <inheritdoc cref="SInterCardAsync"/>
    public long SInterCard(IReadOnlyList<RedisKey> keys, long limit = 0) => MultiKeyRunner.Complete(SetEmulation.InterCardAsync(SyncRunner, keys, limit));

    /// <summary>
    /// SMOVE: moves <paramref name="member"/> from the set <paramref name="source"/> to the set
    /// <paramref name="destination"/>; false when it was not in the source (https://redis.io/docs/latest/commands/smove/).
    /// </summary>
    /// <remarks>
    /// In one slot the native, atomic command. Across slots: TYPE of both keys (errors as natively),
    /// SREM from the source, and only if the member was removed, SADD to the destination (if that is
    /// refused, SADD back to the source). Between the two the member is in neither set.
    /// </remarks>
    /// <exception cref="RedisWrongTypeException">The source or the destination is not a set.</exception>
    public ValueTask<bool> SMoveAsync(RedisKey source, RedisKey destination, RedisValue member, CancellationToken cancellationToken = default) =>
        SetEmulation.MoveAsync(AsyncRunner(cancellationToken), source, destination, member);

    /// <inheritdoc cref="SMoveAsync"/>
    public bool SMove(RedisKey source, RedisKey destination, RedisValue member) => MultiKeyRunner.Complete(SetEmulation.MoveAsync(SyncRunner, source, destination, member));
}

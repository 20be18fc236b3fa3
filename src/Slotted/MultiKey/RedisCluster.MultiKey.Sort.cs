using Slotted.MultiKey;

namespace Slotted;

public sealed partial class RedisCluster
{
    /// <summary>
    /// SORT: the elements of the list, set or sorted set at <paramref name="key"/>, sorted as
    /// <paramref name="options"/> say (numerically by default), or for each the values its GET
    /// patterns name (https://redis.io/docs/latest/commands/sort/).
    /// </summary>
    /// <remarks>
    /// When every BY/GET pattern can only name keys in <paramref name="key"/>'s slot (a
    /// <c>{tag}</c> of that slot, or <c>#</c>, or a BY without <c>*</c>), this is the native SORT_RO.
    /// Otherwise the server sorts when it can (BY in the slot or absent) and the other patterns'
    /// keys are read from wherever they live (MGET per slot, HMGET for <c>-&gt;field</c>); when BY
    /// names keys elsewhere, the elements and their weights are read and sorted in the client with
    /// the server's rules (numeric weights parsed as C strtod does, ties broken by element bytes,
    /// ALPHA in byte order, LIMIT clamped the same way). The reads are not one snapshot; and where
    /// the server makes no promise — equal ALPHA BY values — the order may differ from a native run.
    /// </remarks>
    /// <exception cref="RedisWrongTypeException">The key is not a list, set or sorted set.</exception>
    /// <exception cref="RedisServerException">A weight is not a number ("One or more scores can't be converted into double").</exception>
    public ValueTask<RedisValue[]> SortAsync(RedisKey key, SortOptions? options = null, CancellationToken cancellationToken = default) =>
        SortEmulation.SortAsync(AsyncRunner(cancellationToken), key, options);

    /// <inheritdoc cref="SortAsync"/>
    public RedisValue[] Sort(RedisKey key, SortOptions? options = null) => MultiKeyRunner.Complete(SortEmulation.SortAsync(SyncRunner, key, options));

    /// <summary>
    /// SORT … STORE: sorts as <see cref="SortAsync"/> and stores the result as a list at
    /// <paramref name="destination"/> (replacing it; an empty result deletes it; a GET that finds
    /// nothing stores an empty string); returns the list's length.
    /// </summary>
    /// <remarks>
    /// Native when the patterns and <paramref name="destination"/> are all in <paramref name="key"/>'s
    /// slot. Otherwise computed as <see cref="SortAsync"/> (from the primaries; a set sorted with a
    /// constant BY is sorted ALPHA, as the server does when storing), written to a scratch key in the
    /// destination's slot and RENAMEd over the destination.
    /// </remarks>
    /// <exception cref="RedisWrongTypeException">The key is not a list, set or sorted set.</exception>
    /// <exception cref="RedisServerException">A weight is not a number.</exception>
    public ValueTask<long> SortAndStoreAsync(RedisKey destination, RedisKey key, SortOptions? options = null, CancellationToken cancellationToken = default) =>
        SortEmulation.StoreAsync(AsyncRunner(cancellationToken), destination, key, options);

    /// <inheritdoc cref="SortAndStoreAsync"/>
    public long SortAndStore(RedisKey destination, RedisKey key, SortOptions? options = null) =>
        MultiKeyRunner.Complete(SortEmulation.StoreAsync(SyncRunner, destination, key, options));
}

using Slotted.MultiKey;

namespace Slotted;

public sealed partial class RedisCluster
{
    /// <summary>
    /// MGET of keys in any slots: their values in the order given, <see cref="RedisValue.Null"/>
    /// for a missing key or one that is not a string (https://redis.io/docs/latest/commands/mget/).
    /// </summary>
    /// <remarks>
    /// One MGET per slot, all sent at once; the values are put back in the caller's order. Across
    /// slots the reads are not one snapshot.
    /// </remarks>
    /// <exception cref="ArgumentException">The list is null or empty, or holds a null or empty key.</exception>
    public ValueTask<RedisValue[]> MGetAsync(params RedisKey[] keys) => MGetAsync((IReadOnlyList<RedisKey>)keys, CancellationToken.None);

    /// <inheritdoc cref="MGetAsync(RedisKey[])"/>
    public ValueTask<RedisValue[]> MGetAsync(IReadOnlyList<RedisKey> keys, CancellationToken cancellationToken = default) =>
        MGetEmulation.MGetAsync(AsyncRunner(cancellationToken), keys);

    /// <inheritdoc cref="MGetAsync(RedisKey[])"/>
    public RedisValue[] MGet(params RedisKey[] keys) => MGet((IReadOnlyList<RedisKey>)keys);

    /// <inheritdoc cref="MGetAsync(RedisKey[])"/>
    public RedisValue[] MGet(IReadOnlyList<RedisKey> keys) => MultiKeyRunner.Complete(MGetEmulation.MGetAsync(SyncRunner, keys));

    /// <summary>
    /// MSET of keys in any slots: sets every key to its value (a key given twice gets its last value)
    /// (https://redis.io/docs/latest/commands/mset/).
    /// </summary>
    /// <remarks>
    /// One MSET per slot, all sent at once. Across slots the writes are not atomic: another client may
    /// see some keys set and others not yet, and if one slot's write fails the others stay written.
    /// </remarks>
    /// <exception cref="ArgumentException">No pairs, or a null/empty key or a null value.</exception>
    public ValueTask MSetAsync(IEnumerable<KeyValuePair<RedisKey, RedisValue>> pairs, CancellationToken cancellationToken = default) =>
        KeyspaceEmulation.MSetAsync(AsyncRunner(cancellationToken), pairs);

    /// <inheritdoc cref="MSetAsync"/>
    public void MSet(IEnumerable<KeyValuePair<RedisKey, RedisValue>> pairs) => MultiKeyRunner.Complete(KeyspaceEmulation.MSetAsync(SyncRunner, pairs));

    /// <summary>
    /// MSETNX of keys in any slots: sets them all only if none of them exists; true when it did
    /// (https://redis.io/docs/latest/commands/msetnx/).
    /// </summary>
    /// <remarks>
    /// In one slot this is the native, atomic command. Across slots: (1) EXISTS in every slot, all at
    /// once — if any key exists nothing is written and the result is false; (2) MSETNX in every slot,
    /// all at once. If a key was created by someone else between (1) and (2), its slot's MSETNX writes
    /// nothing; the keys of the slots that were written are then deleted again and the result is
    /// false. That leaves two races, both needing a concurrent writer on the same keys: another client
    /// may briefly see some of the keys set, and a value another client writes to one of them between
    /// (2) and the rollback is deleted with it.
    /// </remarks>
    /// <exception cref="ArgumentException">No pairs, or a null/empty key or a null value.</exception>
    public ValueTask<bool> MSetNxAsync(IEnumerable<KeyValuePair<RedisKey, RedisValue>> pairs, CancellationToken cancellationToken = default) =>
        KeyspaceEmulation.MSetNxAsync(AsyncRunner(cancellationToken), pairs);

    /// <inheritdoc cref="MSetNxAsync"/>
    public bool MSetNx(IEnumerable<KeyValuePair<RedisKey, RedisValue>> pairs) => MultiKeyRunner.Complete(KeyspaceEmulation.MSetNxAsync(SyncRunner, pairs));

    /// <summary>
    /// BITOP: stores the bitwise AND / OR / XOR of the source strings (or NOT of one) at
    /// <paramref name="destination"/> and returns its length, the length of the longest source; an
    /// empty result deletes the destination (https://redis.io/docs/latest/commands/bitop/).
    /// </summary>
    /// <remarks>
    /// In one slot this is the native, atomic command. Across slots the sources are read with GET,
    /// the result is computed in the client with the server's rules (shorter or missing sources
    /// count as zero bytes) and written with SET: the sources are not read as one snapshot, and the
    /// whole of every source travels to the client.
    /// </remarks>
    /// <exception cref="ArgumentException">No source, a null or empty key, or NOT with other than one source.</exception>
    /// <exception cref="RedisWrongTypeException">A source is not a string.</exception>
    public ValueTask<long> BitOpAsync(BitOperation operation, RedisKey destination, params RedisKey[] keys) =>
        BitOpAsync(operation, destination, (IReadOnlyList<RedisKey>)keys, CancellationToken.None);

    /// <inheritdoc cref="BitOpAsync(BitOperation, RedisKey, RedisKey[])"/>
    public ValueTask<long> BitOpAsync(BitOperation operation, RedisKey destination, IReadOnlyList<RedisKey> keys, CancellationToken cancellationToken = default) =>
        BitOpEmulation.RunAsync(AsyncRunner(cancellationToken), operation, destination, keys);

    /// <inheritdoc cref="BitOpAsync(BitOperation, RedisKey, RedisKey[])"/>
    public long BitOp(BitOperation operation, RedisKey destination, params RedisKey[] keys) => BitOp(operation, destination, (IReadOnlyList<RedisKey>)keys);

    /// <inheritdoc cref="BitOpAsync(BitOperation, RedisKey, RedisKey[])"/>
    public long BitOp(BitOperation operation, RedisKey destination, IReadOnlyList<RedisKey> keys) =>
        MultiKeyRunner.Complete(BitOpEmulation.RunAsync(SyncRunner, operation, destination, keys));
}

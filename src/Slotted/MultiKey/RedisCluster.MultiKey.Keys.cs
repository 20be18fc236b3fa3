using Slotted.MultiKey;

namespace Slotted;

public sealed partial class RedisCluster
{
    /// <summary>
    /// DEL of several keys, in any slots: the number of keys that existed and were removed
    /// (https://redis.io/docs/latest/commands/del/). Keys are deleted with one DEL per slot, all
    /// slots at once.
    /// </summary>
    /// <remarks>Across slots the deletions are not one atomic step: another client may see some keys gone and others not yet.</remarks>
    /// <exception cref="ArgumentException">The list is null or empty, or holds a null or empty key.</exception>
    public ValueTask<long> DelAsync(params RedisKey[] keys) => DelAsync((IReadOnlyList<RedisKey>)keys, CancellationToken.None);

    /// <inheritdoc cref="DelAsync(RedisKey[])"/>
    public ValueTask<long> DelAsync(IReadOnlyList<RedisKey> keys, CancellationToken cancellationToken = default) =>
        KeyspaceEmulation.CountAsync(AsyncRunner(cancellationToken), "DEL", keys, readOnly: false);

    /// <inheritdoc cref="DelAsync(RedisKey[])"/>
    public long Del(params RedisKey[] keys) => Del((IReadOnlyList<RedisKey>)keys);

    /// <inheritdoc cref="DelAsync(RedisKey[])"/>
    public long Del(IReadOnlyList<RedisKey> keys) => MultiKeyRunner.Complete(KeyspaceEmulation.CountAsync(SyncRunner, "DEL", keys, readOnly: false));

    /// <summary>
    /// UNLINK of several keys, in any slots: like DEL, but the memory is reclaimed in the background
    /// (https://redis.io/docs/latest/commands/unlink/). Returns how many keys existed.
    /// </summary>
    /// <remarks>Across slots the removals are not one atomic step.</remarks>
    /// <exception cref="ArgumentException">The list is null or empty, or holds a null or empty key.</exception>
    public ValueTask<long> UnlinkAsync(params RedisKey[] keys) => UnlinkAsync((IReadOnlyList<RedisKey>)keys, CancellationToken.None);

    /// <inheritdoc cref="UnlinkAsync(RedisKey[])"/>
    public ValueTask<long> UnlinkAsync(IReadOnlyList<RedisKey> keys, CancellationToken cancellationToken = default) =>
        KeyspaceEmulation.CountAsync(AsyncRunner(cancellationToken), "UNLINK", keys, readOnly: false);

    /// <inheritdoc cref="UnlinkAsync(RedisKey[])"/>
    public long Unlink(params RedisKey[] keys) => Unlink((IReadOnlyList<RedisKey>)keys);

    /// <inheritdoc cref="UnlinkAsync(RedisKey[])"/>
    public long Unlink(IReadOnlyList<RedisKey> keys) => MultiKeyRunner.Complete(KeyspaceEmulation.CountAsync(SyncRunner, "UNLINK", keys, readOnly: false));

    /// <summary>
    /// EXISTS of several keys, in any slots: how many of them exist, a key named twice counting twice
    /// (https://redis.io/docs/latest/commands/exists/).
    /// </summary>
    /// <remarks>Across slots each slot is checked at a slightly different moment.</remarks>
    /// <exception cref="ArgumentException">The list is null or empty, or holds a null or empty key.</exception>
    public ValueTask<long> ExistsAsync(params RedisKey[] keys) => ExistsAsync((IReadOnlyList<RedisKey>)keys, CancellationToken.None);

    /// <inheritdoc cref="ExistsAsync(RedisKey[])"/>
    public ValueTask<long> ExistsAsync(IReadOnlyList<RedisKey> keys, CancellationToken cancellationToken = default) =>
        KeyspaceEmulation.CountAsync(AsyncRunner(cancellationToken), "EXISTS", keys, readOnly: true);

    /// <inheritdoc cref="ExistsAsync(RedisKey[])"/>
    public long Exists(params RedisKey[] keys) => Exists((IReadOnlyList<RedisKey>)keys);

    /// <inheritdoc cref="ExistsAsync(RedisKey[])"/>
    public long Exists(IReadOnlyList<RedisKey> keys) => MultiKeyRunner.Complete(KeyspaceEmulation.CountAsync(SyncRunner, "EXISTS", keys, readOnly: true));

    /// <summary>
    /// TOUCH of several keys, in any slots: updates their last-access time and returns how many exist
    /// (https://redis.io/docs/latest/commands/touch/).
    /// </summary>
    /// <exception cref="ArgumentException">The list is null or empty, or holds a null or empty key.</exception>
    public ValueTask<long> TouchAsync(params RedisKey[] keys) => TouchAsync((IReadOnlyList<RedisKey>)keys, CancellationToken.None);

    /// <inheritdoc cref="TouchAsync(RedisKey[])"/>
    public ValueTask<long> TouchAsync(IReadOnlyList<RedisKey> keys, CancellationToken cancellationToken = default) =>
        KeyspaceEmulation.CountAsync(AsyncRunner(cancellationToken), "TOUCH", keys, readOnly: false);

    /// <inheritdoc cref="TouchAsync(RedisKey[])"/>
    public long Touch(params RedisKey[] keys) => Touch((IReadOnlyList<RedisKey>)keys);

    /// <inheritdoc cref="TouchAsync(RedisKey[])"/>
    public long Touch(IReadOnlyList<RedisKey> keys) => MultiKeyRunner.Complete(KeyspaceEmulation.CountAsync(SyncRunner, "TOUCH", keys, readOnly: false));

    /// <summary>
    /// RENAME: gives <paramref name="key"/>'s value (and time to live) to <paramref name="newKey"/>,
    /// replacing whatever was there (https://redis.io/docs/latest/commands/rename/).
    /// </summary>
    /// <remarks>
    /// In one slot this is the native, atomic command. Across slots the value moves with DUMP +
    /// PEXPIRETIME from the source, RESTORE … REPLACE ABSTTL at the destination (same value, same
    /// absolute expiry), then DEL of the source: for a moment both keys exist, and a write to the
    /// source between the DUMP and the DEL is lost.
    /// </remarks>
    /// <exception cref="RedisServerException"><c>ERR no such key</c> when <paramref name="key"/> does not exist, as natively.</exception>
    public async ValueTask RenameAsync(RedisKey key, RedisKey newKey, CancellationToken cancellationToken = default) =>
        await RelocationEmulation.RenameAsync(AsyncRunner(cancellationToken), key, newKey, onlyIfNew: false).ConfigureAwait(false);

    /// <inheritdoc cref="RenameAsync"/>
    public void Rename(RedisKey key, RedisKey newKey) => MultiKeyRunner.Complete(RelocationEmulation.RenameAsync(SyncRunner, key, newKey, onlyIfNew: false));

    /// <summary>
    /// RENAMENX: renames <paramref name="key"/> only when <paramref name="newKey"/> does not exist;
    /// false when it does (https://redis.io/docs/latest/commands/renamenx/).
    /// </summary>
    /// <remarks>
    /// Across slots as <see cref="RenameAsync"/>, with RESTORE without REPLACE: the existence check
    /// and the write at the destination are one atomic step there, the removal of the source follows.
    /// </remarks>
    /// <exception cref="RedisServerException"><c>ERR no such key</c> when <paramref name="key"/> does not exist, as natively.</exception>
    public ValueTask<bool> RenameNxAsync(RedisKey key, RedisKey newKey, CancellationToken cancellationToken = default) =>
        RelocationEmulation.RenameAsync(AsyncRunner(cancellationToken), key, newKey, onlyIfNew: true);

    /// <inheritdoc cref="RenameNxAsync"/>
    public bool RenameNx(RedisKey key, RedisKey newKey) => MultiKeyRunner.Complete(RelocationEmulation.RenameAsync(SyncRunner, key, newKey, onlyIfNew: true));

    /// <summary>
    /// COPY: copies <paramref name="source"/>'s value and time to live to
    /// <paramref name="destination"/>. False when the source does not exist, or the destination
    /// exists and <paramref name="replace"/> is false (https://redis.io/docs/latest/commands/copy/).
    /// </summary>
    /// <remarks>Across slots: DUMP + PEXPIRETIME, then RESTORE [REPLACE] ABSTTL at the destination.</remarks>
    public ValueTask<bool> CopyAsync(RedisKey source, RedisKey destination, bool replace = false, CancellationToken cancellationToken = default) =>
        RelocationEmulation.CopyAsync(AsyncRunner(cancellationToken), source, destination, replace);

    /// <inheritdoc cref="CopyAsync"/>
    public bool Copy(RedisKey source, RedisKey destination, bool replace = false) =>
        MultiKeyRunner.Complete(RelocationEmulation.CopyAsync(SyncRunner, source, destination, replace));
}

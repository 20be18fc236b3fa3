using Slotted.Topology;

namespace Slotted.MultiKey;

/// <summary>
/// RENAME, RENAMENX and COPY between slots: the source's serialized value (DUMP) and absolute
/// expiry (PEXPIRETIME) are read together, RESTOREd at the destination with the same expiry
/// (ABSTTL, so no time is lost in transit), and for a rename the source is then deleted.
/// </summary>
internal static class RelocationEmulation
{
    private const string NoSuchKey = "ERR no such key";

    /// <summary>RENAME (<paramref name="onlyIfNew"/> false) or RENAMENX; false only for RENAMENX onto an existing key.</summary>
    public static async ValueTask<bool> RenameAsync(MultiKeyRunner run, RedisKey key, RedisKey newKey, bool onlyIfNew)
    {
        Guard.Key(key);
        Guard.Key(newKey, nameof(newKey));
        int from = HashSlot.Get(key), to = HashSlot.Get(newKey);
        if (from == to)
        {
            var reply = await run.RunAsync([onlyIfNew ? "RENAMENX" : "RENAME", key, newKey], from, readOnly: false).ConfigureAwait(false);
            return !onlyIfNew || reply.ToInt64() == 1;
        }
        var snapshot = await ReadAsync(run, key, from).ConfigureAwait(false) ?? throw ErrorMapper.FromServer(NoSuchKey, null);
        if (!await RestoreAsync(run, newKey, to, snapshot, replace: !onlyIfNew).ConfigureAwait(false)) return false;
        await run.RunAsync(["DEL", key], from, readOnly: false).ConfigureAwait(false);
        return true;
    }

    /// <summary>COPY: false when the source does not exist, or the destination does and <paramref name="replace"/> is false.</summary>
    public static async ValueTask<bool> CopyAsync(MultiKeyRunner run, RedisKey source, RedisKey destination, bool replace)
    {
        Guard.Key(source, nameof(source));
        Guard.Key(destination, nameof(destination));
        int from = HashSlot.Get(source), to = HashSlot.Get(destination);
        if (from == to)
        {
            RedisValue[] parts = replace ? ["COPY", source, destination, "REPLACE"] : ["COPY", source, destination];
            return (await run.RunAsync(parts, from, readOnly: false).ConfigureAwait(false)).ToInt64() == 1;
        }
        var snapshot = await ReadAsync(run, source, from).ConfigureAwait(false);
        return snapshot is not null && await RestoreAsync(run, destination, to, snapshot.Value, replace).ConfigureAwait(false);
    }

    /// <summary>DUMP and PEXPIRETIME of a key, sent together; null when the key does not exist.</summary>
    private static async ValueTask<(RedisValue Payload, long ExpireAt)?> ReadAsync(MultiKeyRunner run, RedisKey key, int slot)
    {
        var replies = await run.RunAllAsync([new(["DUMP", key], slot), new(["PEXPIRETIME", key], slot)], readOnly: false).ConfigureAwait(false);
        long expireAt = replies[1].ToInt64();
        if (replies[0].IsNull || expireAt == -2) return null;
        return (replies[0].Value, expireAt);
    }

    /// <summary>RESTOREs a snapshot; false when the key exists and <paramref name="replace"/> is false (BUSYKEY).</summary>
    private static async ValueTask<bool> RestoreAsync(MultiKeyRunner run, RedisKey key, int slot, (RedisValue Payload, long ExpireAt) snapshot, bool replace)
    {
        var parts = new List<RedisValue>(6) { "RESTORE", key, snapshot.ExpireAt > 0 ? snapshot.ExpireAt : 0, snapshot.Payload };
        if (replace) parts.Add("REPLACE");
        if (snapshot.ExpireAt > 0) parts.Add("ABSTTL");
        var reply = await run.RawAsync([.. parts], slot, readOnly: false).ConfigureAwait(false);
        if (reply.IsError && reply.ErrorPrefix == "BUSYKEY") return false;
        RedisCluster.ThrowIfError(reply);
        return true;
    }
}

using Slotted.Topology;

namespace Slotted.MultiKey;

/// <summary>
/// BITOP across slots: every source is read with GET (all at once; a non-string source is
/// WRONGTYPE as natively), the operation is computed by <see cref="BitOpMath"/> with the server's
/// length rules, and the destination is SET (or deleted when the result is empty, as the server does).
/// </summary>
internal static class BitOpEmulation
{
    public static async ValueTask<long> RunAsync(MultiKeyRunner run, BitOperation operation, RedisKey destination, IReadOnlyList<RedisKey> keys)
    {
        Guard.Key(destination, nameof(destination));
        Guard.Keys(keys);
        if (operation is not (BitOperation.And or BitOperation.Or or BitOperation.Xor or BitOperation.Not))
            throw new ArgumentOutOfRangeException(nameof(operation));
        if (operation == BitOperation.Not && keys.Count != 1) throw new ArgumentException("BITOP NOT takes exactly one source key.", nameof(keys));
        string name = operation.ToString().ToUpperInvariant();
        if (SlotGrouping.TryGetSingleSlot(destination, keys, out int slot))
        {
            var parts = new RedisValue[keys.Count + 3];
            parts[0] = "BITOP";
            parts[1] = name;
            parts[2] = destination;
            for (int i = 0; i < keys.Count; i++) parts[i + 3] = keys[i];
            return (await run.RunAsync(parts, slot, readOnly: false).ConfigureAwait(false)).ToInt64();
        }
        var reads = new SlotCommand[keys.Count];
        for (int i = 0; i < reads.Length; i++) reads[i] = new(["GET", keys[i]], HashSlot.Get(keys[i]));
        var replies = await run.RunAllAsync(reads, readOnly: false).ConfigureAwait(false);
        var sources = new byte[]?[replies.Length];
        for (int i = 0; i < sources.Length; i++) sources[i] = replies[i].Value.ToByteArray();
        var result = BitOpMath.Compute(operation, sources);
        int target = HashSlot.Get(destination);
        if (result.Length == 0) await run.RunAsync(["DEL", destination], target, readOnly: false).ConfigureAwait(false);
        else await run.RunAsync(["SET", destination, result], target, readOnly: false).ConfigureAwait(false);
        return result.Length;
    }
}

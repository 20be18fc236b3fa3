using Slotted.Topology;

namespace Slotted.MultiKey;

/// <summary>
/// Replaces a destination key with a computed list, set or sorted set the way a native *STORE
/// does: the old value (and its time to live) is gone, an empty result deletes the key. The value
/// is built in a scratch key in the destination's slot, then RENAMEd over the destination, so
/// readers of the destination see the old value or the new one, never a half-written one. If the
/// build fails, the scratch key is deleted (best effort).
/// </summary>
internal static class DestinationWriter
{
    private const int ItemsPerCommand = 1024;

    public static ValueTask ReplaceWithListAsync(MultiKeyRunner run, RedisKey destination, IReadOnlyList<RedisValue> items) =>
        ReplaceAsync(run, destination, "RPUSH", items.Count, (parts, at, i) => parts[at] = items[i], 1);

    public static ValueTask ReplaceWithSetAsync(MultiKeyRunner run, RedisKey destination, IReadOnlyList<RedisValue> members) =>
        ReplaceAsync(run, destination, "SADD", members.Count, (parts, at, i) => parts[at] = members[i], 1);

    public static ValueTask ReplaceWithSortedSetAsync(MultiKeyRunner run, RedisKey destination, IReadOnlyList<SortedSetEntry> entries) =>
        ReplaceAsync(run, destination, "ZADD", entries.Count, (parts, at, i) =>
        {
            parts[at] = entries[i].Score;
            parts[at + 1] = entries[i].Member;
        }, 2);

    private static async ValueTask ReplaceAsync(MultiKeyRunner run, RedisKey destination, string command, int count,
        Action<RedisValue[], int, int> fill, int width)
    {
        int slot = HashSlot.Get(destination);
        if (count == 0)
        {
            await run.RunAsync(["DEL", destination], slot, readOnly: false).ConfigureAwait(false);
            return;
        }
        var temp = SlotTags.TempKey(slot);
        try
        {
            for (int start = 0; start < count; start += ItemsPerCommand)
            {
                int n = Math.Min(ItemsPerCommand, count - start);
                var parts = new RedisValue[2 + n * width];
                parts[0] = command;
                parts[1] = temp;
                for (int i = 0; i < n; i++) fill(parts, 2 + i * width, start + i);
                await run.RunAsync(parts, slot, readOnly: false).ConfigureAwait(false);
            }
            await run.RunAsync(["RENAME", temp, destination], slot, readOnly: false).ConfigureAwait(false);
        }
        catch
        {
            await DeleteQuietlyAsync(run, [temp]).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Deletes scratch keys (all in one slot), ignoring any failure and the caller's cancellation:
    /// they are the emulation's own keys, never the user's.
    /// </summary>
    public static async ValueTask DeleteQuietlyAsync(MultiKeyRunner run, IReadOnlyList<RedisKey> keys)
    {
        if (keys.Count == 0) return;
        var parts = new RedisValue[keys.Count + 1];
        parts[0] = "DEL";
        for (int i = 0; i < keys.Count; i++) parts[i + 1] = keys[i];
        int slot = HashSlot.Get(keys[0]);
        try
        {
            if (run.IsSync) run.Executor.Execute(parts, slot, readOnly: false);
            else await run.Executor.ExecuteAsync(parts, slot, readOnly: false, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Best effort: a scratch key left behind is harmless and names itself (":slotted:tmp:").
        }
    }
}

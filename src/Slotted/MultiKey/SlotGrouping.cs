using Slotted.Topology;

namespace Slotted.MultiKey;

/// <summary>
/// Splits a key list by hash slot. A native multi-key command must see keys of one slot, so a
/// slot is the unit of a sub-command; sub-commands for the same node share that node's connection
/// and leave in one write, so grouping by node as well gains nothing.
/// </summary>
internal static class SlotGrouping
{
    /// <summary>Groups in order of each slot's first key; inside a group the caller's order (and duplicates) is kept.</summary>
    public static List<SlotGroup> BySlot(IReadOnlyList<RedisKey> keys)
    {
        var groups = new List<SlotGroup>();
        var bySlot = new Dictionary<int, SlotGroup>();
        for (int i = 0; i < keys.Count; i++)
        {
            int slot = HashSlot.Get(keys[i]);
            if (!bySlot.TryGetValue(slot, out var group))
            {
                group = new SlotGroup(slot);
                bySlot.Add(slot, group);
                groups.Add(group);
            }
            group.Indexes.Add(i);
            group.Keys.Add(keys[i]);
        }
        return groups;
    }

    /// <summary>True when every key hashes to one slot (then the native command runs, atomically).</summary>
    public static bool TryGetSingleSlot(IReadOnlyList<RedisKey> keys, out int slot)
    {
        slot = HashSlot.Get(keys[0]);
        for (int i = 1; i < keys.Count; i++)
        {
            if (HashSlot.Get(keys[i]) != slot) return false;
        }
        return true;
    }

    /// <summary>True when <paramref name="key"/> and every one of <paramref name="keys"/> hash to one slot.</summary>
    public static bool TryGetSingleSlot(RedisKey key, IReadOnlyList<RedisKey> keys, out int slot)
    {
        slot = HashSlot.Get(key);
        for (int i = 0; i < keys.Count; i++)
        {
            if (HashSlot.Get(keys[i]) != slot) return false;
        }
        return true;
    }
}

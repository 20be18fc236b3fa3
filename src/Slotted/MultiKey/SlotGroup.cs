namespace Slotted.MultiKey;

/// <summary>The keys of one hash slot, with their positions in the caller's list.</summary>
internal sealed class SlotGroup(int slot)
{
    public int Slot { get; } = slot;

    /// <summary>Positions in the caller's list, ascending.</summary>
    public List<int> Indexes { get; } = [];

    /// <summary>The keys at <see cref="Indexes"/>, in the caller's order (duplicates kept).</summary>
    public List<RedisKey> Keys { get; } = [];
}

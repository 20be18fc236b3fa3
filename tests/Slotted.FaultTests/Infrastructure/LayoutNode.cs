namespace Slotted.FaultTests.Infrastructure;

/// <summary>One line of <c>CLUSTER NODES</c>: a node, its role and the slots it serves.</summary>
public sealed record LayoutNode(string Id, int Port, string Flags, string? PrimaryId, IReadOnlyList<(int Start, int End)> Slots)
{
    /// <summary>True for a primary (flag <c>master</c>).</summary>
    public bool IsPrimary => Flags.Contains("master", StringComparison.Ordinal);

    /// <summary>True when the node is flagged <c>fail</c> or <c>fail?</c>.</summary>
    public bool IsFailing => Flags.Contains("fail", StringComparison.Ordinal);

    /// <summary>How many slots the node serves.</summary>
    public int SlotCount
    {
        get
        {
            int n = 0;
            foreach ((int start, int end) in Slots) n += end - start + 1;
            return n;
        }
    }

    /// <summary>True when the node serves <paramref name="slot"/>.</summary>
    public bool Owns(int slot)
    {
        foreach ((int start, int end) in Slots)
        {
            if (slot >= start && slot <= end) return true;
        }

        return false;
    }
}

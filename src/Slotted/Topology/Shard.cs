namespace Slotted.Topology;

/// <summary>A primary, its replicas, and the slot ranges it serves.</summary>
public sealed class Shard
{
    internal Shard(ClusterNode primary, IReadOnlyList<ClusterNode> replicas, IReadOnlyList<(int Start, int End)> slotRanges)
    {
        Primary = primary;
        Replicas = replicas;
        SlotRanges = slotRanges;
    }

    /// <summary>The node that takes writes for the shard's slots.</summary>
    public ClusterNode Primary { get; }

    /// <summary>The replicas of <see cref="Primary"/>.</summary>
    public IReadOnlyList<ClusterNode> Replicas { get; }

    /// <summary>Inclusive slot ranges served by the shard.</summary>
    public IReadOnlyList<(int Start, int End)> SlotRanges { get; }
}

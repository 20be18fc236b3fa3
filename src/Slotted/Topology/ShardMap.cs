namespace Slotted.Topology;

/// <summary>
/// An immutable snapshot of the cluster: for each of the 16384 slots, the shard that serves it.
/// A refresh builds a new map and swaps it in atomically; readers never lock.
/// </summary>
public sealed class ShardMap
{
    private readonly Shard?[] _slots;

    internal ShardMap(IReadOnlyList<Shard> shards, long version)
    {
        Shards = shards;
        Version = version;
        _slots = new Shard?[HashSlot.Count];
        var nodes = new List<ClusterNode>();
        foreach (var shard in shards)
        {
            nodes.Add(shard.Primary);
            nodes.AddRange(shard.Replicas);
            foreach (var (start, end) in shard.SlotRanges)
                for (int s = Math.Max(0, start); s <= Math.Min(end, HashSlot.Count - 1); s++) _slots[s] = shard;
        }
        Nodes = nodes;
        for (int s = 0; s < _slots.Length; s++) if (_slots[s] is not null) CoveredSlots++;
    }

    private ShardMap(ShardMap source, int slot, Shard shard, IReadOnlyList<Shard> shards)
    {
        _slots = (Shard?[])source._slots.Clone();
        _slots[slot] = shard;
        Shards = shards;
        Version = source.Version;
        var nodes = new List<ClusterNode>(source.Nodes);
        if (!source.Shards.Contains(shard)) nodes.Add(shard.Primary);
        Nodes = nodes;
        CoveredSlots = source.CoveredSlots + (source._slots[slot] is null ? 1 : 0);
    }

    /// <summary>An empty map (no slot known).</summary>
    internal static ShardMap Empty { get; } = new([], 0);

    /// <summary>Every shard (primaries that serve at least one slot, or that were reported without slots).</summary>
    public IReadOnlyList<Shard> Shards { get; }

    /// <summary>Every node: primaries and replicas.</summary>
    public IReadOnlyList<ClusterNode> Nodes { get; }

    /// <summary>How many of the 16384 slots have an owner in this map.</summary>
    public int CoveredSlots { get; }

    /// <summary>Increases with every refresh that loaded a new map.</summary>
    public long Version { get; }

    /// <summary>The shard that serves <paramref name="slot"/>, or null when no node does.</summary>
    public Shard? GetShard(int slot) => _slots[slot];

    /// <summary>The primaries, one per shard that serves slots.</summary>
    public IEnumerable<ClusterNode> Primaries
    {
        get
        {
            foreach (var s in Shards) yield return s.Primary;
        }
    }

    /// <summary>A copy of this map in which <paramref name="slot"/> belongs to the primary at <paramref name="endPoint"/> (after a MOVED reply).</summary>
    internal ShardMap WithSlotMovedTo(int slot, string endPoint)
    {
        Shard? target = null;
        foreach (var s in Shards)
        {
            if (s.Primary.EndPoint == endPoint)
            {
                target = s;
                break;
            }
        }
        var shards = Shards;
        if (target is null)
        {
            var (host, port) = RedisClusterOptions.ParseEndPoint(endPoint);
            target = new Shard(new ClusterNode("", host, port, isPrimary: true, primaryId: null), [], []);
            shards = [.. Shards, target];
        }
        return new ShardMap(this, slot, target, shards);
    }

    /// <summary>The slot map as "start-end primary [replicas]" lines, in slot order.</summary>
    public override string ToString()
    {
        var lines = new List<(int Start, string Line)>();
        foreach (var shard in Shards)
        {
            foreach (var (start, end) in shard.SlotRanges)
            {
                var sb = new System.Text.StringBuilder();
                sb.Append(start).Append('-').Append(end).Append(' ').Append(shard.Primary.EndPoint);
                foreach (var r in shard.Replicas) sb.Append(' ').Append(r.EndPoint);
                lines.Add((start, sb.ToString()));
            }
        }
        lines.Sort((a, b) => a.Start.CompareTo(b.Start));
        var text = new System.Text.StringBuilder();
        foreach (var (_, line) in lines) text.AppendLine(line);
        return text.ToString();
    }
}

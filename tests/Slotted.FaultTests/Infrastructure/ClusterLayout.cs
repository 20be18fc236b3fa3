using System.Globalization;
using Slotted.ClusterTests.Infrastructure;

namespace Slotted.FaultTests.Infrastructure;

/// <summary>
/// The cluster as one node's <c>CLUSTER NODES</c> describes it: which ports are primaries, their replicas and
/// slots. Scenarios read it instead of assuming a layout, since earlier scenarios fail nodes over.
/// </summary>
public sealed class ClusterLayout
{
    private ClusterLayout(IReadOnlyList<LayoutNode> nodes) => Nodes = nodes;

    /// <summary>Every node, in port order.</summary>
    public IReadOnlyList<LayoutNode> Nodes { get; }

    /// <summary>The primaries that serve slots, in port order.</summary>
    public IReadOnlyList<LayoutNode> Primaries => [.. Nodes.Where(n => n.IsPrimary && n.SlotCount > 0)];

    /// <summary>Reads the layout from the first node that answers (or from <paramref name="port"/>).</summary>
    public static ClusterLayout Read(LocalCluster cluster, int? port = null)
    {
        Exception? last = null;
        foreach (int candidate in port is int p ? [p] : cluster.Ports)
        {
            try
            {
                return Parse(cluster.RedisCli(candidate, "CLUSTER", "NODES"));
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                last = e;
            }
        }

        throw new InvalidOperationException("No node answered CLUSTER NODES.", last);
    }

    /// <summary>Parses a <c>CLUSTER NODES</c> reply.</summary>
    public static ClusterLayout Parse(string clusterNodes)
    {
        var nodes = new List<LayoutNode>();
        foreach (string line in clusterNodes.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 8) continue;
            string address = f[1].Split('@')[0];
            int port = int.Parse(address[(address.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
            var slots = new List<(int, int)>();
            for (int i = 8; i < f.Length; i++)
            {
                if (f[i].StartsWith('[')) continue; // migration markers
                string[] bounds = f[i].Split('-');
                int start = int.Parse(bounds[0], CultureInfo.InvariantCulture);
                slots.Add((start, bounds.Length > 1 ? int.Parse(bounds[1], CultureInfo.InvariantCulture) : start));
            }

            string flags = string.Join(',', f[2].Split(',').Where(x => x != "myself"));
            nodes.Add(new LayoutNode(f[0], port, flags, f[3] == "-" ? null : f[3], slots));
        }

        nodes.Sort((a, b) => a.Port.CompareTo(b.Port));
        return new ClusterLayout(nodes);
    }

    /// <summary>The primary serving <paramref name="slot"/>.</summary>
    public LayoutNode OwnerOf(int slot) =>
        Nodes.FirstOrDefault(n => n.IsPrimary && n.Owns(slot)) ?? throw new InvalidOperationException($"No primary serves slot {slot}.");

    /// <summary>The replicas of <paramref name="primary"/>.</summary>
    public IReadOnlyList<LayoutNode> ReplicasOf(LayoutNode primary) => [.. Nodes.Where(n => n.PrimaryId == primary.Id)];

    /// <summary>The node listening on <paramref name="port"/>.</summary>
    public LayoutNode ByPort(int port) => Nodes.First(n => n.Port == port);
}

namespace Slotted;

/// <summary>
/// One node's <c>CLUSTER NODES</c> reply (https://redis.io/docs/latest/commands/cluster-nodes/): the
/// text as sent and one <see cref="ClusterNodeInfo"/> per line — the cluster as that node sees it.
/// </summary>
public sealed class ClusterNodesInfo
{
    /// <summary>Parses the text of a <c>CLUSTER NODES</c> reply.</summary>
    /// <exception cref="FormatException">A line does not have the documented fields.</exception>
    public ClusterNodesInfo(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        var nodes = new List<ClusterNodeInfo>();
        foreach (string line in text.Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var node = ClusterNodeInfo.Parse(line);
            nodes.Add(node);
            if (node.IsMyself) Myself ??= node;
        }
        Nodes = nodes;
    }

    /// <summary>The reply exactly as the node sent it.</summary>
    public string Text { get; }

    /// <summary>Every line, in the order sent.</summary>
    public IReadOnlyList<ClusterNodeInfo> Nodes { get; }

    /// <summary>The line of the node that answered (flag myself).</summary>
    public ClusterNodeInfo? Myself { get; }

    /// <summary>The line of the node with id <paramref name="id"/>, or null.</summary>
    public ClusterNodeInfo? Find(string id)
    {
        foreach (var node in Nodes)
        {
            if (node.Id == id) return node;
        }
        return null;
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}

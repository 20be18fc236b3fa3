namespace Slotted.Batching;

/// <summary>
/// Groups a round's commands by the node they go to, keeping the caller's order within each group.
/// A cluster has few nodes, so a linear search (by reference first: endpoints of one slot map are
/// shared strings) is cheaper than hashing every command's endpoint.
/// </summary>
internal sealed class NodeGroups
{
    private readonly List<NodeGroup> _groups = new(4);
    private NodeGroup? _last;

    public IReadOnlyList<NodeGroup> Groups => _groups;

    public int Count => _groups.Count;

    public NodeGroup this[int index] => _groups[index];

    public void Add(string endPoint, int work, bool asking = false) => Find(endPoint).Add(work, asking);

    private NodeGroup Find(string endPoint)
    {
        if (_last is not null && ReferenceEquals(_last.EndPoint, endPoint)) return _last;
        foreach (var group in _groups)
        {
            if (ReferenceEquals(group.EndPoint, endPoint)) return _last = group;
        }
        foreach (var group in _groups)
        {
            if (string.Equals(group.EndPoint, endPoint, StringComparison.OrdinalIgnoreCase)) return _last = group;
        }
        var created = new NodeGroup(endPoint);
        _groups.Add(created);
        return _last = created;
    }
}

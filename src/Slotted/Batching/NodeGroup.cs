namespace Slotted.Batching;

/// <summary>The commands of one round that go to one node, in the caller's order.</summary>
internal sealed class NodeGroup
{
    private int[] _work = new int[16];
    private bool[]? _asking;

    public NodeGroup(string endPoint)
    {
        EndPoint = endPoint;
    }

    public string EndPoint { get; }

    public int Count { get; private set; }

    /// <summary>The work items (command indexes, or fan-out sends numbered after the commands), in order.</summary>
    public ReadOnlySpan<int> Work => _work.AsSpan(0, Count);

    /// <summary>Per work item, whether ASKING goes before it; null when none does.</summary>
    public bool[]? Asking => _asking;

    public void Add(int work, bool asking)
    {
        if (Count == _work.Length) Array.Resize(ref _work, _work.Length * 2);
        if (asking && _asking is null) _asking = new bool[_work.Length];
        else if (_asking is not null && _asking.Length < _work.Length) Array.Resize(ref _asking, _work.Length);
        if (_asking is not null) _asking[Count] = asking;
        _work[Count++] = work;
    }

    /// <summary>The ASKING flags trimmed to <see cref="Count"/>, or null when none is set.</summary>
    public bool[]? AskingFlags() => _asking is null ? null : _asking.AsSpan(0, Count).ToArray();
}

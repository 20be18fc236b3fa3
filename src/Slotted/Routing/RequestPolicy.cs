namespace Slotted.Routing;

/// <summary>
/// Where a keyless or multi-key command should be sent in a cluster: the <c>request_policy</c>
/// command tip (https://redis.io/docs/reference/command-tips/).
/// </summary>
internal enum RequestPolicy
{
    /// <summary>No tip: by the slot of the keys, or to any node when there are none.</summary>
    Default = 0,

    /// <summary>To every node, primaries and replicas (for example <c>CONFIG SET</c>).</summary>
    AllNodes,

    /// <summary>To every primary (for example <c>DBSIZE</c>, <c>KEYS</c>).</summary>
    AllShards,

    /// <summary>Split by slot of its keys and sent to the owners (for example <c>MGET</c>, <c>DEL</c>).</summary>
    MultiShard,

    /// <summary>Needs command-specific handling (for example <c>SCAN</c>).</summary>
    Special,
}

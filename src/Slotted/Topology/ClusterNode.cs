namespace Slotted.Topology;

/// <summary>One node of the cluster as the slot map describes it.</summary>
public sealed class ClusterNode
{
    internal ClusterNode(string id, string host, int port, bool isPrimary, string? primaryId)
    {
        Id = id;
        Host = host;
        Port = port;
        IsPrimary = isPrimary;
        PrimaryId = primaryId;
        EndPoint = host.Contains(':') ? $"[{host}]:{port}" : $"{host}:{port}";
    }

    /// <summary>The node's 40-character cluster id (empty when only its address is known).</summary>
    public string Id { get; }

    /// <summary>The host or IP address clients connect to.</summary>
    public string Host { get; }

    /// <summary>The client port.</summary>
    public int Port { get; }

    /// <summary>"host:port", the name this node goes by in fan-out results and errors.</summary>
    public string EndPoint { get; }

    /// <summary>True for a primary (master), false for a replica.</summary>
    public bool IsPrimary { get; }

    /// <summary>For a replica, the id of its primary.</summary>
    public string? PrimaryId { get; }

    /// <inheritdoc />
    public override string ToString() => $"{EndPoint} ({(IsPrimary ? "primary" : "replica")})";
}

namespace Slotted;

/// <summary>The connection kinds <c>CLIENT LIST TYPE</c> and <c>CLIENT KILL TYPE</c> filter on.</summary>
public enum ClientType
{
    /// <summary>Ordinary clients ("normal").</summary>
    Normal,

    /// <summary>The connection a replica holds to its primary, seen on the replica ("master").</summary>
    Primary,

    /// <summary>Replicas connected to this node ("replica").</summary>
    Replica,

    /// <summary>Clients subscribed to channels ("pubsub").</summary>
    PubSub,
}

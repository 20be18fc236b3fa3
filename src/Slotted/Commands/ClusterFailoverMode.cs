namespace Slotted;

/// <summary>How <c>CLUSTER FAILOVER</c> promotes a replica (https://redis.io/docs/latest/commands/cluster-failover/).</summary>
public enum ClusterFailoverMode
{
    /// <summary>
    /// A safe, coordinated failover: the primary stops taking writes, the replica catches up with its
    /// replication stream, then is elected by the primaries and takes over. No acknowledged write is lost.
    /// </summary>
    Default,

    /// <summary>FORCE: no handshake with the primary (it may be down); the replica still needs the majority of primaries to elect it.</summary>
    Force,

    /// <summary>TAKEOVER: no handshake and no election; the replica bumps its epoch and takes the slots alone. For when most primaries are unreachable.</summary>
    Takeover,
}

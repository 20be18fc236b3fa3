namespace Slotted;

/// <summary>Which node serves read-only commands (writes always go to the slot's primary).</summary>
public enum ReadFrom
{
    /// <summary>Every command goes to the slot's primary: reads see every acknowledged write.</summary>
    Primary,
    /// <summary>Reads go to a replica of the slot when one is known and connected, else to the primary.</summary>
    PreferReplica,
    /// <summary>Reads go to the primary or any connected replica, spread across them.</summary>
    Any,
}

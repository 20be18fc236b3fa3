namespace Slotted.Protocol;

/// <summary>The two cluster redirections a node answers with (Redis Cluster specification).</summary>
internal enum RedirectKind
{
    /// <summary><c>MOVED slot host:port</c>: the slot now lives on that node; update the slot map.</summary>
    Moved,

    /// <summary><c>ASK slot host:port</c>: the slot is migrating; send <c>ASKING</c> and this one command there.</summary>
    Ask,
}

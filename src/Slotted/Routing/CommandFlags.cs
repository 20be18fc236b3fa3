namespace Slotted.Routing;

/// <summary>
/// The command flags Redis reports in the third element of <c>COMMAND INFO</c>
/// (https://redis.io/commands/command/#flags).
/// </summary>
[Flags]
internal enum CommandFlags
{
    None = 0,

    /// <summary>May modify the keyspace.</summary>
    Write = 1 << 0,

    /// <summary>Never modifies keys.</summary>
    ReadOnly = 1 << 1,

    /// <summary>May grow memory use; refused when over <c>maxmemory</c>.</summary>
    DenyOom = 1 << 2,

    /// <summary>Implemented by a module.</summary>
    Module = 1 << 3,

    /// <summary>An administrative command.</summary>
    Admin = 1 << 4,

    /// <summary>A pub/sub command.</summary>
    PubSub = 1 << 5,

    /// <summary>Not allowed inside scripts.</summary>
    NoScript = 1 << 6,

    /// <summary>May block the connection until data arrives or a timeout passes.</summary>
    Blocking = 1 << 7,

    /// <summary>Allowed while the server loads its dataset.</summary>
    Loading = 1 << 8,

    /// <summary>Allowed on a replica with stale data.</summary>
    Stale = 1 << 9,

    /// <summary>Not shown by <c>MONITOR</c>.</summary>
    SkipMonitor = 1 << 10,

    /// <summary>Not shown by <c>SLOWLOG</c>.</summary>
    SkipSlowlog = 1 << 11,

    /// <summary>Accepted for importing slots (the cluster <c>ASKING</c> state).</summary>
    Asking = 1 << 12,

    /// <summary>O(1) or O(log N); never delays other clients.</summary>
    Fast = 1 << 13,

    /// <summary>Allowed before authentication.</summary>
    NoAuth = 1 << 14,

    /// <summary>May be replicated although not a write (for example <c>PUBLISH</c>).</summary>
    MayReplicate = 1 << 15,

    /// <summary>May take key arguments, but need not.</summary>
    NoMandatoryKeys = 1 << 16,

    /// <summary>Refused while the server loads a dataset asynchronously.</summary>
    NoAsyncLoading = 1 << 17,

    /// <summary>Not allowed inside <c>MULTI</c>.</summary>
    NoMulti = 1 << 18,

    /// <summary>Key positions depend on the arguments (the legacy first/last/step do not describe them).</summary>
    MovableKeys = 1 << 19,

    /// <summary>Allowed while a script or function runs too long (the server is <c>BUSY</c>).</summary>
    AllowBusy = 1 << 20,
}

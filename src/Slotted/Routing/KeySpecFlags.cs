namespace Slotted.Routing;

/// <summary>
/// The flags of a key specification (https://redis.io/docs/reference/key-specs/#flags): the access
/// type (exactly one of RW, RO, OW, RM), the logical operation on the value, and miscellaneous hints.
/// </summary>
[Flags]
internal enum KeySpecFlags
{
    None = 0,

    /// <summary>Modifies the value or its metadata.</summary>
    RW = 1 << 0,

    /// <summary>Only reads the value.</summary>
    RO = 1 << 1,

    /// <summary>Overwrites the value.</summary>
    OW = 1 << 2,

    /// <summary>Removes the key.</summary>
    RM = 1 << 3,

    /// <summary>Returns, copies or uses the user data stored at the key.</summary>
    Access = 1 << 4,

    /// <summary>Updates the stored data.</summary>
    Update = 1 << 5,

    /// <summary>Only adds data.</summary>
    Insert = 1 << 6,

    /// <summary>Explicitly deletes data from the value.</summary>
    Delete = 1 << 7,

    /// <summary>
    /// The argument is not a key, but counts as one for choosing the cluster slot (the shard channel
    /// of <c>SPUBLISH</c>/<c>SSUBSCRIBE</c>).
    /// </summary>
    NotKey = 1 << 8,

    /// <summary>The specification may miss keys; ask the server with <c>COMMAND GETKEYS</c>.</summary>
    Incomplete = 1 << 9,

    /// <summary>The flags above cover every form of the command; the effective ones depend on the arguments.</summary>
    VariableFlags = 1 << 10,
}

namespace Slotted.Batching;

/// <summary>
/// One queued command of a pipeline or transaction: what to send, where, and whom to tell. Kept to
/// 24 bytes since a pipeline may hold a hundred thousand; the rare fan-out plan lives beside it
/// (<see cref="RedisBatch"/>'s fan-out table).
/// </summary>
internal struct BatchEntry
{
    /// <summary><see cref="Slot"/> of a command whose keys only the server can name (<c>COMMAND GETKEYS</c>); planned when the batch runs.</summary>
    public const int Unplanned = -2;

    /// <summary>The command, name first.</summary>
    public RedisValue[] Parts;

    /// <summary>The keys' slot; -1 for a keyless command (any primary); <see cref="Unplanned"/> before planning.</summary>
    public int Slot;

    public bool ReadOnly;

    /// <summary>The typed task to complete, or null for a command queued without one.</summary>
    public IBatchCompletion? Completion;
}

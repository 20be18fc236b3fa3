using Slotted.Routing;

namespace Slotted.Batching;

/// <summary>One queued command of a pipeline or transaction: what to send, where, and whom to tell.</summary>
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

    /// <summary>For a keyless command that runs on several nodes (its request_policy tip): those nodes.</summary>
    public IReadOnlyList<string>? FanOut;

    /// <summary>How the replies of <see cref="FanOut"/> combine.</summary>
    public ResponsePolicy ResponsePolicy;
}

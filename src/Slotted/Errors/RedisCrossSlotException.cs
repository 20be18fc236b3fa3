namespace Slotted;

/// <summary>
/// The keys of one command hash to different slots, so no single node can run it atomically
/// (Redis Cluster specification, "Multi-key operations"). Raised before anything is sent when the
/// client sees it, or from the server's <c>CROSSSLOT</c> reply; never retried. Use <c>{hash tags}</c>
/// to keep related keys in one slot.
/// </summary>
public sealed class RedisCrossSlotException : RedisException
{
    /// <summary>Creates the error with its message.</summary>
    public RedisCrossSlotException(string message)
        : base(message)
    {
    }
}

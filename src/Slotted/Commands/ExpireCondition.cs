namespace Slotted;

/// <summary>When EXPIRE and its family may change a key's time to live (Redis 7 options).</summary>
public enum ExpireCondition
{
    /// <summary>Always.</summary>
    Always,
    /// <summary>Only when the key has no expiry (NX).</summary>
    HasNoExpiry,
    /// <summary>Only when the key has an expiry (XX).</summary>
    HasExpiry,
    /// <summary>Only when the new expiry is later than the current one (GT).</summary>
    GreaterThanCurrent,
    /// <summary>Only when the new expiry is earlier than the current one (LT).</summary>
    LessThanCurrent,
}

namespace Slotted;

/// <summary>What BITFIELD SET and INCRBY do when the result does not fit the type (OVERFLOW; https://redis.io/docs/latest/commands/bitfield/).</summary>
public enum BitFieldOverflow
{
    /// <summary>Wrap around, as C integers do (<c>WRAP</c>, Redis's default).</summary>
    Wrap,
    /// <summary>Stop at the type's minimum or maximum (<c>SAT</c>).</summary>
    Saturate,
    /// <summary>Leave the field alone and return null for the operation (<c>FAIL</c>).</summary>
    Fail,
}

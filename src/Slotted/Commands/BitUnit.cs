namespace Slotted;

/// <summary>What the start and end of BITCOUNT and BITPOS count in (Redis 7 BYTE / BIT).</summary>
public enum BitUnit
{
    /// <summary>Offsets are byte indexes (the default).</summary>
    Byte,
    /// <summary>Offsets are bit indexes.</summary>
    Bit,
}

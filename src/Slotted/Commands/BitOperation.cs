namespace Slotted;

/// <summary>The bitwise operation of BITOP (https://redis.io/docs/latest/commands/bitop/).</summary>
public enum BitOperation
{
    /// <summary>Bitwise AND of all sources.</summary>
    And,

    /// <summary>Bitwise OR of all sources.</summary>
    Or,

    /// <summary>Bitwise XOR of all sources.</summary>
    Xor,

    /// <summary>Bitwise NOT of exactly one source.</summary>
    Not,
}

namespace Slotted;

/// <summary>Which end of a list a command works on (LEFT / RIGHT in LMPOP, BLMPOP, LMOVE).</summary>
public enum ListSide
{
    /// <summary>The head (LEFT): where LPUSH adds and LPOP takes.</summary>
    Left,
    /// <summary>The tail (RIGHT): where RPUSH adds and RPOP takes.</summary>
    Right,
}

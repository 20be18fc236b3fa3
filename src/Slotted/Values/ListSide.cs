namespace Slotted;

/// <summary>An end of a list: <c>LEFT</c> (the head, index 0) or <c>RIGHT</c> (the tail), as LMOVE and BLMOVE name them.</summary>
public enum ListSide
{
    /// <summary>The head of the list (where LPUSH adds and LPOP takes).</summary>
    Left,

    /// <summary>The tail of the list (where RPUSH adds and RPOP takes).</summary>
    Right,
}

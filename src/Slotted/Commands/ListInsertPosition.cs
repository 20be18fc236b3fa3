namespace Slotted;

/// <summary>Where LINSERT puts the new element relative to the pivot.</summary>
public enum ListInsertPosition
{
    /// <summary>Before the pivot (BEFORE).</summary>
    Before,
    /// <summary>After the pivot (AFTER).</summary>
    After,
}

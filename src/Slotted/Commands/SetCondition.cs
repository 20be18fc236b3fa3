namespace Slotted;

/// <summary>When SET (and similar commands) may write.</summary>
public enum SetCondition
{
    /// <summary>Always write.</summary>
    Always,
    /// <summary>Only when the key does not exist (NX).</summary>
    NotExists,
    /// <summary>Only when the key already exists (XX).</summary>
    Exists,
}

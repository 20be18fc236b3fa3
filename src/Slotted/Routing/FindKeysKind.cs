namespace Slotted.Routing;

/// <summary>How a key specification finds its keys once it knows where they begin (<c>find_keys</c>).</summary>
internal enum FindKeysKind
{
    /// <summary>Of a type this client does not know: the keys cannot be found from the arguments.</summary>
    Unknown = 0,

    /// <summary>Up to a last key relative to the beginning, or relative to the end when negative.</summary>
    Range,

    /// <summary>An argument gives the number of keys that follow.</summary>
    KeyNum,
}

namespace Slotted.Routing;

/// <summary>The <c>doc_flags</c> of <c>COMMAND DOCS</c>.</summary>
[Flags]
internal enum CommandDocFlags
{
    None = 0,

    /// <summary>The command is deprecated (for example <c>GEORADIUS</c>, replaced by <c>GEOSEARCH</c>).</summary>
    Deprecated = 1 << 0,

    /// <summary>A system command not meant to be called by users (for example <c>PSYNC</c>).</summary>
    SysCmd = 1 << 1,
}

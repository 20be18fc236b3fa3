namespace Slotted;

/// <summary>How SCRIPT FLUSH and FUNCTION FLUSH free the cache (Redis 6.2+).</summary>
public enum ScriptFlushMode
{
    /// <summary>The server's default (the <c>lazyfree-lazy-user-flush</c> setting decides).</summary>
    Default,

    /// <summary><c>SYNC</c>: freed before the reply.</summary>
    Sync,

    /// <summary><c>ASYNC</c>: freed in the background.</summary>
    Async,
}

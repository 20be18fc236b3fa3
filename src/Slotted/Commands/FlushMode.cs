namespace Slotted;

/// <summary>How FLUSHALL / FLUSHDB free memory (https://redis.io/docs/latest/commands/flushall/).</summary>
public enum FlushMode
{
    /// <summary>The server's <c>lazyfree-lazy-user-flush</c> setting decides.</summary>
    Default,

    /// <summary>SYNC: the keys are freed before the reply.</summary>
    Sync,

    /// <summary>ASYNC: the keys vanish at once and are freed in the background.</summary>
    Async,
}

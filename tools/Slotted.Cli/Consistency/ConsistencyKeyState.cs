namespace Slotted.Cli.Consistency;

/// <summary>What one worker knows about one of its keys.</summary>
internal struct ConsistencyKeyState
{
    /// <summary>The value the last successful INCR returned; null before the first one.</summary>
    public long? Cached;

    /// <summary>INCRs on this key that were acknowledged.</summary>
    public long Acknowledged;

    /// <summary>INCRs on this key that failed with an unknown outcome (they may have run once).</summary>
    public long MayHaveRun;

    /// <summary>The most increments ever seen beyond <see cref="Acknowledged"/> + <see cref="MayHaveRun"/> (already counted as duplicated).</summary>
    public long Duplicated;
}

namespace Slotted;

/// <summary>How XADD and XTRIM trim a stream (https://redis.io/docs/latest/commands/xtrim/).</summary>
public enum StreamTrimMode
{
    /// <summary><c>MAXLEN</c>: keep at most this many newest entries.</summary>
    MaxLength,
    /// <summary><c>MINID</c>: remove the entries whose ids are lower than this one.</summary>
    MinId,
}

namespace Slotted.Routing;

/// <summary>
/// How long a blocking command sent through ExecuteAsync may block, read from its own arguments
/// (seconds last for BLPOP and its kin, seconds first for BLMPOP/BZMPOP, milliseconds after BLOCK
/// for XREAD/XREADGROUP, milliseconds last for WAIT/WAITAOF). Zero means "for ever" in Redis.
/// </summary>
internal static class BlockingTimeout
{
    /// <summary>The block time, <see cref="Timeout.InfiniteTimeSpan"/> for "for ever", or <see cref="TimeSpan.Zero"/> when the call does not block.</summary>
    public static TimeSpan Of(ReadOnlySpan<RedisValue> parts)
    {
        string name = (parts[0].ToString() ?? "").ToUpperInvariant();
        switch (name)
        {
            case "BLPOP" or "BRPOP" or "BRPOPLPUSH" or "BLMOVE" or "BZPOPMIN" or "BZPOPMAX":
                return Seconds(parts[^1]);
            case "BLMPOP" or "BZMPOP":
                return parts.Length > 1 ? Seconds(parts[1]) : TimeSpan.Zero;
            case "WAIT" or "WAITAOF":
                return Milliseconds(parts[^1]);
            case "XREAD" or "XREADGROUP":
                for (int i = 1; i + 1 < parts.Length; i++)
                {
                    string word = parts[i].ToString() ?? "";
                    if (word.Equals("BLOCK", StringComparison.OrdinalIgnoreCase)) return Milliseconds(parts[i + 1]);
                    if (word.Equals("STREAMS", StringComparison.OrdinalIgnoreCase)) break;
                }
                return TimeSpan.Zero;
            default:
                return Timeout.InfiniteTimeSpan;
        }
    }

    private static TimeSpan Seconds(RedisValue value) =>
        value.TryParseDouble(out double s) && s > 0 ? TimeSpan.FromSeconds(s) : Timeout.InfiniteTimeSpan;

    private static TimeSpan Milliseconds(RedisValue value) =>
        value.TryParseInt64(out long ms) && ms > 0 ? TimeSpan.FromMilliseconds(ms) : Timeout.InfiniteTimeSpan;
}

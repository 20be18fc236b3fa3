namespace Slotted;

/// <summary>
/// The optional arguments of XCLAIM (https://redis.io/docs/latest/commands/xclaim/), mostly for
/// tools that copy or restore a group's pending list. Null or false leaves each one out.
/// </summary>
public sealed record StreamClaimOptions
{
    /// <summary><c>IDLE ms</c>: set the claimed entries' idle time to this (default: zero, as just delivered).</summary>
    public TimeSpan? Idle { get; init; }

    /// <summary><c>TIME unix-ms</c>: set the idle time as if the entries were last delivered at this moment.</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary><c>RETRYCOUNT n</c>: set the delivery count to this (default: one more than before, unless JUSTID).</summary>
    public long? RetryCount { get; init; }

    /// <summary><c>FORCE</c>: add ids that are in no consumer's pending list (if they exist in the stream) to this consumer's.</summary>
    public bool Force { get; init; }

    /// <summary><c>LASTID id</c>: also move the group's last-delivered id to this one if it is greater (used when copying a group).</summary>
    public RedisValue LastId { get; init; }

    internal void AddTo(List<RedisValue> parts)
    {
        if (Idle is { } idle)
        {
            parts.Add("IDLE");
            parts.Add(RedisCluster.Milliseconds(idle, nameof(Idle)));
        }
        if (Time is { } time)
        {
            parts.Add("TIME");
            parts.Add(time.ToUnixTimeMilliseconds());
        }
        if (RetryCount is { } retries)
        {
            CommandParts.NonNegative(retries, nameof(RetryCount));
            parts.Add("RETRYCOUNT");
            parts.Add(retries);
        }
        if (Force) parts.Add("FORCE");
        if (!LastId.IsNull)
        {
            parts.Add("LASTID");
            parts.Add(LastId);
        }
    }
}

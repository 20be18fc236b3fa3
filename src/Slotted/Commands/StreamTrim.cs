namespace Slotted;

/// <summary>
/// A trimming rule for XADD and XTRIM (https://redis.io/docs/latest/commands/xtrim/): <c>MAXLEN</c>
/// or <c>MINID</c>, exact (<c>=</c>) or approximate (<c>~</c>, which lets Redis remove whole radix-tree
/// nodes only and is much cheaper), and for approximate trimming an optional <c>LIMIT</c> on the
/// entries removed per call. Made by <see cref="MaxLength"/> or <see cref="MinId"/>.
/// </summary>
public readonly record struct StreamTrim
{
    private StreamTrim(StreamTrimMode mode, RedisValue threshold, bool approximate, long? limit)
    {
        if (limit is { } l)
        {
            CommandParts.NonNegative(l, nameof(limit));
            if (!approximate) throw new ArgumentException("LIMIT applies to approximate trimming only (Redis refuses it with '=').", nameof(limit));
        }
        Mode = mode;
        Threshold = threshold;
        Approximate = approximate;
        Limit = limit;
    }

    /// <summary>MAXLEN or MINID.</summary>
    public StreamTrimMode Mode { get; }

    /// <summary>The maximum length (<see cref="StreamTrimMode.MaxLength"/>) or the lowest id kept (<see cref="StreamTrimMode.MinId"/>).</summary>
    public RedisValue Threshold { get; }

    /// <summary>True for <c>~</c> (may keep a few more entries than asked), false for <c>=</c> (exact).</summary>
    public bool Approximate { get; }

    /// <summary><c>LIMIT</c>: at most this many entries removed by one call (approximate only; 0 means no limit); null: the server's default.</summary>
    public long? Limit { get; }

    /// <summary><c>MAXLEN [=|~] maxLength [LIMIT limit]</c>: keep the newest <paramref name="maxLength"/> entries.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> or <paramref name="limit"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="limit"/> is given for exact trimming.</exception>
    public static StreamTrim MaxLength(long maxLength, bool approximate = false, long? limit = null)
    {
        CommandParts.NonNegative(maxLength, nameof(maxLength));
        return new(StreamTrimMode.MaxLength, maxLength, approximate, limit);
    }

    /// <summary><c>MINID [=|~] minId [LIMIT limit]</c>: remove the entries with ids lower than <paramref name="minId"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="minId"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="limit"/> is given for exact trimming.</exception>
    public static StreamTrim MinId(RedisValue minId, bool approximate = false, long? limit = null)
    {
        Guard.Value(minId, nameof(minId));
        return new(StreamTrimMode.MinId, minId, approximate, limit);
    }

    /// <summary>The rule's arguments, appended to a command.</summary>
    internal void AddTo(List<RedisValue> parts)
    {
        if (Threshold.IsNull) throw new ArgumentException("Use StreamTrim.MaxLength or StreamTrim.MinId to make a trimming rule.", "trim");
        parts.Add(Mode == StreamTrimMode.MaxLength ? "MAXLEN" : "MINID");
        parts.Add(Approximate ? "~" : "=");
        parts.Add(Threshold);
        if (Limit is { } limit)
        {
            parts.Add("LIMIT");
            parts.Add(limit);
        }
    }
}

namespace Slotted;

/// <summary>
/// Builders for the argument arrays of typed commands. Each checks its input (null values, empty
/// lists, out-of-range numbers) so bad input fails before anything is sent.
/// </summary>
internal static class CommandParts
{
    /// <summary><c>[command, key, values...]</c>; at least one value, none null.</summary>
    public static RedisValue[] KeyValues(string command, RedisKey key, RedisValue[]? values, string paramName = "values")
    {
        Values(values, paramName);
        var parts = new RedisValue[2 + values!.Length];
        parts[0] = command;
        parts[1] = key;
        values.CopyTo(parts, 2);
        return parts;
    }

    /// <summary>Checks a value list: not null, not empty, no null element.</summary>
    public static void Values(RedisValue[]? values, string paramName = "values")
    {
        ArgumentNullException.ThrowIfNull(values, paramName);
        if (values.Length == 0) throw new ArgumentException("At least one value is required.", paramName);
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i].IsNull) throw new ArgumentNullException(paramName, $"Element {i} is null; Redis has no null values.");
        }
    }

    /// <summary><c>[command, keys..., extra...]</c> with the key count checked (same-slot commands like BLPOP).</summary>
    public static RedisValue[] KeysThen(string command, IReadOnlyList<RedisKey> keys, ReadOnlySpan<RedisValue> extra)
    {
        var parts = new RedisValue[1 + keys.Count + extra.Length];
        parts[0] = command;
        for (int i = 0; i < keys.Count; i++) parts[1 + i] = keys[i];
        extra.CopyTo(parts.AsSpan(1 + keys.Count));
        return parts;
    }

    /// <summary><c>[prefix..., numkeys, keys..., extra...]</c> (LMPOP; BLMPOP with its timeout in the prefix).</summary>
    public static RedisValue[] NumKeysThen(ReadOnlySpan<RedisValue> prefix, IReadOnlyList<RedisKey> keys, ReadOnlySpan<RedisValue> extra)
    {
        var parts = new RedisValue[prefix.Length + 1 + keys.Count + extra.Length];
        prefix.CopyTo(parts);
        parts[prefix.Length] = keys.Count;
        for (int i = 0; i < keys.Count; i++) parts[prefix.Length + 1 + i] = keys[i];
        extra.CopyTo(parts.AsSpan(prefix.Length + 1 + keys.Count));
        return parts;
    }

    /// <summary>A blocking command's timeout in seconds as Redis reads it (fractions allowed, 0 = forever).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive and not <see cref="Timeout.InfiniteTimeSpan"/>.</exception>
    public static RedisValue BlockingTimeout(TimeSpan timeout, string paramName = "timeout")
    {
        // Redis reads the timeout with millisecond precision; rounded up, so a tiny timeout does not become 0 (for ever).
        long ms = BlockMilliseconds(timeout, paramName);
        return ms % 1000 == 0 ? ms / 1000 : ms / 1000.0;
    }

    /// <summary>A BLOCK argument in milliseconds (XREAD, XREADGROUP): rounded up, 0 for <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive and not <see cref="Timeout.InfiniteTimeSpan"/> (Redis reads 0 as "for ever").</exception>
    public static long BlockMilliseconds(TimeSpan block, string paramName = "block")
    {
        if (block == Timeout.InfiniteTimeSpan) return 0;
        if (block <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(paramName, block, "A block time must be positive, or Timeout.InfiniteTimeSpan to wait for ever.");
        return (long)Math.Ceiling(block.TotalMilliseconds);
    }

    public static void NonNegative(long value, string paramName)
    {
        if (value < 0) throw new ArgumentOutOfRangeException(paramName, value, "Must not be negative.");
    }

    public static void Positive(long value, string paramName)
    {
        if (value <= 0) throw new ArgumentOutOfRangeException(paramName, value, "Must be positive.");
    }

    public static void Finite(double value, string paramName)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(paramName, value, "Must be a finite number.");
    }

    public static void NotNaN(double value, string paramName)
    {
        if (double.IsNaN(value)) throw new ArgumentException("Must be a number, not NaN.", paramName);
    }

    /// <summary>The LIMIT part of a range query: nothing when neither is given.</summary>
    public static int LimitLength(long offset, long? count)
    {
        NonNegative(offset, nameof(offset));
        if (count is { } c) NonNegative(c, nameof(count));
        return offset == 0 && count is null ? 0 : 3;
    }

    public static void WriteLimit(RedisValue[] parts, ref int i, long offset, long? count)
    {
        if (offset == 0 && count is null) return;
        parts[i++] = "LIMIT";
        parts[i++] = offset;
        parts[i++] = count ?? -1;
    }

    /// <summary>Redis's latitude limit (GEO_LAT_MAX in geohash.h, the edge of the Web Mercator projection).</summary>
    public const double MaxLatitude = 85.05112878;

    /// <summary>Checks a position against Redis's limits, which would refuse it ("invalid longitude,latitude pair").</summary>
    /// <exception cref="ArgumentOutOfRangeException">The longitude is outside -180..180 or the latitude outside ±85.05112878 (NaN included).</exception>
    public static void Coordinates(double longitude, double latitude, string longitudeName = "longitude", string latitudeName = "latitude")
    {
        if (!(longitude >= -180 && longitude <= 180))
            throw new ArgumentOutOfRangeException(longitudeName, longitude, "A longitude must be between -180 and 180 degrees.");
        if (!(latitude >= -MaxLatitude && latitude <= MaxLatitude))
            throw new ArgumentOutOfRangeException(latitudeName, latitude, "A latitude must be between -85.05112878 and 85.05112878 degrees.");
    }

    /// <summary>A distance unit as Redis spells it.</summary>
    public static string UnitName(GeoUnit unit, string paramName = "unit") => unit switch
    {
        GeoUnit.Meters => "m",
        GeoUnit.Kilometers => "km",
        GeoUnit.Miles => "mi",
        GeoUnit.Feet => "ft",
        _ => throw new ArgumentOutOfRangeException(paramName, unit, "Not a GeoUnit."),
    };

    /// <summary>Appends name, value, name, value ...; at least one pair, no null name or value.</summary>
    public static void AddPairs(List<RedisValue> parts, IEnumerable<KeyValuePair<RedisValue, RedisValue>>? pairs, string paramName)
    {
        ArgumentNullException.ThrowIfNull(pairs, paramName);
        int before = parts.Count;
        foreach (var pair in pairs)
        {
            Guard.Value(pair.Key, paramName);
            Guard.Value(pair.Value, paramName);
            parts.Add(pair.Key);
            parts.Add(pair.Value);
        }
        if (parts.Count == before) throw new ArgumentException("At least one field is required.", paramName);
    }

    /// <summary>Appends <c>COUNT n</c> when <paramref name="count"/> is given (refused when negative).</summary>
    public static void AddCount(List<RedisValue> parts, long? count, string paramName = "count")
    {
        if (count is not { } c) return;
        NonNegative(c, paramName);
        parts.Add("COUNT");
        parts.Add(c);
    }
}

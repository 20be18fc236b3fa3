using System.Globalization;

namespace Slotted;

/// <summary>
/// One end of a score range for ZRANGEBYSCORE, ZCOUNT, ZREMRANGEBYSCORE and their relatives: a score,
/// inclusive by default or exclusive (written <c>(1.5</c>), or an infinity (<c>-inf</c>, <c>+inf</c>).
/// A <see cref="double"/> converts to an inclusive bound. See https://redis.io/docs/latest/commands/zrangebyscore/
/// ("Exclusive intervals and infinity").
/// </summary>
public readonly record struct ScoreBound
{
    /// <summary>Creates a bound.</summary>
    /// <param name="value">The score; an infinity means "no limit" on that side.</param>
    /// <param name="isExclusive">True to leave <paramref name="value"/> itself out of the range.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN.</exception>
    public ScoreBound(double value, bool isExclusive = false)
    {
        if (double.IsNaN(value)) throw new ArgumentException("A score bound cannot be NaN.", nameof(value));
        Value = value;
        IsExclusive = isExclusive;
    }

    /// <summary>The score.</summary>
    public double Value { get; }

    /// <summary>True when <see cref="Value"/> itself is outside the range.</summary>
    public bool IsExclusive { get; }

    /// <summary>No lower limit (<c>-inf</c>).</summary>
    public static ScoreBound NegativeInfinity => new(double.NegativeInfinity);

    /// <summary>No upper limit (<c>+inf</c>).</summary>
    public static ScoreBound PositiveInfinity => new(double.PositiveInfinity);

    /// <summary>A bound that includes <paramref name="value"/>.</summary>
    public static ScoreBound Inclusive(double value) => new(value);

    /// <summary>A bound that excludes <paramref name="value"/> (written <c>(value</c>).</summary>
    public static ScoreBound Exclusive(double value) => new(value, isExclusive: true);

    /// <summary>An inclusive bound.</summary>
    public static implicit operator ScoreBound(double value) => new(value);

    /// <summary>The bound as Redis reads it: <c>1.5</c>, <c>(1.5</c>, <c>-inf</c>, <c>+inf</c>.</summary>
    public override string ToString()
    {
        string number = double.IsPositiveInfinity(Value) ? "+inf"
            : double.IsNegativeInfinity(Value) ? "-inf"
            : Value.ToString("R", CultureInfo.InvariantCulture);
        return IsExclusive ? "(" + number : number;
    }

    internal RedisValue ToRedisValue() => ToString();
}

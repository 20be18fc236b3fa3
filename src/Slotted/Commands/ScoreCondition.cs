namespace Slotted;

/// <summary>
/// When ZADD may change the score of a member that already exists (Redis 6.2 GT / LT options).
/// New members are still added unless <see cref="SetCondition.Exists"/> is also given.
/// </summary>
public enum ScoreCondition
{
    /// <summary>Always update the score.</summary>
    Always,
    /// <summary>Only when the new score is greater than the current one (GT).</summary>
    GreaterThan,
    /// <summary>Only when the new score is less than the current one (LT).</summary>
    LessThan,
}

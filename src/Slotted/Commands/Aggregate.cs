namespace Slotted;

/// <summary>
/// How ZUNION/ZINTER (and their STORE forms) combine the scores a member has in several inputs
/// (the <c>AGGREGATE</c> option; https://redis.io/docs/latest/commands/zunionstore/).
/// </summary>
public enum Aggregate
{
    /// <summary>The sum of the (weighted) scores; the default. <c>+inf</c> plus <c>-inf</c> gives 0, as in Redis.</summary>
    Sum,

    /// <summary>The smallest (weighted) score.</summary>
    Min,

    /// <summary>The largest (weighted) score.</summary>
    Max,
}

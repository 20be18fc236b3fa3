namespace Slotted.Routing;

/// <summary>
/// How the replies of a fanned-out command combine into one: the <c>response_policy</c> command tip
/// (https://redis.io/docs/reference/command-tips/).
/// </summary>
internal enum ResponsePolicy
{
    /// <summary>No tip: a keyless command's replies are collected; a multi-shard one's are merged in key order.</summary>
    Default = 0,

    /// <summary>Succeeds when any node succeeds (for example <c>SCRIPT KILL</c>).</summary>
    OneSucceeded,

    /// <summary>Succeeds only when every node succeeds; the reply is any one of them.</summary>
    AllSucceeded,

    /// <summary>Element-wise logical AND of the replies (<c>SCRIPT EXISTS</c>).</summary>
    AggLogicalAnd,

    /// <summary>Element-wise logical OR of the replies.</summary>
    AggLogicalOr,

    /// <summary>The smallest reply (for example <c>WAIT</c>).</summary>
    AggMin,

    /// <summary>The largest reply.</summary>
    AggMax,

    /// <summary>The sum of the replies (for example <c>DBSIZE</c>, <c>DEL</c>).</summary>
    AggSum,

    /// <summary>Needs command-specific handling (for example <c>INFO</c>).</summary>
    Special,
}

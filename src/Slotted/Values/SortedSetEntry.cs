namespace Slotted;

/// <summary>
/// A sorted-set member with its score, as ZRANGE ... WITHSCORES, ZPOPMIN and ZRANDMEMBER ... WITHSCORES
/// return them. The score reads the same whether the server sent it as a RESP2 bulk string or a RESP3 double.
/// </summary>
/// <param name="Member">The member.</param>
/// <param name="Score">Its score (may be an infinity; never NaN).</param>
public readonly record struct SortedSetEntry(RedisValue Member, double Score);

namespace Slotted;

/// <summary>A sorted-set member with its score, as a <c>WITHSCORES</c> reply gives them.</summary>
/// <param name="Member">The member.</param>
/// <param name="Score">Its score.</param>
public readonly record struct SortedSetEntry(RedisValue Member, double Score);

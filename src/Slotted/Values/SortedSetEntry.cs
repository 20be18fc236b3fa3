namespace Slotted;

/// <summary>One member of a sorted set and its score.</summary>
/// <param name="Member">The member.</param>
/// <param name="Score">The member's score.</param>
public readonly record struct SortedSetEntry(RedisValue Member, double Score);

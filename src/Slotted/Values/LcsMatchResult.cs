namespace Slotted;

/// <summary>The answer of LCS ... IDX: the matching blocks (last block first, as Redis orders them) and the LCS length.</summary>
/// <param name="Matches">The matching blocks that are at least the requested minimum length.</param>
/// <param name="Length">The length of the whole longest common subsequence.</param>
public readonly record struct LcsMatchResult(LcsMatch[] Matches, long Length);

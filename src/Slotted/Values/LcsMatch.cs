namespace Slotted;

/// <summary>
/// One matching block of a longest common subsequence (LCS ... IDX): the inclusive byte ranges
/// in the first and second strings, and the block's length.
/// </summary>
/// <param name="FirstStart">Start offset in the first key's value.</param>
/// <param name="FirstEnd">End offset (inclusive) in the first key's value.</param>
/// <param name="SecondStart">Start offset in the second key's value.</param>
/// <param name="SecondEnd">End offset (inclusive) in the second key's value.</param>
/// <param name="Length">The block's length in bytes.</param>
public readonly record struct LcsMatch(long FirstStart, long FirstEnd, long SecondStart, long SecondEnd, long Length);

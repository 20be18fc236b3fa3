namespace Slotted.MultiKey;

/// <summary>
/// BITOP computed in memory with Redis's length rules: the result is as long as the longest source;
/// shorter (and missing) sources count as zero bytes; NOT inverts its single source. Sources that
/// are all missing or empty give an empty result (Redis then deletes the destination).
/// </summary>
internal static class BitOpMath
{
    public static byte[] Compute(BitOperation operation, IReadOnlyList<byte[]?> sources)
    {
        if (operation == BitOperation.Not && sources.Count != 1)
            throw new ArgumentException("BITOP NOT takes exactly one source key.", nameof(sources));
        int length = 0;
        foreach (var s in sources) length = Math.Max(length, s?.Length ?? 0);
        var result = new byte[length];
        if (length == 0) return result;
        var first = sources[0] ?? [];
        first.CopyTo(result, 0);
        switch (operation)
        {
            case BitOperation.Not:
                for (int i = 0; i < length; i++) result[i] = (byte)~result[i];
                break;
            case BitOperation.And:
                for (int s = 1; s < sources.Count; s++)
                {
                    var src = sources[s] ?? [];
                    for (int i = 0; i < length; i++) result[i] &= i < src.Length ? src[i] : (byte)0;
                }
                break;
            case BitOperation.Or:
                for (int s = 1; s < sources.Count; s++)
                {
                    var src = sources[s] ?? [];
                    for (int i = 0; i < src.Length; i++) result[i] |= src[i];
                }
                break;
            case BitOperation.Xor:
                for (int s = 1; s < sources.Count; s++)
                {
                    var src = sources[s] ?? [];
                    for (int i = 0; i < src.Length; i++) result[i] ^= src[i];
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation));
        }
        return result;
    }
}

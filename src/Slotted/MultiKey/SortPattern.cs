using Slotted.Topology;

namespace Slotted.MultiKey;

/// <summary>
/// SORT's BY/GET patterns, resolved as the server resolves them (sort.c, lookupKeyByPattern): the
/// first <c>*</c> is replaced by the element; <c>-&gt;field</c> after the <c>*</c> names a hash
/// field; <c>#</c> alone is the element itself; a pattern without <c>*</c> names nothing. Like the
/// server's C string functions, the searches stop at a NUL byte while lengths count every byte.
/// </summary>
internal static class SortPattern
{
    private static ReadOnlySpan<byte> Arrow => "->"u8;

    /// <summary>The pattern <c>#</c>: the element itself.</summary>
    public static bool IsElement(ReadOnlySpan<byte> pattern) => CLength(pattern) == 1 && pattern[0] == (byte)'#';

    /// <summary>True when the pattern has a <c>*</c> (a BY pattern without one means "do not sort").</summary>
    public static bool HasStar(ReadOnlySpan<byte> pattern) => pattern[..CLength(pattern)].IndexOf((byte)'*') >= 0;

    /// <summary>
    /// The one slot every key the pattern can form hashes to, or -1 (the server's patternHashSlot:
    /// a non-empty <c>{tag}</c> before any wildcard decides; a wildcard or backslash first means any slot).
    /// The server runs SORT's BY/GET natively only when this equals the sorted key's slot.
    /// </summary>
    public static int HashSlotOf(ReadOnlySpan<byte> pattern)
    {
        int open = -1;
        for (int i = 0; i < pattern.Length; i++)
        {
            byte c = pattern[i];
            if (c is (byte)'*' or (byte)'?' or (byte)'[' or (byte)'\\') return -1;
            if (open == -1 && c == (byte)'{') open = i;
            else if (open >= 0 && c == (byte)'}' && i == open + 1) open = -2;
            else if (open >= 0 && c == (byte)'}') return HashSlot.Crc16(pattern.Slice(open + 1, i - open - 1)) & (HashSlot.Count - 1);
        }
        return HashSlot.Crc16(pattern) & (HashSlot.Count - 1);
    }

    /// <summary>
    /// The key (and hash field, or null) the pattern names for <paramref name="element"/>; false
    /// when the pattern has no <c>*</c> (the server then finds nothing). Not for <c>#</c>.
    /// </summary>
    public static bool TrySubstitute(byte[] pattern, byte[] element, out byte[] key, out byte[]? field)
    {
        int clen = CLength(pattern);
        int star = pattern.AsSpan(0, clen).IndexOf((byte)'*');
        if (star < 0)
        {
            key = [];
            field = null;
            return false;
        }
        int fieldLength = 0;
        field = null;
        int arrow = pattern.AsSpan(star + 1, clen - star - 1).IndexOf(Arrow);
        if (arrow >= 0)
        {
            int at = star + 1 + arrow;
            if (at + 2 < clen)
            {
                fieldLength = pattern.Length - at - 2;
                field = pattern.AsSpan(at + 2, fieldLength).ToArray();
            }
        }
        int prefix = star;
        int postfix = pattern.Length - (prefix + 1) - (field is null ? 0 : fieldLength + 2);
        key = new byte[prefix + element.Length + postfix];
        pattern.AsSpan(0, prefix).CopyTo(key);
        element.CopyTo(key, prefix);
        pattern.AsSpan(prefix + 1, postfix).CopyTo(key.AsSpan(prefix + element.Length));
        return true;
    }

    private static int CLength(ReadOnlySpan<byte> s)
    {
        int nul = s.IndexOf((byte)0);
        return nul < 0 ? s.Length : nul;
    }
}

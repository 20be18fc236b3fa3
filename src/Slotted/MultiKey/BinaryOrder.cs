namespace Slotted.MultiKey;

/// <summary>
/// Byte-wise comparison and equality, the order Redis uses for equal scores and ALPHA sorting
/// (<c>memcmp</c>, then the shorter first).
/// </summary>
internal sealed class BinaryOrder : IComparer<byte[]>, IEqualityComparer<byte[]>
{
    public static BinaryOrder Instance { get; } = new();

    public int Compare(byte[]? x, byte[]? y) => ((ReadOnlySpan<byte>)x).SequenceCompareTo(y);

    public bool Equals(byte[]? x, byte[]? y) => ((ReadOnlySpan<byte>)x).SequenceEqual(y);

    public int GetHashCode(byte[] obj)
    {
        var h = new HashCode();
        h.AddBytes(obj);
        return h.ToHashCode();
    }

    /// <summary>The bytes of a value as sent on the wire (empty for null).</summary>
    public static byte[] Bytes(RedisValue value) => value.ToByteArray() ?? [];
}

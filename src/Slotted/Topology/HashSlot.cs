using System.Runtime.CompilerServices;
using System.Text;

namespace Slotted.Topology;

/// <summary>
/// Maps a key to one of the 16384 hash slots: CRC16 (XMODEM) of the key, or of the part inside the
/// first non-empty <c>{...}</c> hash tag, modulo 16384 (Redis Cluster specification, "Hash tags").
/// </summary>
public static class HashSlot
{
    /// <summary>The number of slots in a Redis Cluster.</summary>
    public const int Count = 16384;

    private static readonly ushort[] Table = CreateTable();

    private static ushort[] CreateTable()
    {
        var table = new ushort[256];
        for (int i = 0; i < 256; i++)
        {
            int crc = i << 8;
            for (int bit = 0; bit < 8; bit++) crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            table[i] = (ushort)crc;
        }
        return table;
    }

    /// <summary>CRC16-XMODEM (polynomial 0x1021, initial value 0) of <paramref name="data"/>.</summary>
    public static ushort Crc16(ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<ushort> table = Table;
        int crc = 0;
        foreach (byte b in data) crc = (crc << 8) ^ table[((crc >> 8) ^ b) & 0xFF];
        return (ushort)crc;
    }

    /// <summary>CRC16 of an ASCII string's bytes, read straight from its chars (no UTF-8 copy).</summary>
    private static ushort Crc16Ascii(ReadOnlySpan<char> data)
    {
        ReadOnlySpan<ushort> table = Table;
        int crc = 0;
        foreach (char c in data) crc = (crc << 8) ^ table[((crc >> 8) ^ c) & 0xFF];
        return (ushort)crc;
    }

    /// <summary>The slot of a key given as bytes.</summary>
    public static int Get(ReadOnlySpan<byte> key)
    {
        int open = key.IndexOf((byte)'{');
        if (open >= 0)
        {
            int close = key[(open + 1)..].IndexOf((byte)'}');
            if (close > 0) key = key.Slice(open + 1, close);
        }
        return Crc16(key) & (Count - 1);
    }

    /// <summary>The slot of a key.</summary>
    public static int Get(RedisKey key)
    {
        switch (key.RawValue)
        {
            case byte[] bytes:
                return Get(bytes);
            case string s when Ascii.IsValid(s):
                // ASCII is its own UTF-8: hash the chars, hash tag included, without encoding.
                ReadOnlySpan<char> chars = s;
                int open = chars.IndexOf('{');
                if (open >= 0)
                {
                    int close = chars[(open + 1)..].IndexOf('}');
                    if (close > 0) chars = chars.Slice(open + 1, close);
                }
                return Crc16Ascii(chars) & (Count - 1);
            case string s:
                return GetUtf8(s);
            default:
                throw new ArgumentNullException(nameof(key), "A key cannot be null.");
        }
    }

    [SkipLocalsInit]
    private static int GetUtf8(string s)
    {
        if (Encoding.UTF8.GetMaxByteCount(s.Length) <= 256)
        {
            Span<byte> buffer = stackalloc byte[256];
            return Get(buffer[..Encoding.UTF8.GetBytes(s, buffer)]);
        }
        return Get(Encoding.UTF8.GetBytes(s));
    }

    /// <summary>The slot of a key given as a value (the same bytes a key would send).</summary>
    internal static int Get(in RedisValue value)
    {
        if (value.RawObject is byte[] b) return Get(b);
        if (value.RawObject is string s) return Get(new RedisKey(s));
        int n = value.ByteCount;
        Span<byte> buffer = n <= 64 ? stackalloc byte[64] : new byte[n];
        return Get(buffer[..value.CopyTo(buffer)]);
    }
}

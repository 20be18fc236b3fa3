using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using Slotted.Protocol;
using Slotted.Topology;

namespace Slotted.Routing;

/// <summary>Writes a key as a RESP bulk string and returns its hash slot, encoding a string key to UTF-8 once for both.</summary>
internal static class KeyWriter
{
    private const int StackLimit = 512;

    [SkipLocalsInit]
    public static int Write(IBufferWriter<byte> writer, RedisKey key)
    {
        switch (key.RawValue)
        {
            case byte[] bytes:
                RespWriter.WriteBulk(writer, bytes);
                return HashSlot.Get(bytes);
            case string text when text.Length <= StackLimit / 3:
                Span<byte> utf8 = stackalloc byte[StackLimit];
                int n = Encoding.UTF8.GetBytes(text, utf8);
                RespWriter.WriteBulk(writer, utf8[..n]);
                return HashSlot.Get(utf8[..n]);
            case string text:
                byte[] encoded = Encoding.UTF8.GetBytes(text);
                RespWriter.WriteBulk(writer, encoded);
                return HashSlot.Get(encoded);
            default:
                throw new ArgumentNullException(nameof(key), "A key cannot be null.");
        }
    }
}

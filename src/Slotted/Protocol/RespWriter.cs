using System.Buffers;

namespace Slotted.Protocol;

/// <summary>Writes commands as RESP arrays of bulk strings. STUB: replaced by the full implementation.</summary>
internal static class RespWriter
{
    /// <summary>Writes <c>*N\r\n</c> then each part as <c>$len\r\nbytes\r\n</c>; parts[0] is the command name.</summary>
    public static void WriteCommand(IBufferWriter<byte> writer, ReadOnlySpan<RedisValue> parts)
    {
        throw new NotImplementedException();
    }
}

using System.Buffers;

namespace Slotted.Protocol;

/// <summary>Parses RESP2/RESP3 replies. STUB: replaced by the full implementation.</summary>
internal static class RespReader
{
    /// <summary>
    /// Reads one complete reply. Returns false, consuming nothing, when the input holds only part
    /// of a reply. Throws <see cref="RedisProtocolException"/> on malformed input. RESP3 attributes
    /// are read and skipped. Push frames are returned as <see cref="RedisResultType.Push"/>.
    /// </summary>
    public static bool TryRead(ref SequenceReader<byte> reader, RespReaderOptions options, out RedisResult? result)
    {
        throw new NotImplementedException();
    }
}

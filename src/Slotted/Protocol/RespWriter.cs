using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.Text.Unicode;

namespace Slotted.Protocol;

/// <summary>
/// Writes commands the way every Redis client sends them: a RESP array of bulk strings
/// (<c>*N\r\n</c>, then <c>$len\r\nbytes\r\n</c> per part), straight into the output buffer.
/// </summary>
internal static class RespWriter
{
    // A type byte, up to 10 digits of a non-negative int, CRLF.
    private const int MaxHeaderLength = 16;

    // Parts up to this size are written with their header and CRLF into one span; larger ones are
    // streamed so the output buffer never needs one contiguous block the size of the value.
    private const int InlinePayloadLimit = 4096;

    /// <summary>Writes <c>*N\r\n</c> then each part as <c>$len\r\nbytes\r\n</c>; parts[0] is the command name.</summary>
    /// <remarks>A null part is sent as the empty string (<c>$0\r\n\r\n</c>): RESP has no null argument.</remarks>
    public static void WriteCommand(IBufferWriter<byte> writer, ReadOnlySpan<RedisValue> parts)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (parts.IsEmpty) throw new ArgumentException("A command needs at least its name.", nameof(parts));

        Span<byte> span = writer.GetSpan(MaxHeaderLength);
        writer.Advance(WriteHeader(span, (byte)'*', parts.Length));
        foreach (ref readonly RedisValue part in parts)
        {
            WriteBulkString(writer, in part);
        }
    }

    private static void WriteBulkString(IBufferWriter<byte> writer, in RedisValue value)
    {
        int length = value.ByteCount;
        if (length <= InlinePayloadLimit)
        {
            Span<byte> span = writer.GetSpan(MaxHeaderLength + length + 2);
            int n = WriteHeader(span, (byte)'$', length);
            int copied = value.CopyTo(span[n..]);
            Debug.Assert(copied == length, "RedisValue.CopyTo must write ByteCount bytes.");
            n += length;
            span[n] = (byte)'\r';
            span[n + 1] = (byte)'\n';
            writer.Advance(n + 2);
            return;
        }

        writer.Advance(WriteHeader(writer.GetSpan(MaxHeaderLength), (byte)'$', length));
        WriteLargePayload(writer, in value, length);
        Span<byte> crlf = writer.GetSpan(2);
        crlf[0] = (byte)'\r';
        crlf[1] = (byte)'\n';
        writer.Advance(2);
    }

    private static void WriteLargePayload(IBufferWriter<byte> writer, in RedisValue value, int length)
    {
        switch (value.RawObject)
        {
            case byte[] bytes:
                ReadOnlySpan<byte> rest = bytes;
                while (!rest.IsEmpty)
                {
                    Span<byte> span = writer.GetSpan();
                    int n = Math.Min(span.Length, rest.Length);
                    rest[..n].CopyTo(span);
                    writer.Advance(n);
                    rest = rest[n..];
                }
                break;
            case string text:
                WriteUtf8(writer, text, length);
                break;
            default:
                // Numbers are a few dozen bytes at most; kept for completeness.
                Span<byte> destination = writer.GetSpan(length);
                writer.Advance(value.CopyTo(destination));
                break;
        }
    }

    /// <summary>Encodes as much as each span holds; a span of 4 bytes always fits the next scalar.</summary>
    private static void WriteUtf8(IBufferWriter<byte> writer, string text, int length)
    {
        ReadOnlySpan<char> rest = text;
        long total = 0;
        while (!rest.IsEmpty)
        {
            Span<byte> span = writer.GetSpan(4);
            // Lone surrogates become U+FFFD, exactly as Encoding.UTF8 counted them for ByteCount.
            Utf8.FromUtf16(rest, span, out int read, out int written, replaceInvalidSequences: true, isFinalBlock: true);
            writer.Advance(written);
            rest = rest[read..];
            total += written;
        }
        Debug.Assert(total == length, "UTF-8 byte count and encoding must agree.");
    }

    private static int WriteHeader(Span<byte> span, byte type, int count)
    {
        span[0] = type;
        bool formatted = Utf8Formatter.TryFormat(count, span[1..], out int digits);
        Debug.Assert(formatted, "A header span holds any int.");
        span[1 + digits] = (byte)'\r';
        span[2 + digits] = (byte)'\n';
        return digits + 3;
    }
}

using System.Buffers;
using System.Text;

namespace Slotted.Protocol;

/// <summary>
/// Parses RESP2 and RESP3 replies (see the RESP3 specification, redis/redis-specifications
/// <c>protocol/RESP3.md</c>) from a <see cref="SequenceReader{T}"/> over received bytes.
/// </summary>
/// <remarks>
/// <para>
/// An aggregate (or attribute) reply is read in two passes: a framing pass walks the whole reply
/// without allocating, and only once every byte of it has arrived does a second pass build the
/// <see cref="RedisResult"/> tree. A large reply arriving over many socket reads is thus re-walked
/// on each read but materialized once, instead of allocating a discarded partial tree per read.
/// The framing pass runs over the first contiguous span when the reply lies within it (the usual
/// case), and over the sequence otherwise. Scalars are read in one pass: nothing is allocated before
/// the whole frame is present.
/// </para>
/// <para>
/// Untrusted counts never size an allocation by themselves: a bulk payload is allocated only once
/// all its bytes are buffered, and an aggregate of N elements needs at least 3·N more buffered bytes
/// (the smallest frame is a type byte and CRLF) before its element array is created.
/// </para>
/// <para>
/// RESP3 streamed strings and aggregates (<c>$?</c>, <c>*?</c> …) are rejected as protocol errors:
/// Redis never sends them. Attributes (<c>|</c>) are read and dropped; the reply that follows is
/// returned in their place.
/// </para>
/// </remarks>
internal static partial class RespReader
{
    /// <summary>
    /// Reads one complete reply. Returns false, consuming nothing, when the input holds only part
    /// of a reply. Throws <see cref="RedisProtocolException"/> on malformed input (the reader's
    /// position is then unspecified: the connection must be closed). RESP3 attributes are read and
    /// skipped. Push frames are returned as <see cref="RedisResultType.Push"/>.
    /// </summary>
    public static bool TryRead(ref SequenceReader<byte> reader, RespReaderOptions options, out RedisResult? result)
    {
        ArgumentNullException.ThrowIfNull(options);
        result = null;
        if (!reader.TryPeek(out byte type)) return false;

        if (type is (byte)'*' or (byte)'%' or (byte)'~' or (byte)'>' or (byte)'|')
        {
            ReadOnlySpan<byte> span = reader.UnreadSpan;
            int end = 0;
            if (!TryFrame(span, ref end, options, 0))
            {
                if (span.Length == reader.Remaining) return false;
                SequenceReader<byte> probe = reader;
                if (!TryReadValue(ref probe, options, 0, materialize: false, out _)) return false;
            }
        }

        SequenceReader<byte> start = reader;
        if (TryReadValue(ref reader, options, 0, materialize: true, out result)) return true;
        reader = start;
        result = null;
        return false;
    }

    /// <summary>Reads one value; with <paramref name="materialize"/> false it only walks and checks it.</summary>
    private static bool TryReadValue(ref SequenceReader<byte> reader, RespReaderOptions options, int depth, bool materialize, out RedisResult? result)
    {
        result = null;
        while (true)
        {
            if (!reader.TryRead(out byte type)) return false;

            scoped ReadOnlySpan<byte> line;
            switch (type)
            {
                case (byte)'+':
                    if (!TryReadLine(ref reader, options.MaxBulkLength, type, out line)) return false;
                    if (materialize) result = CreateSimpleString(line);
                    return true;
                case (byte)'-':
                    if (!TryReadLine(ref reader, options.MaxBulkLength, type, out line)) return false;
                    if (materialize) result = RedisResult.Error(Encoding.UTF8.GetString(line));
                    return true;
                case (byte)':':
                    if (!TryReadLine(ref reader, MaxNumberLineLength, type, out line)) return false;
                    long number = ParseInt64(line, type);
                    if (materialize) result = RedisResult.Integer(number);
                    return true;
                case (byte)'_':
                    if (!TryReadLine(ref reader, MaxNumberLineLength, type, out line)) return false;
                    CheckNull(line);
                    result = RedisResult.Null;
                    return true;
                case (byte)',':
                    if (!TryReadLine(ref reader, MaxDoubleLineLength, type, out line)) return false;
                    double real = ParseDouble(line);
                    if (materialize) result = RedisResult.Double(real);
                    return true;
                case (byte)'#':
                    if (!TryReadLine(ref reader, MaxNumberLineLength, type, out line)) return false;
                    bool truth = ParseBoolean(line);
                    if (materialize) result = RedisResult.Boolean(truth);
                    return true;
                case (byte)'(':
                    if (!TryReadLine(ref reader, options.MaxBulkLength, type, out line)) return false;
                    CheckBigNumber(line);
                    if (materialize) result = RedisResult.BigNumber(Encoding.ASCII.GetString(line));
                    return true;
                case (byte)'$':
                case (byte)'!':
                    return TryReadBlob(ref reader, options, type, materialize, out result);
                case (byte)'=':
                    return TryReadVerbatim(ref reader, options, materialize, out result);
                case (byte)'*':
                    return TryReadAggregate(ref reader, options, depth, type, RedisResultType.Array, materialize, out result);
                case (byte)'%':
                    return TryReadAggregate(ref reader, options, depth, type, RedisResultType.Map, materialize, out result);
                case (byte)'~':
                    return TryReadAggregate(ref reader, options, depth, type, RedisResultType.Set, materialize, out result);
                case (byte)'>':
                    return TryReadAggregate(ref reader, options, depth, type, RedisResultType.Push, materialize, out result);
                case (byte)'|':
                    if (!TrySkipAttribute(ref reader, options, depth)) return false;
                    continue; // the attribute annotates the value that follows: read that instead
                default:
                    throw UnknownType(type);
            }
        }
    }

    private static RedisResult CreateSimpleString(ReadOnlySpan<byte> line)
    {
        if (line.SequenceEqual("OK"u8)) return RedisResult.Ok;
        if (line.SequenceEqual("QUEUED"u8)) return RedisResult.Queued;
        if (line.SequenceEqual("PONG"u8)) return RedisResult.Pong;
        return RedisResult.SimpleString(Encoding.UTF8.GetString(line));
    }

    /// <summary>A blob string (<c>$</c>, RESP2 null when -1) or blob error (<c>!</c>).</summary>
    private static bool TryReadBlob(ref SequenceReader<byte> reader, RespReaderOptions options, byte type, bool materialize, out RedisResult? result)
    {
        result = null;
        if (!TryReadLength(ref reader, type, options.MaxBulkLength, out int length)) return false;
        if (length < 0)
        {
            result = RedisResult.Null;
            return true;
        }
        if (!TryReadPayload(ref reader, type, length, materialize, out byte[]? data)) return false;
        if (materialize) result = type == (byte)'$' ? RedisResult.BulkString(data) : RedisResult.Error(Encoding.UTF8.GetString(data!));
        return true;
    }

    private static bool TryReadVerbatim(ref SequenceReader<byte> reader, RespReaderOptions options, bool materialize, out RedisResult? result)
    {
        result = null;
        if (!TryReadLength(ref reader, (byte)'=', options.MaxBulkLength, out int length)) return false;
        CheckVerbatimLength(length);
        if (reader.Remaining < (long)length + 2) return false;

        Span<byte> prefix = stackalloc byte[4];
        reader.TryCopyTo(prefix);
        CheckVerbatimPrefix(prefix);
        reader.Advance(4);

        if (!TryReadPayload(ref reader, (byte)'=', length - 4, materialize, out byte[]? data)) return false;
        if (materialize) result = RedisResult.Verbatim(FormatName(prefix[..3]), data!);
        return true;
    }

    private static string FormatName(ReadOnlySpan<byte> format)
    {
        if (format.SequenceEqual("txt"u8)) return "txt";
        if (format.SequenceEqual("mkd"u8)) return "mkd";
        return Encoding.ASCII.GetString(format);
    }

    private static bool TryReadAggregate(
        ref SequenceReader<byte> reader,
        RespReaderOptions options,
        int depth,
        byte type,
        RedisResultType resultType,
        bool materialize,
        out RedisResult? result)
    {
        result = null;
        if (!TryReadLength(ref reader, type, options.MaxAggregateLength, out int count)) return false;
        if (count < 0)
        {
            result = RedisResult.Null;
            return true;
        }
        long elementCount = EnterAggregate(options, depth, type, count);

        // Each element takes at least MinFrameLength bytes: until that many are buffered the
        // aggregate cannot be complete, and its element array is not created.
        if (elementCount > reader.Remaining / MinFrameLength) return false;

        if (!materialize)
        {
            for (long i = 0; i < elementCount; i++)
            {
                if (!TryReadValue(ref reader, options, depth + 1, materialize: false, out _)) return false;
            }
            return true;
        }

        RedisResult[] elements = elementCount == 0 ? [] : new RedisResult[elementCount];
        for (int i = 0; i < elements.Length; i++)
        {
            if (!TryReadValue(ref reader, options, depth + 1, materialize: true, out RedisResult? element)) return false;
            elements[i] = element!;
        }
        result = RedisResult.Aggregate(resultType, elements);
        return true;
    }

    private static bool TrySkipAttribute(ref SequenceReader<byte> reader, RespReaderOptions options, int depth)
    {
        if (!TryReadLength(ref reader, (byte)'|', options.MaxAggregateLength, out int count)) return false;
        long elementCount = EnterAggregate(options, depth, (byte)'|', count);
        if (elementCount > reader.Remaining / MinFrameLength) return false;
        for (long i = 0; i < elementCount; i++)
        {
            if (!TryReadValue(ref reader, options, depth + 1, materialize: false, out _)) return false;
        }
        return true;
    }

    /// <summary>Reads the length line of a blob or the count line of an aggregate.</summary>
    private static bool TryReadLength(ref SequenceReader<byte> reader, byte type, int max, out int length)
    {
        if (TryParseShortLength(reader.UnreadSpan, out length, out int lineLength))
        {
            reader.Advance(lineLength);
            length = CheckLengthLimit(length, type, max);
            return true;
        }
        if (!TryReadLine(ref reader, MaxNumberLineLength, type, out ReadOnlySpan<byte> line)) return false;
        length = ParseLength(line, type, max);
        return true;
    }

    /// <summary>Reads <paramref name="length"/> payload bytes and their CRLF; allocates only when the whole payload is buffered.</summary>
    private static bool TryReadPayload(ref SequenceReader<byte> reader, byte type, int length, bool materialize, out byte[]? data)
    {
        data = null;
        if (reader.Remaining < (long)length + 2) return false;

        if (materialize)
        {
            data = length == 0 ? [] : new byte[length];
            ReadOnlySpan<byte> span = reader.UnreadSpan;
            if (span.Length >= length) span[..length].CopyTo(data);
            else reader.TryCopyTo(data);
        }
        reader.Advance(length);

        ReadOnlySpan<byte> tail = reader.UnreadSpan;
        if (tail.Length >= 2)
        {
            CheckPayloadCrlf(tail[0], tail[1], type, length);
            reader.Advance(2);
            return true;
        }
        if (!reader.TryRead(out byte cr) || !reader.TryRead(out byte lf)) return false;
        CheckPayloadCrlf(cr, lf, type, length);
        return true;
    }

    /// <summary>
    /// Reads a CRLF-terminated line, leaving the reader past the CRLF. A line within one segment is
    /// returned in place; one spanning segments is copied (rare: once per segment boundary at most).
    /// </summary>
    private static bool TryReadLine(ref SequenceReader<byte> reader, int maxLength, byte type, out ReadOnlySpan<byte> line)
    {
        ReadOnlySpan<byte> span = reader.UnreadSpan;
        int cr = FindLineEnd(span, maxLength, type);
        if (cr >= 0)
        {
            line = span[..cr];
            reader.Advance(cr + 2);
            return true;
        }
        return TryReadLineAcrossSegments(ref reader, maxLength, type, out line);
    }

    private static bool TryReadLineAcrossSegments(ref SequenceReader<byte> reader, int maxLength, byte type, out ReadOnlySpan<byte> line)
    {
        line = default;
        if (!reader.TryReadTo(out ReadOnlySequence<byte> sequence, (byte)'\r', advancePastDelimiter: true))
        {
            if (reader.Remaining > maxLength) throw LineTooLong(type, maxLength);
            return false;
        }
        if (sequence.Length > maxLength) throw LineTooLong(type, maxLength);
        if (!reader.TryRead(out byte lf)) return false;
        if (lf != (byte)'\n') throw MissingLineFeed(type);
        line = sequence.IsSingleSegment ? sequence.FirstSpan : sequence.ToArray();
        return true;
    }
}

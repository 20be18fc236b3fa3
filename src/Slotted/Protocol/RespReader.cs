using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;

namespace Slotted.Protocol;

/// <summary>
/// Parses RESP2 and RESP3 replies (see the RESP3 specification, redis/redis-specifications
/// <c>protocol/RESP3.md</c>) from a <see cref="SequenceReader{T}"/> over received bytes.
/// </summary>
/// <remarks>
/// <para>
/// An aggregate (or attribute) reply is read in two passes: a framing pass walks the whole reply
/// without allocating, and only when every byte of it has arrived does a second pass build the
/// <see cref="RedisResult"/> tree. A large reply arriving in many socket reads is thus re-walked
/// on each read but materialized once, instead of allocating a discarded partial tree per read.
/// Scalars are read in one pass: nothing is allocated before the whole frame is present.
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
internal static class RespReader
{
    // A type byte plus CRLF: no frame of any type is shorter.
    private const int MinFrameLength = 3;

    // A signed 64-bit integer needs at most 20 characters; a little room for leading zeros.
    private const int MaxNumberLineLength = 32;

    // Redis formats doubles in at most ~24 characters; the spec does not bound the integral part.
    private const int MaxDoubleLineLength = 512;

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
            SequenceReader<byte> probe = reader;
            if (!TryReadValue(ref probe, options, 0, materialize: false, out _)) return false;
        }

        SequenceReader<byte> start = reader;
        if (TryReadValue(ref reader, options, 0, materialize: true, out result)) return true;
        reader = start;
        result = null;
        return false;
    }

    private static bool TryReadValue(ref SequenceReader<byte> reader, RespReaderOptions options, int depth, bool materialize, out RedisResult? result)
    {
        while (true)
        {
            if (!reader.TryRead(out byte type))
            {
                result = null;
                return false;
            }

            switch (type)
            {
                case (byte)'+':
                    return TryReadSimpleString(ref reader, options, materialize, out result);
                case (byte)'-':
                    return TryReadSimpleError(ref reader, options, materialize, out result);
                case (byte)':':
                    return TryReadNumber(ref reader, materialize, out result);
                case (byte)'$':
                    return TryReadBlobString(ref reader, options, materialize, out result);
                case (byte)'*':
                    return TryReadAggregate(ref reader, options, depth, (byte)'*', RedisResultType.Array, materialize, out result);
                case (byte)'_':
                    return TryReadNull(ref reader, out result);
                case (byte)',':
                    return TryReadDouble(ref reader, materialize, out result);
                case (byte)'#':
                    return TryReadBoolean(ref reader, materialize, out result);
                case (byte)'(':
                    return TryReadBigNumber(ref reader, options, materialize, out result);
                case (byte)'!':
                    return TryReadBlobError(ref reader, options, materialize, out result);
                case (byte)'=':
                    return TryReadVerbatim(ref reader, options, materialize, out result);
                case (byte)'%':
                    return TryReadAggregate(ref reader, options, depth, (byte)'%', RedisResultType.Map, materialize, out result);
                case (byte)'~':
                    return TryReadAggregate(ref reader, options, depth, (byte)'~', RedisResultType.Set, materialize, out result);
                case (byte)'>':
                    return TryReadAggregate(ref reader, options, depth, (byte)'>', RedisResultType.Push, materialize, out result);
                case (byte)'|':
                    if (!TrySkipAttribute(ref reader, options, depth))
                    {
                        result = null;
                        return false;
                    }
                    continue; // the attribute annotates the value that follows: read that instead
                default:
                    throw UnknownType(type);
            }
        }
    }

    private static bool TryReadSimpleString(ref SequenceReader<byte> reader, RespReaderOptions options, bool materialize, out RedisResult? result)
    {
        result = null;
        if (!TryReadLine(ref reader, options.MaxBulkLength, (byte)'+', out ReadOnlySpan<byte> line)) return false;
        if (materialize) result = CreateSimpleString(line);
        return true;
    }

    private static RedisResult CreateSimpleString(ReadOnlySpan<byte> line)
    {
        if (line.SequenceEqual("OK"u8)) return RedisResult.Ok;
        if (line.SequenceEqual("QUEUED"u8)) return RedisResult.Queued;
        if (line.SequenceEqual("PONG"u8)) return RedisResult.Pong;
        return RedisResult.SimpleString(Encoding.UTF8.GetString(line));
    }

    private static bool TryReadSimpleError(ref SequenceReader<byte> reader, RespReaderOptions options, bool materialize, out RedisResult? result)
    {
        result = null;
        if (!TryReadLine(ref reader, options.MaxBulkLength, (byte)'-', out ReadOnlySpan<byte> line)) return false;
        if (materialize) result = RedisResult.Error(Encoding.UTF8.GetString(line));
        return true;
    }

    private static bool TryReadNumber(ref SequenceReader<byte> reader, bool materialize, out RedisResult? result)
    {
        result = null;
        if (!TryReadLine(ref reader, MaxNumberLineLength, (byte)':', out ReadOnlySpan<byte> line)) return false;
        long value = ParseInt64(line, (byte)':');
        if (materialize) result = RedisResult.Integer(value);
        return true;
    }

    private static bool TryReadNull(ref SequenceReader<byte> reader, out RedisResult? result)
    {
        result = null;
        if (!TryReadLine(ref reader, MaxNumberLineLength, (byte)'_', out ReadOnlySpan<byte> line)) return false;
        if (!line.IsEmpty) throw Malformed($"A RESP3 null must be '_\\r\\n', got '_{Describe(line)}'.");
        result = RedisResult.Null;
        return true;
    }

    private static bool TryReadBoolean(ref SequenceReader<byte> reader, bool materialize, out RedisResult? result)
    {
        result = null;
        if (!TryReadLine(ref reader, MaxNumberLineLength, (byte)'#', out ReadOnlySpan<byte> line)) return false;
        if (line.Length != 1 || (line[0] != (byte)'t' && line[0] != (byte)'f'))
            throw Malformed($"A RESP3 boolean must be '#t' or '#f', got '#{Describe(line)}'.");
        if (materialize) result = RedisResult.Boolean(line[0] == (byte)'t');
        return true;
    }

    private static bool TryReadDouble(ref SequenceReader<byte> reader, bool materialize, out RedisResult? result)
    {
        result = null;
        if (!TryReadLine(ref reader, MaxDoubleLineLength, (byte)',', out ReadOnlySpan<byte> line)) return false;
        double value = ParseDouble(line);
        if (materialize) result = RedisResult.Double(value);
        return true;
    }

    private static double ParseDouble(ReadOnlySpan<byte> line)
    {
        if (Ascii.EqualsIgnoreCase(line, "inf"u8) || Ascii.EqualsIgnoreCase(line, "+inf"u8)) return double.PositiveInfinity;
        if (Ascii.EqualsIgnoreCase(line, "-inf"u8)) return double.NegativeInfinity;

        // Redis before 7.2 may send whatever libc prints for NaN: "nan", "-nan", "NAN", "nan(...)".
        ReadOnlySpan<byte> unsigned = line.Length > 0 && line[0] == (byte)'-' ? line[1..] : line;
        if (unsigned.Length >= 3 && Ascii.EqualsIgnoreCase(unsigned[..3], "nan"u8)) return double.NaN;

        if (line.Length > 0
            && (IsDigit(line[0]) || ((line[0] == (byte)'-' || line[0] == (byte)'+') && line.Length > 1 && IsDigit(line[1])))
            && Utf8Parser.TryParse(line, out double value, out int consumed)
            && consumed == line.Length)
        {
            return value;
        }
        throw Malformed($"Invalid RESP3 double ',{Describe(line)}'.");
    }

    private static bool TryReadBigNumber(ref SequenceReader<byte> reader, RespReaderOptions options, bool materialize, out RedisResult? result)
    {
        result = null;
        if (!TryReadLine(ref reader, options.MaxBulkLength, (byte)'(', out ReadOnlySpan<byte> line)) return false;
        ReadOnlySpan<byte> digits = line.Length > 0 && line[0] == (byte)'-' ? line[1..] : line;
        if (digits.IsEmpty || digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
            throw Malformed($"Invalid RESP3 big number '({Describe(line)}'.");
        if (materialize) result = RedisResult.BigNumber(Encoding.ASCII.GetString(line));
        return true;
    }

    private static bool TryReadBlobString(ref SequenceReader<byte> reader, RespReaderOptions options, bool materialize, out RedisResult? result)
    {
        result = null;
        if (!TryReadLength(ref reader, (byte)'$', options.MaxBulkLength, allowNull: true, out int length)) return false;
        if (length < 0)
        {
            result = RedisResult.Null;
            return true;
        }
        if (!TryReadPayload(ref reader, (byte)'$', length, materialize, out byte[]? data)) return false;
        if (materialize) result = RedisResult.BulkString(data);
        return true;
    }

    private static bool TryReadBlobError(ref SequenceReader<byte> reader, RespReaderOptions options, bool materialize, out RedisResult? result)
    {
        result = null;
        if (!TryReadLength(ref reader, (byte)'!', options.MaxBulkLength, allowNull: false, out int length)) return false;
        if (!TryReadPayload(ref reader, (byte)'!', length, materialize, out byte[]? data)) return false;
        if (materialize) result = RedisResult.Error(Encoding.UTF8.GetString(data!));
        return true;
    }

    private static bool TryReadVerbatim(ref SequenceReader<byte> reader, RespReaderOptions options, bool materialize, out RedisResult? result)
    {
        result = null;
        if (!TryReadLength(ref reader, (byte)'=', options.MaxBulkLength, allowNull: false, out int length)) return false;
        if (length < 4) throw Malformed($"A RESP3 verbatim string needs a 'fmt:' prefix; its length is {length}.");
        if (reader.Remaining < (long)length + 2) return false;

        Span<byte> prefix = stackalloc byte[4];
        reader.TryCopyTo(prefix);
        if (prefix[3] != (byte)':') throw Malformed($"A RESP3 verbatim string must start with 'fmt:', got '{Describe(prefix)}'.");
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
        if (!TryReadLength(ref reader, type, options.MaxAggregateLength, allowNull: type == (byte)'*', out int count)) return false;
        if (count < 0)
        {
            result = RedisResult.Null;
            return true;
        }
        EnterAggregate(options, depth, type);

        // A map announces pairs; its result keeps keys and values flat, alternating.
        long elementCount = type == (byte)'%' ? 2L * count : count;
        if (elementCount > Array.MaxLength) throw Malformed($"The RESP map of {count} pairs is too large.");

        // Each element takes at least MinFrameLength bytes: until that many are buffered the
        // aggregate cannot be complete, and the element array is not created.
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
        if (!TryReadLength(ref reader, (byte)'|', options.MaxAggregateLength, allowNull: false, out int count)) return false;
        EnterAggregate(options, depth, (byte)'|');
        long elementCount = 2L * count;
        if (elementCount > reader.Remaining / MinFrameLength) return false;
        for (long i = 0; i < elementCount; i++)
        {
            if (!TryReadValue(ref reader, options, depth + 1, materialize: false, out _)) return false;
        }
        return true;
    }

    private static void EnterAggregate(RespReaderOptions options, int depth, byte type)
    {
        if (depth >= options.MaxDepth)
            throw Malformed($"A RESP '{(char)type}' aggregate is nested deeper than the limit of {options.MaxDepth}.");
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw Malformed($"A RESP '{(char)type}' aggregate is nested too deeply for the stack at depth {depth}.");
    }

    /// <summary>Reads the count or length line of a blob or aggregate; -1 (RESP2 null) only where allowed.</summary>
    private static bool TryReadLength(ref SequenceReader<byte> reader, byte type, int max, bool allowNull, out int length)
    {
        length = 0;
        if (!TryReadLine(ref reader, MaxNumberLineLength, type, out ReadOnlySpan<byte> line)) return false;
        if (line.Length == 1 && line[0] == (byte)'?')
            throw Malformed($"Streamed RESP3 frames ('{(char)type}?') are not supported.");

        long value = ParseInt64(line, type);
        if (value < 0)
        {
            if (value == -1 && allowNull)
            {
                length = -1;
                return true;
            }
            throw Malformed($"Negative length {value} in a RESP '{(char)type}' frame.");
        }
        if (value > max) throw Malformed($"Length {value} of a RESP '{(char)type}' frame exceeds the limit of {max}.");
        length = (int)value;
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
            if (tail[0] != (byte)'\r' || tail[1] != (byte)'\n') throw MissingPayloadCrlf(type, length);
            reader.Advance(2);
            return true;
        }
        if (!reader.TryRead(out byte cr) || !reader.TryRead(out byte lf)) return false;
        if (cr != (byte)'\r' || lf != (byte)'\n') throw MissingPayloadCrlf(type, length);
        return true;
    }

    /// <summary>
    /// Reads a CRLF-terminated line, leaving the reader past the CRLF. A line within one segment is
    /// returned in place; one spanning segments is copied (rare: once per segment boundary at most).
    /// </summary>
    private static bool TryReadLine(ref SequenceReader<byte> reader, int maxLength, byte type, out ReadOnlySpan<byte> line)
    {
        ReadOnlySpan<byte> span = reader.UnreadSpan;
        int window = span.Length <= maxLength ? span.Length : maxLength + 1;
        int cr = span[..window].IndexOf((byte)'\r');
        if (cr >= 0 && cr + 1 < span.Length)
        {
            if (span[cr + 1] != (byte)'\n') throw MissingLineFeed(type);
            line = span[..cr];
            reader.Advance(cr + 2);
            return true;
        }
        if (cr < 0 && window < span.Length) throw LineTooLong(type, maxLength);
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

    private static long ParseInt64(ReadOnlySpan<byte> line, byte type)
    {
        if (Utf8Parser.TryParse(line, out long value, out int consumed) && consumed == line.Length) return value;
        throw Malformed($"Invalid or out-of-range integer '{Describe(line)}' in a RESP '{(char)type}' frame.");
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static RedisProtocolException UnknownType(byte type) =>
        Malformed(type is >= 0x20 and < 0x7F
            ? $"Unknown RESP type byte '{(char)type}' (0x{type:X2})."
            : $"Unknown RESP type byte 0x{type:X2}.");

    private static RedisProtocolException MissingLineFeed(byte type) =>
        Malformed($"A CR not followed by LF in a RESP '{(char)type}' line.");

    private static RedisProtocolException LineTooLong(byte type, int maxLength) =>
        Malformed($"A RESP '{(char)type}' line is longer than {maxLength} bytes (no CRLF found).");

    private static RedisProtocolException MissingPayloadCrlf(byte type, int length) =>
        Malformed($"Missing CRLF after the {length} payload bytes of a RESP '{(char)type}' frame.");

    private static RedisProtocolException Malformed(string message) => new(message);

    /// <summary>A short, printable rendering of bytes for error messages.</summary>
    private static string Describe(ReadOnlySpan<byte> bytes)
    {
        const int Max = 40;
        var sb = new StringBuilder(Math.Min(bytes.Length, Max) + 3);
        for (int i = 0; i < bytes.Length && i < Max; i++)
        {
            byte b = bytes[i];
            if (b is >= 0x20 and < 0x7F) sb.Append((char)b);
            else sb.Append("\\x").Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        if (bytes.Length > Max) sb.Append("...");
        return sb.ToString();
    }
}

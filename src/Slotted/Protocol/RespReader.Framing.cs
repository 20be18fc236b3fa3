namespace Slotted.Protocol;

internal static partial class RespReader
{
    /// <summary>
    /// The framing pass over one contiguous span: walks the reply starting at
    /// <paramref name="offset"/> without allocating, with the same checks and errors as reading it.
    /// Returns false when the span ends before the reply does.
    /// </summary>
    private static bool TryFrame(ReadOnlySpan<byte> span, ref int offset, RespReaderOptions options, int depth)
    {
        while (true)
        {
            if (offset >= span.Length) return false;
            byte type = span[offset++];

            scoped ReadOnlySpan<byte> line;
            switch (type)
            {
                case (byte)'+':
                case (byte)'-':
                    return TryFrameLine(span, ref offset, options.MaxBulkLength, type, out _);
                case (byte)':':
                    if (!TryFrameLine(span, ref offset, MaxNumberLineLength, type, out line)) return false;
                    ParseInt64(line, type);
                    return true;
                case (byte)'_':
                    if (!TryFrameLine(span, ref offset, MaxNumberLineLength, type, out line)) return false;
                    CheckNull(line);
                    return true;
                case (byte)',':
                    if (!TryFrameLine(span, ref offset, MaxDoubleLineLength, type, out line)) return false;
                    ParseDouble(line);
                    return true;
                case (byte)'#':
                    if (!TryFrameLine(span, ref offset, MaxNumberLineLength, type, out line)) return false;
                    ParseBoolean(line);
                    return true;
                case (byte)'(':
                    if (!TryFrameLine(span, ref offset, options.MaxBulkLength, type, out line)) return false;
                    CheckBigNumber(line);
                    return true;
                case (byte)'$':
                case (byte)'!':
                case (byte)'=':
                    return TryFrameBlob(span, ref offset, options, type);
                case (byte)'*':
                case (byte)'%':
                case (byte)'~':
                case (byte)'>':
                case (byte)'|':
                    if (!TryFrameLength(span, ref offset, type, options.MaxAggregateLength, out int count)) return false;
                    if (count < 0) return true;
                    long elementCount = EnterAggregate(options, depth, type, count);
                    if (elementCount > (span.Length - offset) / MinFrameLength) return false;
                    for (long i = 0; i < elementCount; i++)
                    {
                        if (!TryFrame(span, ref offset, options, depth + 1)) return false;
                    }
                    if (type == (byte)'|') continue; // an attribute annotates the value that follows
                    return true;
                default:
                    throw UnknownType(type);
            }
        }
    }

    private static bool TryFrameBlob(ReadOnlySpan<byte> span, ref int offset, RespReaderOptions options, byte type)
    {
        if (!TryFrameLength(span, ref offset, type, options.MaxBulkLength, out int length)) return false;
        if (length < 0) return true;
        if (type == (byte)'=') CheckVerbatimLength(length);
        if (span.Length - offset < (long)length + 2) return false;
        if (type == (byte)'=') CheckVerbatimPrefix(span.Slice(offset, 4));
        offset += length;
        CheckPayloadCrlf(span[offset], span[offset + 1], type, length);
        offset += 2;
        return true;
    }

    private static bool TryFrameLength(ReadOnlySpan<byte> span, ref int offset, byte type, int max, out int length)
    {
        if (TryParseShortLength(span[offset..], out length, out int lineLength))
        {
            offset += lineLength;
            length = CheckLengthLimit(length, type, max);
            return true;
        }
        if (!TryFrameLine(span, ref offset, MaxNumberLineLength, type, out ReadOnlySpan<byte> line)) return false;
        length = ParseLength(line, type, max);
        return true;
    }

    private static bool TryFrameLine(ReadOnlySpan<byte> span, ref int offset, int maxLength, byte type, out ReadOnlySpan<byte> line)
    {
        ReadOnlySpan<byte> rest = span[offset..];
        int cr = FindLineEnd(rest, maxLength, type);
        if (cr < 0)
        {
            line = default;
            return false;
        }
        line = rest[..cr];
        offset += cr + 2;
        return true;
    }
}

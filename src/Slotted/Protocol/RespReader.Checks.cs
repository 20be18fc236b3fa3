using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Slotted.Protocol;

internal static partial class RespReader
{
    // A type byte plus CRLF: no frame of any type is shorter.
    private const int MinFrameLength = 3;

    // A signed 64-bit integer needs at most 20 characters; a little room for leading zeros.
    private const int MaxNumberLineLength = 32;

    // Redis formats doubles in at most ~24 characters; the spec does not bound the integral part.
    private const int MaxDoubleLineLength = 512;

    /// <summary>
    /// The index of the CR ending the line that starts <paramref name="span"/>, or -1 when the span
    /// ends first. Throws when the line is longer than <paramref name="maxLength"/> or its CR is not
    /// followed by LF.
    /// </summary>
    private static int FindLineEnd(ReadOnlySpan<byte> span, int maxLength, byte type)
    {
        int window = span.Length <= maxLength ? span.Length : maxLength + 1;
        int cr = span[..window].IndexOf((byte)'\r');
        if (cr < 0)
        {
            if (window < span.Length) throw LineTooLong(type, maxLength);
            return -1;
        }
        if (cr + 1 == span.Length) return -1;
        if (span[cr + 1] != (byte)'\n') throw MissingLineFeed(type);
        return cr;
    }

    /// <summary>
    /// The common case of a length or count line: 1 to 9 digits then CRLF, read without a search.
    /// Anything else (sign, more digits, a line not yet complete) is left to the general path.
    /// </summary>
    private static bool TryParseShortLength(ReadOnlySpan<byte> span, out int value, out int lineLength)
    {
        value = 0;
        int i = 0;
        while (i < span.Length && i < 10)
        {
            uint digit = (uint)(span[i] - '0');
            if (digit > 9) break;
            value = (value * 10) + (int)digit;
            i++;
        }
        lineLength = i + 2;
        return i is > 0 and < 10 && i + 1 < span.Length && span[i] == (byte)'\r' && span[i + 1] == (byte)'\n';
    }

    private static int CheckLengthLimit(int value, byte type, int max)
    {
        if (value > max) throw Malformed($"Length {value} of a RESP '{(char)type}' frame exceeds the limit of {max}.");
        return value;
    }

    private static long ParseInt64(ReadOnlySpan<byte> line, byte type)
    {
        if (Utf8Parser.TryParse(line, out long value, out int consumed) && consumed == line.Length) return value;
        throw Malformed($"Invalid or out-of-range integer '{Describe(line)}' in a RESP '{(char)type}' frame.");
    }

    /// <summary>A blob length or aggregate count: -1 (RESP2 null) only for <c>$</c> and <c>*</c>.</summary>
    private static int ParseLength(ReadOnlySpan<byte> line, byte type, int max)
    {
        if (line.Length == 1 && line[0] == (byte)'?')
            throw Malformed($"Streamed RESP3 frames ('{(char)type}?') are not supported.");
        long value = ParseInt64(line, type);
        if (value == -1 && type is (byte)'$' or (byte)'*') return -1;
        if (value < 0) throw Malformed($"Negative length {value} in a RESP '{(char)type}' frame.");
        if (value > max) throw Malformed($"Length {value} of a RESP '{(char)type}' frame exceeds the limit of {max}.");
        return (int)value;
    }

    /// <summary>Checks the nesting limit before an aggregate's elements are read; returns how many elements follow.</summary>
    private static long EnterAggregate(RespReaderOptions options, int depth, byte type, int count)
    {
        if (depth >= options.MaxDepth)
            throw Malformed($"A RESP '{(char)type}' aggregate is nested deeper than the limit of {options.MaxDepth}.");
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw Malformed($"A RESP '{(char)type}' aggregate is nested too deeply for the stack at depth {depth}.");

        // Maps and attributes announce pairs; a map's result keeps keys and values flat, alternating.
        long elements = type is (byte)'%' or (byte)'|' ? 2L * count : count;
        if (elements > Array.MaxLength) throw Malformed($"A RESP '{(char)type}' aggregate of {count} pairs is too large.");
        return elements;
    }

    private static void CheckNull(ReadOnlySpan<byte> line)
    {
        if (!line.IsEmpty) throw Malformed($"A RESP3 null must be '_\\r\\n', got '_{Describe(line)}'.");
    }

    private static bool ParseBoolean(ReadOnlySpan<byte> line)
    {
        if (line.Length == 1 && line[0] == (byte)'t') return true;
        if (line.Length == 1 && line[0] == (byte)'f') return false;
        throw Malformed($"A RESP3 boolean must be '#t' or '#f', got '#{Describe(line)}'.");
    }

    private static double ParseDouble(ReadOnlySpan<byte> line)
    {
        if (Ascii.EqualsIgnoreCase(line, "inf"u8) || Ascii.EqualsIgnoreCase(line, "+inf"u8)) return double.PositiveInfinity;
        if (Ascii.EqualsIgnoreCase(line, "-inf"u8)) return double.NegativeInfinity;

        // Redis before 7.2 may send whatever libc prints for NaN: "nan", "-nan", "NAN", "nan(...)".
        ReadOnlySpan<byte> unsigned = line.Length > 0 && line[0] == (byte)'-' ? line[1..] : line;
        if (unsigned.Length >= 3 && Ascii.EqualsIgnoreCase(unsigned[..3], "nan"u8)) return double.NaN;

        // The spec's form: [sign] digits [. digits] [e [sign] digits]; Utf8Parser also takes "Infinity", hence the first-digit check.
        if (line.Length > 0
            && (IsDigit(line[0]) || ((line[0] == (byte)'-' || line[0] == (byte)'+') && line.Length > 1 && IsDigit(line[1])))
            && Utf8Parser.TryParse(line, out double value, out int consumed)
            && consumed == line.Length)
        {
            return value;
        }
        throw Malformed($"Invalid RESP3 double ',{Describe(line)}'.");
    }

    private static void CheckBigNumber(ReadOnlySpan<byte> line)
    {
        ReadOnlySpan<byte> digits = line.Length > 0 && line[0] == (byte)'-' ? line[1..] : line;
        if (digits.IsEmpty || digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
            throw Malformed($"Invalid RESP3 big number '({Describe(line)}'.");
    }

    private static void CheckVerbatimLength(int length)
    {
        if (length < 4) throw Malformed($"A RESP3 verbatim string needs a 'fmt:' prefix; its length is {length}.");
    }

    private static void CheckVerbatimPrefix(ReadOnlySpan<byte> prefix)
    {
        if (prefix[3] != (byte)':') throw Malformed($"A RESP3 verbatim string must start with 'fmt:', got '{Describe(prefix)}'.");
    }

    private static void CheckPayloadCrlf(byte cr, byte lf, byte type, int length)
    {
        if (cr != (byte)'\r' || lf != (byte)'\n')
            throw Malformed($"Missing CRLF after the {length} payload bytes of a RESP '{(char)type}' frame.");
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
            else sb.Append("\\x").Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        if (bytes.Length > Max) sb.Append("...");
        return sb.ToString();
    }
}

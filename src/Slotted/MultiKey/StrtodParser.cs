using System.Globalization;
using System.Text;

namespace Slotted.MultiKey;

/// <summary>
/// Parses a SORT weight the way the server does (C <c>strtod</c>, then: the whole string must be
/// used, no overflow or underflow, not NaN). So: leading whitespace allowed, trailing not; "inf",
/// "infinity" and hexadecimal floats ("0x1p3") accepted; the empty string is 0; parsing stops at
/// a NUL byte. Underflow is a non-zero number that rounds to zero or to an inexact subnormal, which
/// is when glibc reports ERANGE (a decimal subnormal is practically never exact; a hex one may be).
/// </summary>
internal static class StrtodParser
{
    private const double MinNormal = 2.2250738585072014E-308;

    public static bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        int nul = text.IndexOf((byte)0);
        if (nul >= 0) text = text[..nul];
        if (text.IsEmpty) return true; // strtod consumes nothing and stops at the terminator: score 0
        int i = 0;
        while (i < text.Length && IsSpace(text[i])) i++;
        bool negative = false;
        if (i < text.Length && (text[i] == (byte)'+' || text[i] == (byte)'-'))
        {
            negative = text[i] == (byte)'-';
            i++;
        }
        var rest = text[i..];
        if (StartsWithIgnoreCase(rest, "infinity"u8) || StartsWithIgnoreCase(rest, "inf"u8))
        {
            int used = StartsWithIgnoreCase(rest, "infinity"u8) ? 8 : 3;
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return used == rest.Length;
        }
        if (StartsWithIgnoreCase(rest, "nan"u8)) return false;
        bool exact = false;
        bool ok = rest.Length >= 2 && rest[0] == (byte)'0' && (rest[1] | 0x20) == (byte)'x' && HasHexDigitAt(rest, 2)
            ? TryParseHex(rest[2..], out double magnitude, out bool nonZero, out exact)
            : TryParseDecimal(rest, out magnitude, out nonZero);
        if (!ok) return false;
        if (double.IsInfinity(magnitude)) return false; // overflow: ERANGE
        if (nonZero && (magnitude == 0 || (magnitude < MinNormal && !exact))) return false; // inexact underflow: ERANGE
        value = negative ? -magnitude : magnitude;
        return true;
    }

    private static bool TryParseDecimal(ReadOnlySpan<byte> s, out double value, out bool nonZero)
    {
        value = 0;
        nonZero = false;
        int i = 0, digits = 0;
        while (i < s.Length && IsDigit(s[i])) { nonZero |= s[i] != (byte)'0'; i++; digits++; }
        if (i < s.Length && s[i] == (byte)'.')
        {
            i++;
            while (i < s.Length && IsDigit(s[i])) { nonZero |= s[i] != (byte)'0'; i++; digits++; }
        }
        if (digits == 0) return false;
        if (i < s.Length && (s[i] | 0x20) == (byte)'e')
        {
            int j = i + 1;
            if (j < s.Length && (s[j] == (byte)'+' || s[j] == (byte)'-')) j++;
            if (j < s.Length && IsDigit(s[j]))
            {
                while (j < s.Length && IsDigit(s[j])) j++;
                i = j;
            }
        }
        if (i != s.Length) return false;
        value = double.Parse(Encoding.ASCII.GetString(s), NumberStyles.Float, CultureInfo.InvariantCulture);
        return true;
    }

    private static bool TryParseHex(ReadOnlySpan<byte> s, out double value, out bool nonZero, out bool exact)
    {
        value = 0;
        nonZero = false;
        exact = true;
        int i = 0, exponent = 0, significant = 0;
        ulong mantissa = 0;
        bool sawDigit = false, dot = false;
        for (; i < s.Length; i++)
        {
            byte c = s[i];
            if (c == (byte)'.' && !dot)
            {
                dot = true;
                continue;
            }
            int d = HexValue(c);
            if (d < 0) break;
            sawDigit = true;
            nonZero |= d != 0;
            if (significant < 15)
            {
                if (mantissa != 0 || d != 0) significant++;
                mantissa = (mantissa << 4) | (uint)d;
                if (dot) exponent -= 4;
            }
            else
            {
                if (!dot) exponent += 4;
                if (d != 0) exact = false;
            }
        }
        if (!sawDigit) return false;
        if (i < s.Length && (s[i] | 0x20) == (byte)'p')
        {
            int j = i + 1;
            bool negative = false;
            if (j < s.Length && (s[j] == (byte)'+' || s[j] == (byte)'-')) negative = s[j++] == (byte)'-';
            if (j < s.Length && IsDigit(s[j]))
            {
                int e = 0;
                while (j < s.Length && IsDigit(s[j])) e = Math.Min(100000, e * 10 + (s[j++] - '0'));
                exponent += negative ? -e : e;
                i = j;
            }
        }
        if (i != s.Length) return false;
        value = Math.ScaleB(mantissa, exponent);
        exact &= Math.ScaleB(value, -exponent) == mantissa;
        return true;
    }

    private static bool HasHexDigitAt(ReadOnlySpan<byte> s, int at) =>
        at < s.Length && (HexValue(s[at]) >= 0 || (s[at] == (byte)'.' && at + 1 < s.Length && HexValue(s[at + 1]) >= 0));

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    private static bool IsDigit(byte c) => c >= (byte)'0' && c <= (byte)'9';

    private static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r';

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> s, ReadOnlySpan<byte> lower)
    {
        if (s.Length < lower.Length) return false;
        for (int i = 0; i < lower.Length; i++) if ((s[i] | 0x20) != lower[i]) return false;
        return true;
    }
}

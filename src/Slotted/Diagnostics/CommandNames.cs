using System.Buffers.Text;
using System.Text;
using Slotted.Routing;

namespace Slotted.Diagnostics;

/// <summary>
/// Names a command for traces and metrics from its RESP bytes (<c>*N $len NAME ...</c>) through the
/// generated <see cref="CommandTable"/>, so the name is an interned upper-case string ("GET",
/// "CONFIG|GET") and metric tags stay bounded. Only called while someone listens.
/// </summary>
internal static class CommandNames
{
    private const int MaxNameLength = 64;

    /// <summary>The table's name of the command written in <paramref name="resp"/>, or null when the table does not know it.</summary>
    public static string? Find(ReadOnlySpan<byte> resp)
    {
        if (!TryNextBulk(ref resp, header: true, out var name)) return null;
        var info = Lookup(name);
        if (info is null) return null;
        if (info.Subcommands.Count != 0 && TryNextBulk(ref resp, header: false, out var sub))
        {
            Span<char> chars = stackalloc char[MaxNameLength];
            if (sub.Length <= MaxNameLength && Ascii.ToUtf16(sub, chars, out int n) == System.Buffers.OperationStatus.Done)
                return (info.FindSubcommand(chars[..n]) ?? info).Name;
        }
        return info.Name;
    }

    /// <summary>The name for a metric tag: the table's name, or "other".</summary>
    public static string ForMetrics(ReadOnlySpan<byte> resp) => Find(resp) ?? TagNames.OtherCommand;

    /// <summary>The name for an activity: the table's name, else the name as sent (upper-cased, when it is short ASCII), else "other".</summary>
    public static string ForActivity(ReadOnlySpan<byte> resp)
    {
        string? known = Find(resp);
        if (known is not null) return known;
        if (TryNextBulk(ref resp, header: true, out var name) && name.Length <= MaxNameLength && Ascii.IsValid(name))
            return Encoding.ASCII.GetString(name).ToUpperInvariant();
        return TagNames.OtherCommand;
    }

    private static CommandInfo? Lookup(ReadOnlySpan<byte> name)
    {
        if (name.Length > MaxNameLength) return null;
        Span<char> chars = stackalloc char[MaxNameLength];
        if (Ascii.ToUtf16(name, chars, out int n) != System.Buffers.OperationStatus.Done) return null;
        return CommandTable.FindTopLevel(chars[..n]);
    }

    /// <summary>Reads the next bulk string of a RESP command (after the <c>*N</c> array header when <paramref name="header"/>).</summary>
    private static bool TryNextBulk(ref ReadOnlySpan<byte> resp, bool header, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (header)
        {
            if (resp.IsEmpty || resp[0] != (byte)'*') return false;
            int eol = resp.IndexOf((byte)'\n');
            if (eol < 0) return false;
            resp = resp[(eol + 1)..];
        }
        if (resp.IsEmpty || resp[0] != (byte)'$') return false;
        int end = resp.IndexOf((byte)'\r');
        if (end < 0 || !Utf8Parser.TryParse(resp[1..end], out int length, out int consumed) || consumed != end - 1) return false;
        int start = end + 2;
        if (length < 0 || resp.Length < start + length + 2) return false;
        value = resp.Slice(start, length);
        resp = resp[(start + length + 2)..];
        return true;
    }
}

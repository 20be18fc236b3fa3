using System.Globalization;

namespace Slotted.Protocol;

/// <summary>
/// Recognizes the <c>MOVED</c> and <c>ASK</c> error replies of a cluster node. Parsing only: what
/// to do with a redirect is the retry loop's decision.
/// </summary>
internal static class RedirectParser
{
    private const int SlotCount = 16384;

    /// <summary>
    /// Parses <c>MOVED 3999 127.0.0.1:6381</c> or <c>ASK 3999 127.0.0.1:6381</c> (the error message
    /// without its leading '-'). <paramref name="endPoint"/> is the target exactly as the server wrote
    /// it, <c>host:port</c>. The host may be empty (<c>MOVED 3999 :6381</c>): per the cluster
    /// specification the node's endpoint is unknown and the caller must use the host of the node
    /// that answered, with this port. An IPv6 host comes unbracketed (<c>::1:6381</c>): the port is
    /// after the last ':'. A '?' host (a node without the preferred hostname) is returned as is.
    /// </summary>
    public static bool TryParse(string errorMessage, out RedirectKind kind, out int slot, out string endPoint)
    {
        kind = default;
        slot = -1;
        endPoint = "";
        if (errorMessage is null) return false;

        ReadOnlySpan<char> rest = errorMessage;
        RedirectKind parsedKind;
        if (rest.StartsWith("MOVED ", StringComparison.Ordinal))
        {
            parsedKind = RedirectKind.Moved;
            rest = rest["MOVED ".Length..];
        }
        else if (rest.StartsWith("ASK ", StringComparison.Ordinal))
        {
            parsedKind = RedirectKind.Ask;
            rest = rest["ASK ".Length..];
        }
        else
        {
            return false;
        }

        int space = rest.IndexOf(' ');
        if (space <= 0) return false;
        if (!int.TryParse(rest[..space], NumberStyles.None, CultureInfo.InvariantCulture, out int parsedSlot) || parsedSlot >= SlotCount)
            return false;

        ReadOnlySpan<char> target = rest[(space + 1)..];
        int colon = target.LastIndexOf(':');
        if (colon < 0 || target.ContainsAny(' ', '\t')) return false;
        if (!int.TryParse(target[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
            return false;

        kind = parsedKind;
        slot = parsedSlot;
        endPoint = target.ToString();
        return true;
    }
}

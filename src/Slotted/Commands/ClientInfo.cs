using System.Globalization;

namespace Slotted;

/// <summary>
/// One connection as a node describes it in <c>CLIENT LIST</c>
/// (https://redis.io/docs/latest/commands/client-list/): every "name=value" field, and typed
/// properties for the ones most often read.
/// </summary>
public sealed class ClientInfo
{
    private readonly Dictionary<string, string> _fields = new(StringComparer.Ordinal);

    /// <summary>Parses one line of <c>CLIENT LIST</c> (or the reply of <c>CLIENT INFO</c>).</summary>
    public ClientInfo(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        Raw = line.TrimEnd('\r', '\n');
        foreach (string part in Raw.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0) _fields[part[..eq]] = part[(eq + 1)..];
        }
    }

    /// <summary>The line as the server wrote it.</summary>
    public string Raw { get; }

    /// <summary>Every field by name ("id", "addr", "laddr", "name", "age", "idle", "flags", "cmd", "user", "resp" ...).</summary>
    public IReadOnlyDictionary<string, string> Fields => _fields;

    /// <summary>A field's value, or null when the line has no such field.</summary>
    public string? this[string field] => _fields.TryGetValue(field, out string? value) ? value : null;

    /// <summary>The connection id, unique on its node (not across the cluster).</summary>
    public long Id => Int64("id");

    /// <summary>The client's address as the node sees it ("ip:port", the <c>addr</c> field).</summary>
    public string Address => this["addr"] ?? "";

    /// <summary>The node's own address of the connection ("ip:port", the <c>laddr</c> field).</summary>
    public string LocalAddress => this["laddr"] ?? "";

    /// <summary>The name set with <c>CLIENT SETNAME</c> or <c>HELLO ... SETNAME</c>; null when unnamed.</summary>
    public string? Name => string.IsNullOrEmpty(this["name"]) ? null : this["name"];

    /// <summary>How long the connection has been open.</summary>
    public TimeSpan Age => TimeSpan.FromSeconds(Int64("age"));

    /// <summary>How long the connection has been idle.</summary>
    public TimeSpan Idle => TimeSpan.FromSeconds(Int64("idle"));

    /// <summary>The client flags ("N" normal, "S" replica, "M" primary, "P" pub/sub ...).</summary>
    public string Flags => this["flags"] ?? "";

    /// <summary>The last command run (lower case, subcommands as "client|list").</summary>
    public string? LastCommand => this["cmd"];

    /// <summary>The ACL user of the connection.</summary>
    public string? User => this["user"];

    /// <summary>The protocol (2 or 3) the connection speaks; null on servers that do not report it.</summary>
    public int? Protocol => _fields.TryGetValue("resp", out string? v) && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int p) ? p : null;

    /// <inheritdoc />
    public override string ToString() => Raw;

    /// <summary>The lines of a <c>CLIENT LIST</c> reply.</summary>
    internal static IReadOnlyList<ClientInfo> ParseList(string? text)
    {
        var list = new List<ClientInfo>();
        if (text is null) return list;
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Trim().Length != 0) list.Add(new ClientInfo(line));
        }
        return list;
    }

    private long Int64(string field) =>
        _fields.TryGetValue(field, out string? v) && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n) ? n : 0;
}

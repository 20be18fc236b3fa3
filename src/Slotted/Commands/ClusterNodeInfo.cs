using System.Globalization;

namespace Slotted;

/// <summary>
/// One line of <c>CLUSTER NODES</c> (https://redis.io/docs/latest/commands/cluster-nodes/): one node
/// as the node that answered sees it. The line is
/// <c>id ip:port@cport[,hostname] flags primary ping-sent pong-recv config-epoch link-state slot...</c>,
/// where a slot entry is a slot ("1234"), a range ("0-5460"), or an open migration:
/// <c>[1234-&gt;-nodeid]</c> (migrating to that node) or <c>[1234-&lt;-nodeid]</c> (importing from it).
/// Migration entries appear only on the line of the node that answered ("myself").
/// </summary>
public sealed class ClusterNodeInfo
{
    private ClusterNodeInfo()
    {
    }

    /// <summary>The line as the node sent it.</summary>
    public string Line { get; private init; } = "";

    /// <summary>The node's 40-character id.</summary>
    public string Id { get; private init; } = "";

    /// <summary>The address field as sent: <c>ip:port@cport</c>, with <c>,hostname</c> when the node announces one.</summary>
    public string Address { get; private init; } = "";

    /// <summary>The IP address clients use; empty for a node whose address is not known yet (flag noaddr).</summary>
    public string Host { get; private init; } = "";

    /// <summary>The client port (0 when not known).</summary>
    public int Port { get; private init; }

    /// <summary>The cluster bus port; null when the line has none (servers before Redis 4).</summary>
    public int? BusPort { get; private init; }

    /// <summary>The announced hostname (cluster-announce-hostname, Redis 7+); null when none.</summary>
    public string? Hostname { get; private init; }

    /// <summary>"host:port" (IPv6 as "[::1]:7000"), the form <see cref="Topology.ClusterNode.EndPoint"/> and fan-out results use.</summary>
    public string EndPoint => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>The flags as sent: myself, master, slave, fail?, fail, handshake, noaddr, nofailover, noflags.</summary>
    public IReadOnlySet<string> Flags { get; private init; } = new HashSet<string>();

    /// <summary>Flag myself: this line describes the node that answered.</summary>
    public bool IsMyself => Flags.Contains("myself");

    /// <summary>Flag master: a primary.</summary>
    public bool IsPrimary => Flags.Contains("master");

    /// <summary>Flag slave: a replica.</summary>
    public bool IsReplica => Flags.Contains("slave");

    /// <summary>Flag fail?: the answering node cannot reach it (PFAIL), not yet agreed by the others.</summary>
    public bool IsPossiblyFailing => Flags.Contains("fail?");

    /// <summary>Flag fail: enough primaries agreed it is failing (FAIL).</summary>
    public bool IsFailing => Flags.Contains("fail");

    /// <summary>Flag handshake: an untrusted node the answering node is still handshaking with.</summary>
    public bool IsInHandshake => Flags.Contains("handshake");

    /// <summary>Flag noaddr: the node's address is not known.</summary>
    public bool HasNoAddress => Flags.Contains("noaddr");

    /// <summary>Flag nofailover: a replica that will not try to fail over its primary.</summary>
    public bool IsNoFailover => Flags.Contains("nofailover");

    /// <summary>For a replica, its primary's id; null for a primary ("-").</summary>
    public string? PrimaryId { get; private init; }

    /// <summary>ping-sent: when the pending PING was sent, in Unix milliseconds; 0 when none is pending.</summary>
    public long PingSent { get; private init; }

    /// <summary>pong-recv: when the last PONG was received, in Unix milliseconds.</summary>
    public long PongReceived { get; private init; }

    /// <summary>config-epoch: the node's configuration epoch (of its primary for a replica).</summary>
    public long ConfigEpoch { get; private init; }

    /// <summary>link-state: "connected" or "disconnected" (the link of the cluster bus to this node).</summary>
    public string LinkState { get; private init; } = "";

    /// <summary>True when <see cref="LinkState"/> is "connected".</summary>
    public bool IsConnected => LinkState == "connected";

    /// <summary>The slots the node serves as inclusive ranges (a single slot is a range of one).</summary>
    public IReadOnlyList<(int Start, int End)> SlotRanges { get; private init; } = [];

    /// <summary>Slots this node is moving to another node (<c>[slot-&gt;-id]</c>): the slot and the target's id.</summary>
    public IReadOnlyList<(int Slot, string NodeId)> MigratingSlots { get; private init; } = [];

    /// <summary>Slots this node is receiving from another node (<c>[slot-&lt;-id]</c>): the slot and the source's id.</summary>
    public IReadOnlyList<(int Slot, string NodeId)> ImportingSlots { get; private init; } = [];

    /// <summary>Parses one line of <c>CLUSTER NODES</c>.</summary>
    /// <exception cref="FormatException">The line does not have the documented fields.</exception>
    public static ClusterNodeInfo Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        string text = line.TrimEnd('\r', '\n');
        string[] fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 8) throw new FormatException($"A CLUSTER NODES line has at least 8 fields; got {fields.Length}: '{text}'.");
        var (host, port, busPort, hostname) = ParseAddress(fields[1]);
        var ranges = new List<(int, int)>();
        var migrating = new List<(int, string)>();
        var importing = new List<(int, string)>();
        for (int i = 8; i < fields.Length; i++) ParseSlot(fields[i], ranges, migrating, importing);
        return new ClusterNodeInfo
        {
            Line = text,
            Id = fields[0],
            Address = fields[1],
            Host = host,
            Port = port,
            BusPort = busPort,
            Hostname = hostname,
            Flags = new HashSet<string>(fields[2].Split(',', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal),
            PrimaryId = fields[3] == "-" ? null : fields[3],
            PingSent = Number(fields[4], "ping-sent"),
            PongReceived = Number(fields[5], "pong-recv"),
            ConfigEpoch = Number(fields[6], "config-epoch"),
            LinkState = fields[7],
            SlotRanges = ranges,
            MigratingSlots = migrating,
            ImportingSlots = importing,
        };
    }

    // ip:port@cport[,hostname[,more aux fields]]; the ip may be IPv6 (colons) or empty (noaddr).
    private static (string Host, int Port, int? BusPort, string? Hostname) ParseAddress(string field)
    {
        string address = field;
        string? hostname = null;
        int comma = field.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            address = field[..comma];
            string rest = field[(comma + 1)..];
            int next = rest.IndexOf(',', StringComparison.Ordinal);
            string name = next >= 0 ? rest[..next] : rest;
            if (name.Length != 0 && !name.Contains('=', StringComparison.Ordinal)) hostname = name;
        }
        int? busPort = null;
        int at = address.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            busPort = Int(address[(at + 1)..], "cluster bus port");
            address = address[..at];
        }
        int colon = address.LastIndexOf(':');
        if (colon < 0) throw new FormatException($"The address '{field}' of a CLUSTER NODES line has no port.");
        return (address[..colon], Int(address[(colon + 1)..], "port"), busPort, hostname);
    }

    private static void ParseSlot(string entry, List<(int, int)> ranges, List<(int, string)> migrating, List<(int, string)> importing)
    {
        if (entry.StartsWith('['))
        {
            if (!entry.EndsWith(']')) throw new FormatException($"Unterminated slot entry '{entry}'.");
            string inner = entry[1..^1];
            int arrow = inner.IndexOf("->-", StringComparison.Ordinal);
            if (arrow > 0)
            {
                migrating.Add((Int(inner[..arrow], "slot"), inner[(arrow + 3)..]));
                return;
            }
            arrow = inner.IndexOf("-<-", StringComparison.Ordinal);
            if (arrow > 0)
            {
                importing.Add((Int(inner[..arrow], "slot"), inner[(arrow + 3)..]));
                return;
            }
            throw new FormatException($"Unknown slot entry '{entry}'.");
        }
        int dash = entry.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            int slot = Int(entry, "slot");
            ranges.Add((slot, slot));
        }
        else
        {
            ranges.Add((Int(entry[..dash], "slot"), Int(entry[(dash + 1)..], "slot")));
        }
    }

    private static long Number(string text, string what) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long n)
            ? n
            : throw new FormatException($"The {what} '{text}' of a CLUSTER NODES line is not a number.");

    private static int Int(string text, string what) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            ? n
            : throw new FormatException($"The {what} '{text}' of a CLUSTER NODES line is not a number.");

    /// <inheritdoc />
    public override string ToString() => Line;
}

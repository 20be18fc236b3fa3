using System.Globalization;

namespace Slotted;

/// <summary>
/// One node's <c>CLUSTER INFO</c> reply (https://redis.io/docs/latest/commands/cluster-info/): the
/// text as sent and its "field:value" lines, with typed accessors for the documented fields. Each
/// node answers with its own view, so two nodes may disagree while the cluster changes.
/// </summary>
public sealed class ClusterInfo
{
    private readonly Dictionary<string, string> _fields = new(StringComparer.Ordinal);

    /// <summary>Parses the text of a <c>CLUSTER INFO</c> reply (a bulk string in RESP2, a verbatim string in RESP3).</summary>
    public ClusterInfo(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || line[0] == '#') continue;
            _fields.TryAdd(line[..colon], line[(colon + 1)..]);
        }
    }

    /// <summary>The reply exactly as the node sent it.</summary>
    public string Text { get; }

    /// <summary>Every field by name, including those without an accessor here (cluster_stats_messages_*, total_cluster_links_buffer_limit_exceeded ...).</summary>
    public IReadOnlyDictionary<string, string> Fields => _fields;

    /// <summary>The value of <paramref name="field"/> (for example "cluster_stats_messages_sent"), or null when the reply has no such field.</summary>
    public string? this[string field] => _fields.TryGetValue(field, out string? value) ? value : null;

    /// <summary>cluster_state: "ok" when the node accepts queries, "fail" when at least one slot is unbound or in FAIL state (or the node cannot reach a majority of primaries).</summary>
    public string? State => this["cluster_state"];

    /// <summary>True when <see cref="State"/> is "ok".</summary>
    public bool IsOk => State == "ok";

    /// <summary>cluster_slots_assigned: slots bound to some node (16384 in a fully working cluster).</summary>
    public long? SlotsAssigned => GetInt64("cluster_slots_assigned");

    /// <summary>cluster_slots_ok: slots whose node is neither FAIL nor PFAIL.</summary>
    public long? SlotsOk => GetInt64("cluster_slots_ok");

    /// <summary>cluster_slots_pfail: slots whose node this node suspects (PFAIL; not yet agreed by the others).</summary>
    public long? SlotsPFail => GetInt64("cluster_slots_pfail");

    /// <summary>cluster_slots_fail: slots whose node is in FAIL state (agreed failing).</summary>
    public long? SlotsFail => GetInt64("cluster_slots_fail");

    /// <summary>cluster_known_nodes: nodes this node knows, including nodes in handshake.</summary>
    public long? KnownNodes => GetInt64("cluster_known_nodes");

    /// <summary>cluster_size: primaries that serve at least one slot.</summary>
    public long? Size => GetInt64("cluster_size");

    /// <summary>cluster_current_epoch: the node's current epoch (failover elections use it).</summary>
    public long? CurrentEpoch => GetInt64("cluster_current_epoch");

    /// <summary>cluster_my_epoch: the config epoch of this node, or of its primary for a replica.</summary>
    public long? MyEpoch => GetInt64("cluster_my_epoch");

    /// <summary>The field as an integer; null when absent or not an integer.</summary>
    public long? GetInt64(string field) =>
        _fields.TryGetValue(field, out string? v) && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n) ? n : null;

    /// <inheritdoc />
    public override string ToString() => Text;
}

namespace Slotted.Topology;

/// <summary>
/// Turns a node's <c>CLUSTER SHARDS</c> reply (Redis 7+) into a <see cref="ShardMap"/>, or its
/// <c>CLUSTER SLOTS</c> reply where SHARDS is unknown. Both replies are read in their RESP2 and RESP3
/// shapes (a RESP3 map reads as the same flat key/value list).
/// </summary>
internal static class TopologyLoader
{
    /// <summary>
    /// Parses CLUSTER SHARDS. <paramref name="answeringHost"/> replaces an empty or unknown address.
    /// A node may list a plain <c>port</c> and a <c>tls-port</c>: a TLS client takes the TLS one.
    /// </summary>
    public static List<Shard> ParseShards(RedisResult reply, string answeringHost, bool tls = false)
    {
        var shards = new List<Shard>();
        foreach (var shardReply in reply.Elements)
        {
            var fields = Pairs(shardReply);
            var ranges = new List<(int, int)>();
            if (fields.TryGetValue("slots", out var slots))
            {
                for (int i = 0; i + 1 < slots.Length; i += 2) ranges.Add(((int)slots[i].ToInt64(), (int)slots[i + 1].ToInt64()));
            }
            ClusterNode? primary = null;
            bool primaryFailed = false;
            var replicas = new List<ClusterNode>();
            if (fields.TryGetValue("nodes", out var nodes))
            {
                foreach (var nodeReply in nodes.Elements)
                {
                    var n = Pairs(nodeReply);
                    string id = Text(n, "id");
                    string host = Text(n, "endpoint");
                    if (host is "" or "?") host = Text(n, "ip");
                    if (host is "" or "?") host = answeringHost;
                    int plain = n.TryGetValue("port", out var p) ? (int)p.ToInt64() : 0;
                    int secure = n.TryGetValue("tls-port", out var tp) ? (int)tp.ToInt64() : 0;
                    int port = tls ? (secure != 0 ? secure : plain) : (plain != 0 ? plain : secure);
                    bool isPrimary = Text(n, "role") == "master";
                    string health = Text(n, "health");
                    if (port == 0) continue;
                    if (isPrimary)
                    {
                        if (primary is null || health == "online")
                        {
                            primary = new ClusterNode(id, host, port, true, null);
                            primaryFailed = IsFailed(health);
                        }
                    }
                    else if (!IsFailed(health))
                    {
                        replicas.Add(new ClusterNode(id, host, port, false, null));
                    }
                }
            }
            // A failed primary that serves no slots is a node the cluster has given up on (its replica
            // took over); fan-out to "every primary" must not wait for it.
            if (primary is null || (primaryFailed && ranges.Count == 0)) continue;
            var linked = new List<ClusterNode>(replicas.Count);
            foreach (var r in replicas) linked.Add(new ClusterNode(r.Id, r.Host, r.Port, false, primary.Id));
            shards.Add(new Shard(primary, linked, ranges));
        }
        return shards;
    }

    /// <summary>Parses CLUSTER SLOTS: one entry per range, [start, end, primary, replicas...], each node [host, port, id, ...].</summary>
    public static List<Shard> ParseSlots(RedisResult reply, string answeringHost)
    {
        var byPrimary = new Dictionary<string, (ClusterNode Primary, List<ClusterNode> Replicas, List<(int, int)> Ranges)>();
        foreach (var range in reply.Elements)
        {
            if (range.Length < 3) continue;
            int start = (int)range[0].ToInt64(), end = (int)range[1].ToInt64();
            var primary = SlotsNode(range[2], answeringHost, true, null);
            if (primary is null) continue;
            if (!byPrimary.TryGetValue(primary.EndPoint, out var entry))
            {
                var replicas = new List<ClusterNode>();
                for (int i = 3; i < range.Length; i++)
                {
                    var r = SlotsNode(range[i], answeringHost, false, primary.Id);
                    if (r is not null) replicas.Add(r);
                }
                entry = (primary, replicas, []);
                byPrimary[primary.EndPoint] = entry;
            }
            entry.Ranges.Add((start, end));
        }
        var shards = new List<Shard>();
        foreach (var e in byPrimary.Values) shards.Add(new Shard(e.Primary, e.Replicas, e.Ranges));
        return shards;
    }

    private static ClusterNode? SlotsNode(RedisResult node, string answeringHost, bool isPrimary, string? primaryId)
    {
        if (node.Length < 2) return null;
        string host = node[0].ToString() ?? "";
        if (host is "" or "?") host = answeringHost;
        int port = (int)node[1].ToInt64();
        string id = node.Length > 2 ? node[2].ToString() ?? "" : "";
        return port == 0 ? null : new ClusterNode(id, host, port, isPrimary, primaryId);
    }

    // Redis 7.0 reports "fail"; the documentation (and later servers) say "failed".
    private static bool IsFailed(string health) => health is "fail" or "failed";

    private static Dictionary<string, RedisResult> Pairs(RedisResult r) => r.IsAggregate ? r.ToDictionary() : [];

    private static string Text(Dictionary<string, RedisResult> fields, string name) =>
        fields.TryGetValue(name, out var v) ? v.ToString() ?? "" : "";
}

namespace Slotted;

/// <summary>
/// Reads the stream commands' replies into their typed values, the same under RESP2 and RESP3: an
/// entry is <c>[id, [field, value, ...]]</c> in both (fields nil for a deleted entry still pending);
/// XREAD / XREADGROUP answer a map of stream → entries in RESP3 (kept flat by the reader) and an
/// array of <c>[stream, entries]</c> pairs in RESP2; XINFO answers maps in RESP3 and flat
/// name/value arrays in RESP2.
/// </summary>
internal static class StreamReplies
{
    public static StreamEntry Entry(RedisResult reply) =>
        new(reply[0].Value, reply.Length < 2 || reply[1].IsNull ? [] : TypedReplies.HashEntries(reply[1]));

    /// <summary>A list of entries; a nil element (older servers' XCLAIM of a deleted entry) is left out.</summary>
    public static StreamEntry[] Entries(RedisResult reply)
    {
        var elements = reply.Elements;
        var result = new List<StreamEntry>(elements.Count);
        foreach (var element in elements) if (!element.IsNull) result.Add(Entry(element));
        return [.. result];
    }

    /// <summary>XREAD / XREADGROUP: nil (nothing to read) → empty; otherwise the streams in the server's order.</summary>
    public static StreamReadResult[] ReadResults(RedisResult reply)
    {
        if (reply.IsNull) return [];
        var elements = reply.Elements;
        if (reply.Type == RedisResultType.Map)
        {
            var flat = new StreamReadResult[elements.Count / 2];
            for (int i = 0; i < flat.Length; i++) flat[i] = new(TypedReplies.Key(elements[2 * i]), Entries(elements[2 * i + 1]));
            return flat;
        }
        var result = new StreamReadResult[elements.Count];
        for (int i = 0; i < result.Length; i++) result[i] = new(TypedReplies.Key(elements[i][0]), Entries(elements[i][1]));
        return result;
    }

    /// <summary>The entries of a one-stream XREAD / XREADGROUP (empty when nothing was read).</summary>
    public static StreamEntry[] SingleStream(RedisResult reply)
    {
        var results = ReadResults(reply);
        return results.Length == 0 ? [] : results[0].Entries;
    }

    /// <summary>XADD: the new id, or nil with NOMKSTREAM when the stream does not exist.</summary>
    public static readonly Func<RedisResult, RedisValue> Id = static r => RedisCluster.ThrowIfError(r).Value;

    public static StreamPendingSummary PendingSummary(RedisResult reply)
    {
        var consumers = reply[3].Elements;
        var list = new StreamConsumerPending[consumers.Count];
        for (int i = 0; i < list.Length; i++) list[i] = new(consumers[i][0].Value, consumers[i][1].ToInt64());
        return new StreamPendingSummary(reply[0].ToInt64(), reply[1].Value, reply[2].Value, list);
    }

    public static StreamPendingEntry[] PendingEntries(RedisResult reply)
    {
        var elements = reply.Elements;
        var result = new StreamPendingEntry[elements.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var e = elements[i];
            result[i] = new(e[0].Value, e[1].Value, TimeSpan.FromMilliseconds(e[2].ToInt64()), e[3].ToInt64());
        }
        return result;
    }

    /// <summary>XAUTOCLAIM: <c>[next-start-id, [entries], [deleted ids]]</c> (the third element since Redis 7.0).</summary>
    public static StreamAutoClaimResult AutoClaim(RedisResult reply) =>
        new(reply[0].Value, Entries(reply[1]), reply.Length > 2 ? reply[2].ToValueArray() : []);

    public static StreamAutoClaimIdsResult AutoClaimIds(RedisResult reply) =>
        new(reply[0].Value, reply[1].ToValueArray(), reply.Length > 2 ? reply[2].ToValueArray() : []);

    public static StreamInfo Info(RedisResult reply) => new(reply.ToDictionary());

    public static StreamFullInfo FullInfo(RedisResult reply) => new(reply.ToDictionary());

    public static StreamGroupInfo[] Groups(RedisResult reply)
    {
        var elements = reply.Elements;
        var result = new StreamGroupInfo[elements.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var f = elements[i].ToDictionary();
            result[i] = new(Value(f, "name"), Int64(f, "consumers") ?? 0, Int64(f, "pending") ?? 0, Value(f, "last-delivered-id"),
                Int64(f, "entries-read"), Int64(f, "lag"));
        }
        return result;
    }

    public static StreamConsumerInfo[] Consumers(RedisResult reply)
    {
        var elements = reply.Elements;
        var result = new StreamConsumerInfo[elements.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var f = elements[i].ToDictionary();
            result[i] = new(Value(f, "name"), Int64(f, "pending") ?? 0, TimeSpan.FromMilliseconds(Int64(f, "idle") ?? 0),
                Int64(f, "inactive") is { } inactive and >= 0 ? TimeSpan.FromMilliseconds(inactive) : null);
        }
        return result;
    }

    /// <summary>XINFO STREAM ... FULL's <c>groups</c>: each a map with its <c>pending</c> list and <c>consumers</c>.</summary>
    public static StreamFullGroup[] FullGroups(RedisResult reply)
    {
        var elements = reply.Elements;
        var result = new StreamFullGroup[elements.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var f = elements[i].ToDictionary();
            var consumers = f.TryGetValue("consumers", out var c) ? c.Elements : [];
            var list = new StreamFullConsumer[consumers.Count];
            for (int j = 0; j < list.Length; j++)
            {
                var cf = consumers[j].ToDictionary();
                var name = Value(cf, "name");
                list[j] = new(name, UnixMilliseconds(Int64(cf, "seen-time") ?? 0), Int64(cf, "active-time") is { } active and >= 0 ? UnixMilliseconds(active) : null,
                    Int64(cf, "pel-count") ?? 0, Deliveries(cf, name));
            }
            result[i] = new(Value(f, "name"), Value(f, "last-delivered-id"), Int64(f, "entries-read"), Int64(f, "lag"), Int64(f, "pel-count") ?? 0,
                Deliveries(f, RedisValue.Null), list);
        }
        return result;
    }

    /// <summary>A <c>pending</c> list: <c>[id, consumer, delivery-time, count]</c> for a group, <c>[id, delivery-time, count]</c> for one <paramref name="consumer"/>.</summary>
    private static StreamDelivery[] Deliveries(Dictionary<string, RedisResult> fields, RedisValue consumer)
    {
        if (!fields.TryGetValue("pending", out var pending)) return [];
        var elements = pending.Elements;
        var result = new StreamDelivery[elements.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var e = elements[i];
            int at = consumer.IsNull ? 2 : 1;
            result[i] = new(e[0].Value, consumer.IsNull ? e[1].Value : consumer, UnixMilliseconds(e[at].ToInt64()), e[at + 1].ToInt64());
        }
        return result;
    }

    private static DateTimeOffset UnixMilliseconds(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static long? Int64(Dictionary<string, RedisResult> fields, string name) =>
        fields.TryGetValue(name, out var r) && !r.IsNull ? r.ToInt64() : null;

    public static RedisValue Value(Dictionary<string, RedisResult> fields, string name) =>
        fields.TryGetValue(name, out var r) ? r.Value : RedisValue.Null;
}

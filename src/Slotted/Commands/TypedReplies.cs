namespace Slotted;

/// <summary>
/// Reads typed answers out of replies whose shape differs between RESP2 and RESP3, so every typed
/// method gives the same answer under both: scores are bulk strings in RESP2 and doubles in RESP3;
/// WITHSCORES / WITHVALUES pairs are flat in RESP2 and nested <c>[member, score]</c> arrays in RESP3;
/// HGETALL is a flat array in RESP2 and a map in RESP3 (kept flat by the reader).
/// </summary>
internal static class TypedReplies
{
    public static double? NullableDouble(RedisResult reply) => reply.IsNull ? null : reply.ToDouble();

    public static long? NullableInt64(RedisResult reply) => reply.IsNull ? null : reply.ToInt64();

    public static double?[] NullableDoubles(RedisResult reply)
    {
        var elements = reply.Elements;
        var result = new double?[elements.Count];
        for (int i = 0; i < result.Length; i++) result[i] = NullableDouble(elements[i]);
        return result;
    }

    public static long[] Int64s(RedisResult reply)
    {
        var elements = reply.Elements;
        var result = new long[elements.Count];
        for (int i = 0; i < result.Length; i++) result[i] = elements[i].ToInt64();
        return result;
    }

    public static bool[] Booleans(RedisResult reply)
    {
        var elements = reply.Elements;
        var result = new bool[elements.Count];
        for (int i = 0; i < result.Length; i++) result[i] = elements[i].ToInt64() != 0;
        return result;
    }

    /// <summary>True when the pairs come nested (RESP3 <c>[[m, s], ...]</c>) rather than flat (<c>[m, s, ...]</c>).</summary>
    private static bool IsNested(IReadOnlyList<RedisResult> elements) => elements.Count > 0 && elements[0].IsAggregate;

    public static SortedSetEntry[] SortedSetEntries(RedisResult reply)
    {
        var elements = reply.Elements;
        if (IsNested(elements))
        {
            var nested = new SortedSetEntry[elements.Count];
            for (int i = 0; i < nested.Length; i++) nested[i] = Entry(elements[i], 0);
            return nested;
        }
        var result = new SortedSetEntry[CheckPairs(elements) / 2];
        for (int i = 0; i < result.Length; i++) result[i] = Entry(reply, 2 * i);
        return result;
    }

    /// <summary>ZPOPMIN / ZPOPMAX without a count: <c>[member, score]</c>, or empty when the key does not exist.</summary>
    public static SortedSetEntry? SortedSetEntry(RedisResult reply)
    {
        var entries = SortedSetEntries(reply);
        return entries.Length == 0 ? null : entries[0];
    }

    private static SortedSetEntry Entry(RedisResult pair, int at) => new(pair[at].Value, pair[at + 1].ToDouble());

    public static HashEntry[] HashEntries(RedisResult reply)
    {
        var elements = reply.Elements;
        if (IsNested(elements))
        {
            var nested = new HashEntry[elements.Count];
            for (int i = 0; i < nested.Length; i++) nested[i] = new HashEntry(elements[i][0].Value, elements[i][1].Value);
            return nested;
        }
        var result = new HashEntry[CheckPairs(elements) / 2];
        for (int i = 0; i < result.Length; i++) result[i] = new HashEntry(elements[2 * i].Value, elements[2 * i + 1].Value);
        return result;
    }

    private static int CheckPairs(IReadOnlyList<RedisResult> elements)
    {
        if (elements.Count % 2 != 0) throw new RedisProtocolException($"Expected pairs, got {elements.Count} elements.");
        return elements.Count;
    }

    /// <summary>A key as the server named it (binary-safe).</summary>
    public static RedisKey Key(RedisResult reply) => new(reply.Value.ToByteArray());

    /// <summary>BLPOP / BRPOP: <c>[key, element]</c>, or null on timeout.</summary>
    public static KeyValuePair<RedisKey, RedisValue>? KeyedValue(RedisResult reply) =>
        reply.IsNull ? null : new(Key(reply[0]), reply[1].Value);

    /// <summary>LMPOP / BLMPOP: <c>[key, [elements]]</c>, or null.</summary>
    public static KeyValuePair<RedisKey, RedisValue[]>? KeyedValues(RedisResult reply) =>
        reply.IsNull ? null : new(Key(reply[0]), reply[1].ToValueArray());

    /// <summary>BZPOPMIN / BZPOPMAX: <c>[key, member, score]</c>, or null on timeout.</summary>
    public static KeyValuePair<RedisKey, SortedSetEntry>? KeyedEntry(RedisResult reply) =>
        reply.IsNull ? null : new(Key(reply[0]), Entry(reply, 1));

    /// <summary>LCS ... IDX WITHMATCHLEN: <c>matches</c> → <c>[[[a1, a2], [b1, b2], len], ...]</c> and <c>len</c>, as a map (RESP3) or flat pairs (RESP2).</summary>
    public static LcsMatchResult LcsMatches(RedisResult reply)
    {
        var fields = reply.ToDictionary();
        if (!fields.TryGetValue("matches", out var matches) || !fields.TryGetValue("len", out var length))
            throw new RedisProtocolException($"Unexpected LCS IDX reply: {reply}");
        var result = new LcsMatch[matches.Length];
        for (int i = 0; i < result.Length; i++)
        {
            var m = matches[i];
            long len = m.Length > 2 ? m[2].ToInt64() : m[0][1].ToInt64() - m[0][0].ToInt64() + 1;
            result[i] = new LcsMatch(m[0][0].ToInt64(), m[0][1].ToInt64(), m[1][0].ToInt64(), m[1][1].ToInt64(), len);
        }
        return new LcsMatchResult(result, length.ToInt64());
    }

    /// <summary>BITFIELD / BITFIELD_RO: one integer per GET, SET and INCRBY, null where OVERFLOW FAIL stopped one.</summary>
    public static long?[] NullableInt64s(RedisResult reply)
    {
        var elements = reply.Elements;
        var result = new long?[elements.Count];
        for (int i = 0; i < result.Length; i++) result[i] = NullableInt64(elements[i]);
        return result;
    }

    /// <summary>A GEOPOS entry or WITHCOORD part: <c>[longitude, latitude]</c> (bulk strings in RESP2, doubles in RESP3), or null.</summary>
    public static GeoPosition? GeoPosition(RedisResult reply) =>
        reply.IsNull ? null : new GeoPosition(reply[0].ToDouble(), reply[1].ToDouble());

    public static GeoPosition?[] GeoPositions(RedisResult reply)
    {
        var elements = reply.Elements;
        var result = new GeoPosition?[elements.Count];
        for (int i = 0; i < result.Length; i++) result[i] = GeoPosition(elements[i]);
        return result;
    }

    /// <summary>
    /// GEOSEARCH: members alone, or (with WITH* flags) <c>[member, dist?, hash?, [lon, lat]?]</c> in
    /// that order, whatever order the flags were written in.
    /// </summary>
    public static GeoSearchResult[] GeoSearchResults(RedisResult reply, GeoSearchDetails details)
    {
        var elements = reply.Elements;
        var result = new GeoSearchResult[elements.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var e = elements[i];
            if (!e.IsAggregate)
            {
                result[i] = new GeoSearchResult(e.Value, null, null, null);
                continue;
            }
            int at = 1;
            double? distance = (details & GeoSearchDetails.Distance) != 0 ? e[at++].ToDouble() : null;
            long? hash = (details & GeoSearchDetails.Hash) != 0 ? e[at++].ToInt64() : null;
            GeoPosition? position = (details & GeoSearchDetails.Position) != 0 ? GeoPosition(e[at]) : null;
            result[i] = new GeoSearchResult(e[0].Value, distance, hash, position);
        }
        return result;
    }
}

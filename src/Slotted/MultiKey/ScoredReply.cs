namespace Slotted.MultiKey;

/// <summary>Reads a <c>WITHSCORES</c> reply: RESP2 gives a flat member, score, … list; RESP3 gives [member, score] pairs.</summary>
internal static class ScoredReply
{
    public static List<SortedSetEntry> Read(RedisResult reply)
    {
        var elements = reply.Elements;
        var result = new List<SortedSetEntry>(elements.Count);
        if (elements.Count > 0 && elements[0].IsAggregate)
        {
            foreach (var pair in elements) result.Add(new SortedSetEntry(pair[0].Value, pair[1].ToDouble()));
            return result;
        }
        for (int i = 0; i + 1 < elements.Count; i += 2) result.Add(new SortedSetEntry(elements[i].Value, elements[i + 1].ToDouble()));
        return result;
    }
}

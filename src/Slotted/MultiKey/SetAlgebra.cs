namespace Slotted.MultiKey;

/// <summary>SINTER / SUNION / SDIFF over sets already fetched (each a list of distinct members).</summary>
internal static class SetAlgebra
{
    public static List<RedisValue> Intersect(IReadOnlyList<RedisValue[]> sets)
    {
        if (sets.Count == 0) return [];
        int smallest = 0;
        for (int i = 1; i < sets.Count; i++) if (sets[i].Length < sets[smallest].Length) smallest = i;
        var others = new HashSet<RedisValue>[sets.Count];
        for (int i = 0; i < sets.Count; i++) if (i != smallest) others[i] = [.. sets[i]];
        var result = new List<RedisValue>();
        var seen = new HashSet<RedisValue>();
        foreach (var member in sets[smallest])
        {
            bool inAll = true;
            for (int i = 0; i < sets.Count && inAll; i++) if (i != smallest && !others[i].Contains(member)) inAll = false;
            if (inAll && seen.Add(member)) result.Add(member);
        }
        return result;
    }

    public static List<RedisValue> Union(IReadOnlyList<RedisValue[]> sets)
    {
        var seen = new HashSet<RedisValue>();
        var result = new List<RedisValue>();
        foreach (var set in sets)
        {
            foreach (var member in set) if (seen.Add(member)) result.Add(member);
        }
        return result;
    }

    /// <summary>The members of <paramref name="first"/> in none of <paramref name="others"/>.</summary>
    public static List<RedisValue> Difference(RedisValue[] first, IReadOnlyList<RedisValue[]> others)
    {
        var removed = new HashSet<RedisValue>();
        foreach (var set in others) removed.UnionWith(set);
        var seen = new HashSet<RedisValue>();
        var result = new List<RedisValue>();
        foreach (var member in first) if (!removed.Contains(member) && seen.Add(member)) result.Add(member);
        return result;
    }
}

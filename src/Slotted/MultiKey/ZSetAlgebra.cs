namespace Slotted.MultiKey;

/// <summary>
/// ZUNION / ZINTER / ZDIFF over inputs already fetched, following Redis's own algorithm step for
/// step so the scores come out bit-identical: inputs are taken smallest first (Redis sorts them by
/// cardinality, which decides the order of additions and so the result where +inf meets -inf);
/// a weighted score that is NaN (inf × 0) becomes 0; SUM turns NaN (inf + -inf) into 0; MIN/MAX
/// keep the current score when compared with NaN. The result is ordered as a sorted set: by score,
/// then by member bytes.
/// </summary>
internal static class ZSetAlgebra
{
    public static List<SortedSetEntry> Combine(ZSetOperation operation, IReadOnlyList<IReadOnlyList<SortedSetEntry>> inputs,
        IReadOnlyList<double>? weights, Aggregate aggregate)
    {
        var result = operation switch
        {
            ZSetOperation.Union => Union(BySize(inputs, weights), aggregate),
            ZSetOperation.Inter => Inter(BySize(inputs, weights), aggregate),
            ZSetOperation.Diff => Diff(inputs),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
        Sort(result);
        return result;
    }

    /// <summary>Sorts entries as a sorted set orders them: score ascending, then member bytes.</summary>
    public static void Sort(List<SortedSetEntry> entries)
    {
        var keyed = new (double Score, byte[] Member, SortedSetEntry Entry)[entries.Count];
        for (int i = 0; i < keyed.Length; i++) keyed[i] = (entries[i].Score, BinaryOrder.Bytes(entries[i].Member), entries[i]);
        Array.Sort(keyed, static (a, b) =>
        {
            if (a.Score < b.Score) return -1;
            if (a.Score > b.Score) return 1;
            return BinaryOrder.Instance.Compare(a.Member, b.Member);
        });
        for (int i = 0; i < keyed.Length; i++) entries[i] = keyed[i].Entry;
    }

    /// <summary>One step of AGGREGATE, exactly as Redis's zunionInterAggregate.</summary>
    public static double Combine(double target, double value, Aggregate aggregate)
    {
        switch (aggregate)
        {
            case Aggregate.Sum:
                double sum = target + value;
                return double.IsNaN(sum) ? 0 : sum;
            case Aggregate.Min:
                return value < target ? value : target;
            case Aggregate.Max:
                return value > target ? value : target;
            default:
                throw new ArgumentOutOfRangeException(nameof(aggregate));
        }
    }

    /// <summary>The inputs with their weights, smallest first; inputs of equal size keep the order they were named in.</summary>
    private static (IReadOnlyList<SortedSetEntry> Entries, double Weight)[] BySize(IReadOnlyList<IReadOnlyList<SortedSetEntry>> inputs, IReadOnlyList<double>? weights)
    {
        var indexes = new int[inputs.Count];
        for (int i = 0; i < indexes.Length; i++) indexes[i] = i;
        Array.Sort(indexes, (a, b) =>
        {
            int c = inputs[a].Count.CompareTo(inputs[b].Count);
            return c != 0 ? c : a.CompareTo(b);
        });
        var sorted = new (IReadOnlyList<SortedSetEntry>, double)[indexes.Length];
        for (int i = 0; i < sorted.Length; i++) sorted[i] = (inputs[indexes[i]], weights is null ? 1 : weights[indexes[i]]);
        return sorted;
    }

    private static double Weighted(double score, double weight)
    {
        double value = weight * score;
        return double.IsNaN(value) ? 0 : value;
    }

    private static List<SortedSetEntry> Union((IReadOnlyList<SortedSetEntry> Entries, double Weight)[] inputs, Aggregate aggregate)
    {
        var scores = new Dictionary<RedisValue, double>();
        var order = new List<RedisValue>();
        foreach (var (entries, weight) in inputs)
        {
            foreach (var entry in entries)
            {
                double value = Weighted(entry.Score, weight);
                if (scores.TryGetValue(entry.Member, out double current))
                {
                    scores[entry.Member] = Combine(current, value, aggregate);
                }
                else
                {
                    scores.Add(entry.Member, value);
                    order.Add(entry.Member);
                }
            }
        }
        var result = new List<SortedSetEntry>(order.Count);
        foreach (var member in order) result.Add(new SortedSetEntry(member, scores[member]));
        return result;
    }

    private static List<SortedSetEntry> Inter((IReadOnlyList<SortedSetEntry> Entries, double Weight)[] inputs, Aggregate aggregate)
    {
        var result = new List<SortedSetEntry>();
        if (inputs.Length == 0 || inputs[0].Entries.Count == 0) return result;
        var lookups = new Dictionary<RedisValue, double>[inputs.Length];
        for (int i = 1; i < inputs.Length; i++)
        {
            var d = new Dictionary<RedisValue, double>(inputs[i].Entries.Count);
            foreach (var e in inputs[i].Entries) d[e.Member] = e.Score;
            lookups[i] = d;
        }
        foreach (var entry in inputs[0].Entries)
        {
            double score = Weighted(entry.Score, inputs[0].Weight);
            bool inAll = true;
            for (int j = 1; j < inputs.Length; j++)
            {
                if (!lookups[j].TryGetValue(entry.Member, out double other))
                {
                    inAll = false;
                    break;
                }
                // Redis does not clear a NaN product here; SUM clears the sum, MIN/MAX ignore it.
                score = Combine(score, other * inputs[j].Weight, aggregate);
            }
            if (inAll) result.Add(new SortedSetEntry(entry.Member, score));
        }
        return result;
    }

    private static List<SortedSetEntry> Diff(IReadOnlyList<IReadOnlyList<SortedSetEntry>> inputs)
    {
        var result = new List<SortedSetEntry>();
        if (inputs.Count == 0) return result;
        var removed = new HashSet<RedisValue>();
        for (int i = 1; i < inputs.Count; i++) foreach (var e in inputs[i]) removed.Add(e.Member);
        foreach (var e in inputs[0]) if (!removed.Contains(e.Member)) result.Add(e);
        return result;
    }
}

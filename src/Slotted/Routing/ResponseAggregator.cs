namespace Slotted.Routing;

/// <summary>
/// Combines the replies of a command sent to several nodes as the command's <c>response_policy</c>
/// tip says (Redis command tips): sums, minimum, maximum, logical AND/OR, "all succeeded", "one
/// succeeded". Without a policy, arrays are concatenated (KEYS) and anything else becomes a map from
/// node ("host:port") to its reply.
/// </summary>
internal static class ResponseAggregator
{
    public static RedisResult Aggregate(ResponsePolicy policy, IReadOnlyList<string> endPoints, IReadOnlyList<RedisResult> replies)
    {
        if (replies.Count == 0) return RedisResult.Null;
        switch (policy)
        {
            case ResponsePolicy.OneSucceeded:
                foreach (var r in replies) if (!r.IsError) return r;
                return replies[0];
            case ResponsePolicy.AllSucceeded:
                foreach (var r in replies) if (r.IsError) return r;
                return replies[0];
            case ResponsePolicy.AggSum or ResponsePolicy.AggMin or ResponsePolicy.AggMax or ResponsePolicy.AggLogicalAnd or ResponsePolicy.AggLogicalOr:
                return Numeric(policy, replies);
            default:
                foreach (var r in replies) if (r.IsError) return r;
                bool allArrays = true;
                foreach (var r in replies) allArrays &= r.Type is RedisResultType.Array or RedisResultType.Set;
                if (allArrays)
                {
                    var all = new List<RedisResult>();
                    foreach (var r in replies) all.AddRange(r.Elements);
                    return RedisResult.Array([.. all]);
                }
                return ByNode(endPoints, replies);
        }
    }

    /// <summary>A map reply: node, reply, node, reply...</summary>
    public static RedisResult ByNode(IReadOnlyList<string> endPoints, IReadOnlyList<RedisResult> replies)
    {
        var flat = new RedisResult[replies.Count * 2];
        for (int i = 0; i < replies.Count; i++)
        {
            flat[2 * i] = RedisResult.BulkString(endPoints[i]);
            flat[2 * i + 1] = replies[i];
        }
        return RedisResult.Aggregate(RedisResultType.Map, flat);
    }

    private static RedisResult Numeric(ResponsePolicy policy, IReadOnlyList<RedisResult> replies)
    {
        foreach (var r in replies) if (r.IsError) return r;
        if (replies[0].IsAggregate) return ElementWise(policy, replies);
        long acc = Value(replies[0]);
        for (int i = 1; i < replies.Count; i++) acc = Combine(policy, acc, Value(replies[i]));
        return RedisResult.Integer(acc);
    }

    // SCRIPT EXISTS answers one integer per SHA: AND them position by position.
    private static RedisResult ElementWise(ResponsePolicy policy, IReadOnlyList<RedisResult> replies)
    {
        var acc = new long[replies[0].Length];
        for (int j = 0; j < acc.Length; j++) acc[j] = Value(replies[0][j]);
        for (int i = 1; i < replies.Count; i++)
            for (int j = 0; j < acc.Length && j < replies[i].Length; j++) acc[j] = Combine(policy, acc[j], Value(replies[i][j]));
        var elements = new RedisResult[acc.Length];
        for (int j = 0; j < acc.Length; j++) elements[j] = RedisResult.Integer(acc[j]);
        return RedisResult.Array(elements);
    }

    private static long Value(RedisResult r) => r.Type == RedisResultType.Boolean ? (r.ToBoolean() ? 1 : 0) : r.ToInt64();

    private static long Combine(ResponsePolicy policy, long a, long b) => policy switch
    {
        ResponsePolicy.AggSum => a + b,
        ResponsePolicy.AggMin => Math.Min(a, b),
        ResponsePolicy.AggMax => Math.Max(a, b),
        ResponsePolicy.AggLogicalAnd => a != 0 && b != 0 ? 1 : 0,
        _ => a != 0 || b != 0 ? 1 : 0,
    };
}

namespace Slotted.MultiKey;

/// <summary>
/// What the emulations learned about the cluster's servers, kept per client. Before Redis 7.4
/// (Valkey 8.0) a server refuses SORT's BY/GET patterns in cluster mode altogether ("BY option of
/// SORT denied in Cluster mode"); later ones accept them when the pattern's hash tag is the sorted
/// key's slot (7.4 also wrongly refuses <c>GET #</c>). The first refusal switches this client to
/// resolving patterns itself, which gives the same answer.
/// </summary>
internal sealed class MultiKeyFeatures
{
    private volatile bool _sortPatternsRefused;

    /// <summary>False once a server refused an in-slot SORT pattern.</summary>
    public bool SortPatternsInSlot => !_sortPatternsRefused;

    public void RefuseSortPatterns() => _sortPatternsRefused = true;

    /// <summary>True for the server's refusal of a BY/GET pattern in cluster mode (both the 7.0 and the later wording).</summary>
    public static bool IsSortPatternRefusal(RedisResult reply) =>
        reply.IsError && (reply.Value.ToString() ?? "").Contains("option of SORT denied in Cluster mode", StringComparison.Ordinal);
}

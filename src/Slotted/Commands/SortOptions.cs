namespace Slotted;

/// <summary>
/// The options of SORT (https://redis.io/docs/latest/commands/sort/): what to sort by, which
/// range to return, what to return for each element, and the order.
/// </summary>
public sealed record SortOptions
{
    /// <summary>The options that sort the elements themselves, numerically and ascending.</summary>
    public static SortOptions Default { get; } = new();

    /// <summary>
    /// <c>BY pattern</c>: sort by the values of other keys, named by substituting each element for
    /// the first <c>*</c> (<c>weight_*</c>, or <c>data_*-&gt;field</c> for a hash field). A pattern
    /// without <c>*</c> (conventionally <c>nosort</c>) skips sorting. Null: sort by the elements.
    /// </summary>
    public RedisValue By { get; init; }

    /// <summary>
    /// <c>GET pattern</c>, repeatable: for each element return these values instead of the element
    /// (<c>#</c> is the element itself). Empty: return the elements.
    /// </summary>
    public IReadOnlyList<RedisValue> Get { get; init; } = [];

    /// <summary><c>LIMIT offset count</c>: elements to skip (0 = none).</summary>
    public long Offset { get; init; }

    /// <summary><c>LIMIT offset count</c>: how many elements to return; null (or negative) = all after <see cref="Offset"/>.</summary>
    public long? Count { get; init; }

    /// <summary><c>DESC</c>: largest first.</summary>
    public bool Descending { get; init; }

    /// <summary><c>ALPHA</c>: compare as strings (byte order) instead of as numbers.</summary>
    public bool Alpha { get; init; }
}

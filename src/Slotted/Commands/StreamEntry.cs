namespace Slotted;

/// <summary>
/// One entry of a Redis stream (https://redis.io/docs/latest/develop/data-types/streams/): its id
/// (<c>milliseconds-sequence</c>, e.g. <c>1700000000000-0</c>) and its fields with their values, in
/// the order they were added. XRANGE, XREVRANGE, XREAD, XREADGROUP, XCLAIM and XAUTOCLAIM return them.
/// </summary>
/// <param name="Id">The entry's id.</param>
/// <param name="Values">The fields and values; empty for an entry that was deleted while still pending
/// (XREADGROUP reading a consumer's history returns such entries with their id only).</param>
public readonly record struct StreamEntry(RedisValue Id, HashEntry[] Values)
{
    /// <summary>True for an entry that is still pending in a group but was deleted from the stream (it has no fields).</summary>
    public bool IsDeleted => Values is null || Values.Length == 0;

    /// <summary>The value of the first field named <paramref name="name"/>; <see cref="RedisValue.Null"/> when there is none.</summary>
    public RedisValue this[RedisValue name]
    {
        get
        {
            foreach (var field in Values ?? []) if (field.Name == name) return field.Value;
            return RedisValue.Null;
        }
    }
}

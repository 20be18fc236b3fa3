namespace Slotted;

/// <summary>
/// One field of a Redis hash and its value, as HGETALL and HRANDFIELD ... WITHVALUES return them.
/// Field names are binary-safe <see cref="RedisValue"/>s; see <see cref="HashEntryExtensions.ToDictionary"/>
/// for a dictionary keyed by text.
/// </summary>
/// <param name="Name">The field name.</param>
/// <param name="Value">The field's value.</param>
public readonly record struct HashEntry(RedisValue Name, RedisValue Value)
{
    /// <summary>The entry as a key/value pair (what HSET with many fields takes).</summary>
    public static implicit operator KeyValuePair<RedisValue, RedisValue>(HashEntry entry) => new(entry.Name, entry.Value);
}

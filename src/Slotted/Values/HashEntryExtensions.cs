namespace Slotted;

/// <summary>Conversions for the <see cref="HashEntry"/> arrays that hash commands return.</summary>
public static class HashEntryExtensions
{
    /// <summary>The entries as a dictionary keyed by the field names' text (UTF-8 decoded); a later duplicate wins.</summary>
    public static Dictionary<string, RedisValue> ToDictionary(this IReadOnlyList<HashEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var result = new Dictionary<string, RedisValue>(entries.Count, StringComparer.Ordinal);
        for (int i = 0; i < entries.Count; i++) result[entries[i].Name.ToString() ?? ""] = entries[i].Value;
        return result;
    }
}

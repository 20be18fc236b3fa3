namespace Slotted;

/// <summary>Argument checks shared by every public method: bad input fails before anything is sent.</summary>
internal static class Guard
{
    public static void Key(RedisKey key, string paramName = "key")
    {
        if (key.IsNull) throw new ArgumentNullException(paramName, "A key cannot be null.");
        if (key.IsNullOrEmpty) throw new ArgumentException("A key cannot be empty.", paramName);
    }

    public static void Keys(IReadOnlyCollection<RedisKey>? keys, string paramName = "keys")
    {
        ArgumentNullException.ThrowIfNull(keys, paramName);
        if (keys.Count == 0) throw new ArgumentException("At least one key is required.", paramName);
        foreach (var key in keys) Key(key, paramName);
    }

    public static void Value(RedisValue value, string paramName = "value")
    {
        if (value.IsNull) throw new ArgumentNullException(paramName, "A value cannot be null.");
    }
}

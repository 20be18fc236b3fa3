namespace Slotted;

/// <summary>Turns one node's reply into the typed value the node-level commands return (shared so each lambda exists once).</summary>
internal static class ReplyConverters
{
    public static readonly Func<RedisResult, string> Text = static r => r.ToString() ?? "";
    public static readonly Func<RedisResult, RedisValue> Value = static r => r.Value;
    public static readonly Func<RedisResult, long> Integer = static r => r.ToInt64();
    public static readonly Func<RedisResult, RedisInfo> InfoText = static r => new RedisInfo(r.ToString() ?? "");
    public static readonly Func<RedisResult, DateTimeOffset> UnixSeconds = static r => DateTimeOffset.FromUnixTimeSeconds(r.ToInt64());

    public static readonly Func<RedisResult, bool> Ok = static r =>
        r.Type == RedisResultType.SimpleString && r.ToString() == "OK" ? true : throw new InvalidCastException($"Expected OK, got '{r}'.");

    // TIME: [unix seconds, microseconds], as bulk strings in both protocols.
    public static readonly Func<RedisResult, DateTimeOffset> ServerTime = static r =>
        DateTimeOffset.FromUnixTimeSeconds(r[0].ToInt64()).AddTicks(r[1].ToInt64() * TimeSpan.TicksPerMicrosecond);

    // CONFIG GET: a RESP3 map or a RESP2 flat list of name, value.
    public static readonly Func<RedisResult, IReadOnlyDictionary<string, string>> ConfigValues = static r =>
    {
        var values = new Dictionary<string, string>(r.Length / 2, StringComparer.Ordinal);
        foreach (var (name, value) in r.ToDictionary()) values[name] = value.ToString() ?? "";
        return values;
    };

    public static readonly Func<RedisResult, IReadOnlyList<SlowlogEntry>> Slowlog = SlowlogEntry.ParseList;

    public static readonly Func<RedisResult, IReadOnlyList<ClientInfo>> ClientList = static r => ClientInfo.ParseList(r.ToString());

    public static readonly Func<RedisResult, string?> NullableText = static r => r.ToString();

    public static readonly Func<RedisResult, RedisKey[]> KeyList = static r =>
    {
        var keys = new RedisKey[r.Length];
        for (int i = 0; i < keys.Length; i++) keys[i] = ToKey(r[i].Value);
        return keys;
    };

    public static RedisKey ToKey(RedisValue value) => value.RawObject switch
    {
        byte[] bytes => new RedisKey(bytes),
        _ => new RedisKey(value.ToString()),
    };
}

using System.Globalization;
using System.Text;

namespace Slotted.ClusterTests.MultiKey;

/// <summary>
/// Key sets for parity tests: "spread" keys, each in its own slot and (as far as possible) each on a
/// different primary than the one before, for the emulation; and "tagged" keys sharing one
/// {hash tag}, for the native command on the same data.
/// </summary>
internal static class ParityKeys
{
    public static RedisKey[] Spread(RedisCluster cluster, string name, int count)
    {
        string id = Guid.NewGuid().ToString("N")[..10];
        var keys = new List<RedisKey>(count);
        var slots = new HashSet<int>();
        for (int i = 0; keys.Count < count; i++)
        {
            string key = $"mk:{name}:{id}:{i}";
            int slot = RedisCluster.GetSlot(key);
            if (slots.Contains(slot)) continue;
            if (keys.Count > 0 && i < 10_000 && cluster.GetNodeForKey(key) == cluster.GetNodeForKey(keys[^1])) continue;
            slots.Add(slot);
            keys.Add(key);
        }
        return [.. keys];
    }

    public static RedisKey[] Tagged(string name, int count)
    {
        string tag = Guid.NewGuid().ToString("N")[..10];
        var keys = new RedisKey[count];
        for (int i = 0; i < count; i++) keys[i] = $"{{mk:{tag}}}:{name}:{i}";
        return keys;
    }

    /// <summary>The key's hash tag with braces ("{mk:…}") — for SORT patterns that the server accepts natively.</summary>
    public static string TagOf(RedisKey key)
    {
        string s = key!;
        return s[..(s.IndexOf('}') + 1)];
    }

    /// <summary>A readable, order-independent description of a key's type, value and whether it has a TTL.</summary>
    public static async Task<string> StateAsync(RedisCluster cluster, RedisKey key)
    {
        string type = (await cluster.TypeAsync(key)).ToString();
        string value = type switch
        {
            "none" => "",
            "string" => Show((await cluster.ExecuteAsync("GET", key)).Value),
            "list" => string.Join(",", (await cluster.ExecuteAsync("LRANGE", key, 0, -1)).ToValueArray().Select(Show)),
            "set" => string.Join(",", (await cluster.ExecuteAsync("SMEMBERS", key)).ToValueArray().Select(Show).Order(StringComparer.Ordinal)),
            "zset" => string.Join(",", Pairs(await cluster.ExecuteAsync("ZRANGE", key, 0, -1, "WITHSCORES"))),
            "hash" => string.Join(",", Pairs(await cluster.ExecuteAsync("HGETALL", key)).Order(StringComparer.Ordinal)),
            _ => "?",
        };
        long pttl = (long)await cluster.ExecuteAsync("PTTL", key);
        return $"{type}[{value}]{(pttl > 0 ? " ttl" : "")}";
    }

    public static string Show(RedisValue v) => v.IsNull ? "(nil)" : Encoding.UTF8.GetString(v.ToByteArray()!);

    public static string[] Sorted(IEnumerable<RedisValue> values) => values.Select(Show).Order(StringComparer.Ordinal).ToArray();

    private static IEnumerable<string> Pairs(RedisResult reply)
    {
        var e = reply.Elements;
        if (e.Count > 0 && e[0].IsAggregate)
        {
            foreach (var p in e) yield return $"{Show(p[0].Value)}={Score(p[1])}";
            yield break;
        }
        for (int i = 0; i + 1 < e.Count; i += 2) yield return $"{Show(e[i].Value)}={Score(e[i + 1])}";
    }

    private static string Score(RedisResult r) => r.Type == RedisResultType.Double ? r.ToDouble().ToString("R", CultureInfo.InvariantCulture) : Show(r.Value);
}

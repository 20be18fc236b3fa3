using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.Commands;

/// <summary>Shared helpers for the typed-command tests.</summary>
internal static class CommandTest
{
    /// <summary>A client speaking RESP<paramref name="protocol"/> (3 is negotiated by default).</summary>
    public static Task<RedisCluster> ConnectAsync(ClusterFixture fixture, int protocol = 3, string extra = "") =>
        RedisCluster.ConnectAsync(fixture.StartupNodes + (protocol == 2 ? ",protocol=2" : "") + extra);

    /// <summary>A unique key, so tests sharing the cluster never meet.</summary>
    public static string Key(string name) => $"{name}:{Guid.NewGuid():N}";

    /// <summary>Several unique keys in one slot (one hash tag).</summary>
    public static RedisKey[] SameSlotKeys(string name, int count)
    {
        string tag = $"{{{name}-{Guid.NewGuid():N}}}";
        var keys = new RedisKey[count];
        for (int i = 0; i < count; i++) keys[i] = $"{tag}:{i}";
        return keys;
    }

    /// <summary>Two keys that hash to different slots.</summary>
    public static (string A, string B) CrossSlotKeys(string name)
    {
        string a = Key(name + "-a");
        while (true)
        {
            string b = Key(name + "-b");
            if (RedisCluster.GetSlot(a) != RedisCluster.GetSlot(b)) return (a, b);
        }
    }

    public static string[] Text(IEnumerable<RedisValue> values) => values.Select(v => v.ToString()!).ToArray();
}

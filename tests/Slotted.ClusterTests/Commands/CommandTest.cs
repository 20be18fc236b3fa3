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

    /// <summary>The port of the primary that serves <paramref name="key"/>.</summary>
    public static int PortOf(RedisCluster cluster, RedisKey key) => RedisClusterOptions.ParseEndPoint(cluster.GetNodeForKey(key)!).Port;

    /// <summary>A CLIENT LIST line whose flags include <c>b</c> (waiting in a blocking operation).</summary>
    private static bool IsBlocked(string clientLine)
    {
        foreach (string field in clientLine.Split(' '))
        {
            if (field.StartsWith("flags=", StringComparison.Ordinal)) return field.AsSpan(6).Contains('b');
        }
        return false;
    }

    /// <summary>Waits until the primary that serves <paramref name="key"/> has (or no longer has) a client blocked in a command.</summary>
    public static async Task WaitForBlockedClients(ClusterFixture fixture, RedisKey key, bool blocked)
    {
        await using var probe = await ConnectAsync(fixture);
        await WaitForBlockedClients(fixture, PortOf(probe, key), blocked);
    }

    /// <summary>Waits until the node on <paramref name="port"/> has (or no longer has) a client blocked in a command.</summary>
    public static async Task WaitForBlockedClients(ClusterFixture fixture, int port, bool blocked)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            string clients = fixture.Cluster.RedisCli(port, "CLIENT", "LIST");
            bool any = clients.Split('\n').Any(IsBlocked);
            if (any == blocked) return;
            await Task.Delay(20);
        }
        throw new TimeoutException($"No client {(blocked ? "became" : "stopped being")} blocked on 127.0.0.1:{port}.");
    }
}

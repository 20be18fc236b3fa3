using System.Globalization;
using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.ReadFrom;

/// <summary>What a node says about the commands it ran and the clients it holds (INFO, CLIENT LIST), read with redis-cli.</summary>
internal static class NodeStats
{
    /// <summary>A field of <c>cmdstat_&lt;command&gt;</c> in INFO commandstats (calls, rejected_calls, failed_calls); 0 when never run.</summary>
    public static long CommandStat(LocalCluster cluster, int port, string command, string field = "calls") =>
        Field(cluster.RedisCli(port, "INFO", "commandstats"), "cmdstat_" + command.ToLowerInvariant(), field);

    /// <summary>The count of an error prefix in INFO errorstats (for example MOVED); 0 when never answered.</summary>
    public static long ErrorStat(LocalCluster cluster, int port, string prefix) =>
        Field(cluster.RedisCli(port, "INFO", "errorstats"), "errorstat_" + prefix, "count");

    private static long Field(string info, string name, string field)
    {
        foreach (string raw in info.Split('\n'))
        {
            string line = raw.Trim();
            if (!line.StartsWith(name + ":", StringComparison.Ordinal)) continue;
            foreach (string pair in line[(name.Length + 1)..].Split(','))
            {
                int eq = pair.IndexOf('=');
                if (eq > 0 && pair[..eq] == field) return long.Parse(pair[(eq + 1)..], CultureInfo.InvariantCulture);
            }
        }
        return 0;
    }

    /// <summary>The CLIENT LIST entries of the node whose name is <paramref name="clientName"/>, as field maps.</summary>
    public static List<Dictionary<string, string>> Clients(LocalCluster cluster, int port, string clientName)
    {
        var result = new List<Dictionary<string, string>>();
        foreach (string raw in cluster.RedisCli(port, "CLIENT", "LIST").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string pair in raw.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = pair.IndexOf('=');
                if (eq > 0) fields[pair[..eq]] = pair[(eq + 1)..];
            }
            if (fields.TryGetValue("name", out var name) && name == clientName) result.Add(fields);
        }
        return result;
    }

    public static int PortOf(string endPoint) => RedisClusterOptions.ParseEndPoint(endPoint).Port;
}

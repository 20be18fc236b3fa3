using System.Globalization;
using Slotted.ClusterTests.Infrastructure;

namespace Slotted.FaultTests.Infrastructure;

/// <summary>Counters a node keeps about what it was sent: <c>INFO commandstats</c> and <c>INFO errorstats</c>.</summary>
public static class ServerStats
{
    /// <summary>How many times the node ran <paramref name="command"/> (lower case, e.g. "asking", "get").</summary>
    public static long Calls(LocalCluster cluster, int port, string command) =>
        Field(cluster.RedisCli(port, "INFO", "commandstats"), "cmdstat_" + command + ":", "calls=");

    /// <summary>Total calls of several commands.</summary>
    public static long Calls(LocalCluster cluster, int port, IEnumerable<string> commands)
    {
        string info = cluster.RedisCli(port, "INFO", "commandstats");
        long total = 0;
        foreach (string command in commands) total += Field(info, "cmdstat_" + command + ":", "calls=");
        return total;
    }

    /// <summary>
    /// Commands the node refused before running them (a redirect such as MOVED or ASK, CLUSTERDOWN, ...):
    /// <c>rejected_calls</c> of <paramref name="command"/>.
    /// </summary>
    public static long Rejected(LocalCluster cluster, int port, string command) =>
        Field(cluster.RedisCli(port, "INFO", "commandstats"), "cmdstat_" + command + ":", "rejected_calls=");

    /// <summary>How many error replies starting with <paramref name="prefix"/> (e.g. "MOVED", "ASK", "TRYAGAIN") the node sent.</summary>
    public static long Errors(LocalCluster cluster, int port, string prefix) =>
        Field(cluster.RedisCli(port, "INFO", "errorstats"), "errorstat_" + prefix + ":", "count=");

    private static long Field(string info, string linePrefix, string field)
    {
        foreach (string line in info.Split('\n', StringSplitOptions.TrimEntries))
        {
            if (!line.StartsWith(linePrefix, StringComparison.Ordinal)) continue;
            foreach (string part in line[linePrefix.Length..].Split(','))
            {
                if (part.StartsWith(field, StringComparison.Ordinal))
                    return long.Parse(part[field.Length..], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}

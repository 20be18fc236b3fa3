using System.Globalization;
using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.SeedParity;

/// <summary>
/// What each node says it ran, from <c>INFO commandstats</c> / <c>INFO errorstats</c> read with
/// redis-cli (not through the client under test): proves where a command ran, and that a refused
/// command never reached any node.
/// </summary>
internal sealed class ServerStats
{
    private readonly Dictionary<int, RedisInfo> _commandStats = [];
    private readonly Dictionary<int, RedisInfo> _errorStats = [];

    private ServerStats()
    {
    }

    /// <summary>Reads every node's command and error statistics now.</summary>
    public static ServerStats Take(LocalCluster cluster)
    {
        var stats = new ServerStats();
        foreach (int port in cluster.Ports)
        {
            stats._commandStats[port] = new RedisInfo(cluster.RedisCli(port, "INFO", "commandstats"));
            stats._errorStats[port] = new RedisInfo(cluster.RedisCli(port, "INFO", "errorstats"));
        }
        return stats;
    }

    /// <summary>How often <paramref name="command"/> ("get", "object|encoding") ran on <paramref name="port"/>.</summary>
    public long Calls(int port, string command) => Field(port, command, "calls");

    /// <summary>How often <paramref name="command"/> was refused before running (MOVED, ASK, unknown arguments ...) on <paramref name="port"/>.</summary>
    public long Rejected(int port, string command) => Field(port, command, "rejected_calls");

    /// <summary>Calls, rejected and failed calls of <paramref name="command"/>, added up over every node.</summary>
    public long Everything(string command)
    {
        long total = 0;
        foreach (int port in _commandStats.Keys)
            total += Field(port, command, "calls") + Field(port, command, "rejected_calls") + Field(port, command, "failed_calls");
        return total;
    }

    /// <summary>Error replies with <paramref name="prefix"/> ("ERR"), added up over every node.</summary>
    public long Errors(string prefix)
    {
        long total = 0;
        foreach (var info in _errorStats.Values)
        {
            if (info.GetSubfields("errorstat_" + prefix).TryGetValue("count", out string? count)) total += long.Parse(count, CultureInfo.InvariantCulture);
        }
        return total;
    }

    /// <summary>The ports whose <paramref name="command"/> call count differs between two snapshots, with the difference.</summary>
    public static Dictionary<int, long> CallsDelta(ServerStats before, ServerStats after, string command)
    {
        var delta = new Dictionary<int, long>();
        foreach (int port in after._commandStats.Keys)
        {
            long d = after.Calls(port, command) - before.Calls(port, command);
            if (d != 0) delta[port] = d;
        }
        return delta;
    }

    /// <summary>Rejected calls of <paramref name="command"/> added between two snapshots, over every node.</summary>
    public static long RejectedDelta(ServerStats before, ServerStats after, string command)
    {
        long total = 0;
        foreach (int port in after._commandStats.Keys) total += after.Rejected(port, command) - before.Rejected(port, command);
        return total;
    }

    private long Field(int port, string command, string field) =>
        _commandStats[port].GetSubfields("cmdstat_" + command).TryGetValue(field, out string? v) ? long.Parse(v, CultureInfo.InvariantCulture) : 0;
}

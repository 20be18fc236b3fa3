using System.Globalization;
using Slotted.ClusterTests.Infrastructure;

namespace Slotted.FaultTests.Infrastructure;

/// <summary>Runs <c>redis-cli --cluster</c> subcommands (reshard, rebalance, add-node, del-node) as an operator would.</summary>
public static class ClusterManager
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>Moves <paramref name="slots"/> slots from one primary to another, keys included, without asking.</summary>
    public static string Reshard(int anyPort, string fromId, string toId, int slots) =>
        Run("reshard", Address(anyPort), "--cluster-from", fromId, "--cluster-to", toId,
            "--cluster-slots", slots.ToString(CultureInfo.InvariantCulture), "--cluster-yes");

    /// <summary>Evens out the slots among the primaries (including empty ones when <paramref name="useEmptyMasters"/>).</summary>
    public static string Rebalance(int anyPort, bool useEmptyMasters = false) =>
        useEmptyMasters ? Run("rebalance", Address(anyPort), "--cluster-use-empty-masters") : Run("rebalance", Address(anyPort));

    /// <summary>Adds the empty node at <paramref name="newPort"/> as a primary without slots.</summary>
    public static string AddNode(int newPort, int existingPort) => Run("add-node", Address(newPort), Address(existingPort));

    /// <summary>Removes an empty node from the cluster (the others forget it; it is reset).</summary>
    public static string DelNode(int anyPort, string nodeId) => Run("del-node", Address(anyPort), nodeId);

    private static string Address(int port) => "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);

    private static string Run(params string[] args)
    {
        ProcessResult result = ProcessRunner.Run("redis-cli", ["--cluster", .. args], Timeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"redis-cli --cluster {string.Join(' ', args)} exited with {result.ExitCode}:\n{result.Combined}");
        }

        return result.StandardOutput;
    }
}

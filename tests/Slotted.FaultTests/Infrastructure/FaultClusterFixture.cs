using Slotted.Cli;
using System.Globalization;
using Slotted.ClusterTests.Infrastructure;

namespace Slotted.FaultTests.Infrastructure;

/// <summary>
/// The fault suite's own six-node cluster (faults damage it, so it is never the one other tests use):
/// base port from <c>SLOTTED_FAULT_BASE_PORT</c> (default 7200), nodes in <c>&lt;repo&gt;/.cluster/fault-&lt;base&gt;</c>,
/// <c>cluster-node-timeout</c> <see cref="NodeTimeout"/>. Each scenario calls <see cref="Restore"/> when it ends:
/// killed nodes are restarted, paused ones resumed, and a cluster that does not come back healthy is recreated.
/// </summary>
public sealed class FaultClusterFixture : IAsyncLifetime
{
    /// <summary>Environment variable holding the first node's port.</summary>
    public const string BasePortVariable = "SLOTTED_FAULT_BASE_PORT";

    /// <summary>Base port used when <see cref="BasePortVariable"/> is not set.</summary>
    public const int DefaultBasePort = 7200;

    /// <summary>
    /// The nodes' cluster-node-timeout. Shorter than the script's 5 s default so that failovers (and the suite)
    /// are quicker, long enough that a busy 2-core machine does not fail nodes over by itself.
    /// </summary>
    public static readonly TimeSpan NodeTimeout = TimeSpan.FromMilliseconds(3000);

    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(5);

    private LocalCluster? _cluster;
    private bool _startedHere;

    /// <summary>The running cluster.</summary>
    public LocalCluster Cluster => _cluster ?? throw new InvalidOperationException("The fault cluster fixture is not initialized.");

    /// <summary>All nodes as a connection string.</summary>
    public string StartupNodes => Cluster.StartupNodes;

    /// <summary>The base port chosen by the environment.</summary>
    public static int BasePort
    {
        get
        {
            string? text = Environment.GetEnvironmentVariable(BasePortVariable);
            if (string.IsNullOrWhiteSpace(text)) return DefaultBasePort;
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port)
                ? port
                : throw new InvalidOperationException($"{BasePortVariable}='{text}' is not a port number.");
        }
    }

    /// <summary>Nodes of the cluster as <see cref="ClusterLayout"/> sees them now.</summary>
    public ClusterLayout Layout() => ClusterLayout.Read(Cluster);

    public Task InitializeAsync() => Task.Run(() =>
    {
        int basePort = BasePort;
        string directory = Path.Combine(RepoRoot.Find(), ".cluster", "fault-" + basePort.ToString(CultureInfo.InvariantCulture));
        var cluster = new LocalCluster(basePort, directory);
        _cluster = cluster;
        if (!cluster.IsHealthy())
        {
            _startedHere = true;
            Create();
        }
    });

    public Task DisposeAsync() => Task.Run(() =>
    {
        if (_startedHere && _cluster is not null) _cluster.Stop();
    });

    /// <summary>
    /// Brings the cluster back after a scenario: restarts killed nodes, resumes paused ones, waits for every node
    /// to agree and every replica to be in sync; recreates the cluster from scratch if that does not happen in time.
    /// </summary>
    public void Restore()
    {
        LocalCluster cluster = Cluster;
        try
        {
            foreach (int port in cluster.Ports)
            {
                if (!cluster.IsAlive(port)) cluster.RestartNode(port);
                else cluster.ContinueNode(port); // harmless on a running node
            }

            cluster.WaitForClusterOk(TimeSpan.FromSeconds(30));
            DateTime deadline = DateTime.UtcNow.AddSeconds(30);
            while (!cluster.IsHealthy())
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("The fault cluster is not healthy 30 s after the scenario.");
                Thread.Sleep(300);
            }

            // A scenario that failed half-way through a migration leaves slots MIGRATING/IMPORTING: start afresh.
            foreach (int port in cluster.Ports)
            {
                foreach (string line in cluster.RedisCli(port, "CLUSTER", "NODES").Split('\n'))
                {
                    if (line.Contains("->-", StringComparison.Ordinal) || line.Contains("-<-", StringComparison.Ordinal))
                        throw new InvalidOperationException($"node {port} has a slot left in migration: {line}");
                }
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            Console.WriteLine($"fault cluster: recreating it ({e.Message})");
            _startedHere = true;
            Create();
        }
    }

    // Runs cluster.sh start with the suite's node timeout; it stops and recreates an unhealthy cluster first.
    private void Create()
    {
        LocalCluster cluster = Cluster;
        string[] arguments =
        [
            Path.Combine(cluster.RepositoryRoot, RepoRoot.ClusterScript), "start",
            "--base-port", cluster.BasePort.ToString(CultureInfo.InvariantCulture),
            "--dir", cluster.DataDirectory,
            "--node-timeout", ((int)NodeTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        ];
        ProcessResult result = ProcessRunner.Run("bash", arguments, ScriptTimeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"cluster.sh start failed with exit code {result.ExitCode}:\n{result.Combined}");
        }
    }
}

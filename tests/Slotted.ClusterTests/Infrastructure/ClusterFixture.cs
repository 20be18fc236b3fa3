using Slotted.Cli;
using System.Globalization;

namespace Slotted.ClusterTests.Infrastructure;

/// <summary>
/// The local cluster shared by every test in the "cluster" collection. Base port from
/// <c>SLOTTED_TEST_BASE_PORT</c> (default 7100), nodes in <c>&lt;repo&gt;/.cluster/test-&lt;base&gt;</c>.
/// A cluster found already healthy there (CI starts one) is used and left running; one started here is stopped.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>Environment variable holding the first node's port.</summary>
    public const string BasePortVariable = "SLOTTED_TEST_BASE_PORT";

    /// <summary>Base port used when <see cref="BasePortVariable"/> is not set.</summary>
    public const int DefaultBasePort = 7100;

    private LocalCluster? _cluster;
    private bool _startedHere;

    /// <summary>The running cluster.</summary>
    public LocalCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster fixture is not initialized.");

    /// <summary>All nodes as a connection string: <c>127.0.0.1:7100,127.0.0.1:7101,...</c>.</summary>
    public string StartupNodes => Cluster.StartupNodes;

    /// <summary>The base port chosen by the environment.</summary>
    public static int BasePort => ReadBasePort(BasePortVariable, DefaultBasePort);

    /// <summary>The port in environment variable <paramref name="variable"/>, or <paramref name="fallback"/> when it is not set.</summary>
    internal static int ReadBasePort(string variable, int fallback)
    {
        string? text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port)
            ? port
            : throw new InvalidOperationException($"{variable}='{text}' is not a port number.");
    }

    /// <summary>Uses the cluster when it is already healthy; otherwise starts it. True when it was started here (and must be stopped).</summary>
    internal static bool StartUnlessHealthy(LocalCluster cluster)
    {
        if (cluster.IsHealthy())
        {
            return false;
        }

        try
        {
            cluster.EnsureHealthy();
        }
        catch
        {
            TryStop(cluster);
            throw;
        }

        return true;
    }

    public Task InitializeAsync() => Task.Run(() =>
    {
        int basePort = BasePort;
        string directory = Path.Combine(RepoRoot.Find(), ".cluster", "test-" + basePort.ToString(CultureInfo.InvariantCulture));
        var cluster = new LocalCluster(basePort, directory);
        _startedHere = StartUnlessHealthy(cluster);
        _cluster = cluster;
    });

    public Task DisposeAsync() => Task.Run(() =>
    {
        if (_startedHere && _cluster is not null)
        {
            _cluster.Stop();
        }
    });

    private static void TryStop(LocalCluster cluster)
    {
        try
        {
            cluster.Stop();
        }
        catch (InvalidOperationException)
        {
            // The start failure is the error worth reporting.
        }
    }
}

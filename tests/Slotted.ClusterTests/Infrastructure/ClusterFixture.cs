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
    public static int BasePort
    {
        get
        {
            string? text = Environment.GetEnvironmentVariable(BasePortVariable);
            if (string.IsNullOrWhiteSpace(text))
            {
                return DefaultBasePort;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port)
                ? port
                : throw new InvalidOperationException($"{BasePortVariable}='{text}' is not a port number.");
        }
    }

    public Task InitializeAsync() => Task.Run(() =>
    {
        int basePort = BasePort;
        string directory = Path.Combine(RepoRoot.Find(), ".cluster", "test-" + basePort.ToString(CultureInfo.InvariantCulture));
        var cluster = new LocalCluster(basePort, directory);
        if (!cluster.IsHealthy())
        {
            _startedHere = true;
            try
            {
                cluster.EnsureHealthy();
            }
            catch
            {
                TryStop(cluster);
                throw;
            }
        }

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

using System.Diagnostics;
using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Slotted.Cli;

namespace Slotted.ClusterTests.Infrastructure;

/// <summary>
/// A six-node cluster that accepts only TLS (cluster bus and replication over TLS too), shared by the
/// "tls-cluster" collection. Base port from <c>SLOTTED_TLS_TEST_BASE_PORT</c> (default 7120), nodes and
/// certificates (<see cref="TestCertificates"/>) in <c>&lt;repo&gt;/.cluster/tls-test-&lt;base&gt;</c>.
/// A healthy cluster found there with its certificates is used and left running; one started here is stopped.
/// </summary>
public sealed class TlsClusterFixture : IAsyncLifetime
{
    /// <summary>Environment variable holding the first node's port.</summary>
    public const string BasePortVariable = "SLOTTED_TLS_TEST_BASE_PORT";

    /// <summary>Base port used when <see cref="BasePortVariable"/> is not set.</summary>
    public const int DefaultBasePort = 7120;

    private LocalCluster? _cluster;
    private X509Certificate2? _ca;
    private bool _startedHere;

    /// <summary>The running cluster (its <see cref="LocalCluster.RedisCli"/> talks TLS).</summary>
    public LocalCluster Cluster => _cluster ?? throw new InvalidOperationException("The TLS cluster fixture is not initialized.");

    /// <summary>The CA that signed the nodes' certificate.</summary>
    public X509Certificate2 CertificateAuthority => _ca ?? throw new InvalidOperationException("The TLS cluster fixture is not initialized.");

    /// <summary>How long making the certificates and starting the cluster took (zero when a running one was used).</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>
    /// Options for this cluster: every node as a startup node, <c>Tls = true</c>, and a validation
    /// callback that trusts the test CA. <paramref name="settings"/> is appended to the connection string.
    /// </summary>
    public RedisClusterOptions Options(string settings = "") =>
        RedisClusterOptions.Parse(Cluster.StartupNodes + ",tls=true" + settings) with { TlsOptions = TrustingTlsOptions() };

    /// <summary>TLS settings that trust the test CA.</summary>
    public SslClientAuthenticationOptions TrustingTlsOptions() =>
        new() { RemoteCertificateValidationCallback = TestCertificates.TrustOnly(CertificateAuthority) };

    public Task InitializeAsync() => Task.Run(() =>
    {
        int basePort = ClusterFixture.ReadBasePort(BasePortVariable, DefaultBasePort);
        string directory = Path.Combine(RepoRoot.Find(), ".cluster", "tls-test-" + basePort.ToString(CultureInfo.InvariantCulture));
        string certificates = Path.Combine(directory, "certs");
        var cluster = new LocalCluster(basePort, directory, certificates);
        var watch = Stopwatch.StartNew();
        if (!TestCertificates.Exist(certificates))
        {
            // Nodes still running with other certificates would not match the new CA.
            cluster.Stop();
            TestCertificates.Write(certificates);
        }

        _ca = TestCertificates.LoadCa(certificates);
        _startedHere = ClusterFixture.StartUnlessHealthy(cluster);
        StartupTime = _startedHere ? watch.Elapsed : TimeSpan.Zero;
        _cluster = cluster;
    });

    public Task DisposeAsync() => Task.Run(() =>
    {
        if (_startedHere && _cluster is not null)
        {
            _cluster.Stop();
        }

        _ca?.Dispose();
    });
}

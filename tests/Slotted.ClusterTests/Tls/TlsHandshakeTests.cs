using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Slotted.ClusterTests.Infrastructure;
using Slotted.Connections;
using Xunit.Abstractions;

namespace Slotted.ClusterTests.Tls;

/// <summary>How TLS connections fail: an untrusted certificate, a plain client, a server that never answers, a cancelled connect.</summary>
[Collection(TlsClusterCollection.Name)]
public sealed class TlsHandshakeTests(TlsClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Extra time allowed beyond the connect timeout for a failure to surface on a loaded machine.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(5);

    private string FirstNode => fixture.Cluster.StartupNodes.Split(',')[0];

    [Fact]
    public async Task ConnectionString_SslTrue_ConnectsOverTls()
    {
        var options = RedisClusterOptions.Parse(fixture.Cluster.StartupNodes + ",ssl=true") with { TlsOptions = fixture.TrustingTlsOptions() };
        Assert.True(options.Tls);
        await AssertSetGetAsync(options);
    }

    [Fact]
    public async Task ChainPolicyTrustingTheCa_NoCallback_Connects()
    {
        // The README's way for a private CA: the default validation, with the CA as the only root.
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(fixture.CertificateAuthority);
        await AssertSetGetAsync(RedisClusterOptions.Parse(fixture.Cluster.StartupNodes + ",tls=true") with { TlsOptions = new() { CertificateChainPolicy = policy } });
    }

    private static async Task AssertSetGetAsync(RedisClusterOptions options)
    {
        await using var cluster = await RedisCluster.ConnectAsync(options);
        string key = $"tls:handshake:{Guid.NewGuid():N}";
        Assert.True(await cluster.SetAsync(key, "v"));
        Assert.Equal("v", (string?)await cluster.GetAsync(key));
        Assert.True(await cluster.DelAsync(key));
    }

    [Fact]
    public async Task UntrustedCa_Connect_RefusedNamingTheCertificateProblem()
    {
        // No TlsOptions: the system's roots, which do not include the test CA.
        var options = RedisClusterOptions.Parse(FirstNode + ",tls=true") with { ConnectTimeout = ConnectTimeout };
        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => RedisCluster.ConnectAsync(options));
        output.WriteLine(error.Message);
        Assert.Contains("certificate rejected", error.Message);
        Assert.Contains("RemoteCertificateChainErrors", error.Message);
        Assert.Contains("UntrustedRoot", error.Message);
    }

    [Fact]
    public async Task CallbackRefusing_Connect_SaysTheCallbackRefusedIt()
    {
        var options = RedisClusterOptions.Parse(FirstNode + ",tls=true") with
        {
            ConnectTimeout = ConnectTimeout,
            TlsOptions = new() { RemoteCertificateValidationCallback = (_, _, _, _) => false },
        };
        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => RedisCluster.ConnectAsync(options));
        output.WriteLine(error.Message);
        Assert.Contains("certificate rejected: the RemoteCertificateValidationCallback refused it", error.Message);
    }

    [Fact]
    public async Task WrongTargetHost_Connect_RefusedForTheNameMismatch()
    {
        var tls = fixture.TrustingTlsOptions();
        tls.TargetHost = "not-this-host.example";
        var options = RedisClusterOptions.Parse(FirstNode + ",tls=true") with { ConnectTimeout = ConnectTimeout, TlsOptions = tls };
        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => RedisCluster.ConnectAsync(options));
        output.WriteLine(error.Message);
        Assert.Contains("RemoteCertificateNameMismatch", error.Message);
    }

    [Fact]
    public async Task PlainClient_AgainstTlsCluster_FailsWithinTheConnectTimeoutSuggestingTls()
    {
        var options = RedisClusterOptions.Parse(FirstNode) with { ConnectTimeout = ConnectTimeout };
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => RedisCluster.ConnectAsync(options).WaitAsync(ConnectTimeout + Slack));
        output.WriteLine(error.Message);
        Assert.True(watch.Elapsed < ConnectTimeout + Slack, $"failed after {watch.ElapsedMilliseconds} ms");
        Assert.Contains("tls=true", error.Message);
    }

    [Fact]
    public async Task SilentServer_TlsHandshake_EndsAtTheConnectTimeout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var options = RedisClusterOptions.Parse($"127.0.0.1:{port},tls=true") with { ConnectTimeout = TimeSpan.FromMilliseconds(500) };
        using var node = new NodeConnection($"127.0.0.1:{port}", new ConnectionSettings(options));
        var accepting = listener.AcceptSocketAsync(); // accept, then say nothing
        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => node.LeaseAsync(CancellationToken.None).AsTask().WaitAsync(Slack));
        output.WriteLine(error.Message);
        Assert.Contains("did not finish within the connect timeout", error.Message);
        (await accepting).Dispose();
    }

    [Fact]
    public async Task PlainServer_TlsHandshake_FailsAskingWhetherTheNodeServesTls()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var answering = Task.Run(async () =>
        {
            // What a plain Redis port says to bytes it cannot parse, then it hangs up.
            using var peer = await listener.AcceptSocketAsync();
            await peer.SendAsync("-ERR Protocol error: invalid multibulk length\r\n"u8.ToArray());
            peer.Shutdown(SocketShutdown.Both);
        });
        var options = RedisClusterOptions.Parse($"127.0.0.1:{port},tls=true") with { ConnectTimeout = ConnectTimeout };
        using var node = new NodeConnection($"127.0.0.1:{port}", new ConnectionSettings(options));
        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => node.LeaseAsync(CancellationToken.None).AsTask().WaitAsync(ConnectTimeout + Slack));
        output.WriteLine(error.Message);
        Assert.Contains("is TLS enabled on that port?", error.Message);
        await answering;
    }

    [Fact]
    public async Task SilentServer_CancelledLease_StopsWaitingAtOnce()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var options = RedisClusterOptions.Parse($"127.0.0.1:{port},tls=true") with { ConnectTimeout = TimeSpan.FromSeconds(60) };
        using var node = new NodeConnection($"127.0.0.1:{port}", new ConnectionSettings(options));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => node.LeaseAsync(cts.Token).AsTask().WaitAsync(Slack));
    }
}

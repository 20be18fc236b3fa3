using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Slotted.Connections;

namespace Slotted.Tests.Connections;

/// <summary>How the options' TLS template becomes each connection's settings.</summary>
public sealed class TlsSettingsTests
{
    [Fact]
    public void ConnectionSettings_TlsWithoutOptions_UsesDefaultTemplate()
    {
        Assert.Null(new ConnectionSettings(RedisClusterOptions.Parse("127.0.0.1:7000")).Tls);
        var settings = new ConnectionSettings(RedisClusterOptions.Parse("127.0.0.1:7000,tls=true"));
        Assert.NotNull(settings.Tls);
        Assert.Null(settings.Tls.RemoteCertificateValidationCallback);
    }

    [Fact]
    public void ForHost_NoTargetHost_UsesTheNodesHostWithoutChangingTheTemplate()
    {
        var template = new SslClientAuthenticationOptions();
        var copy = TlsTransport.ForHost(template, "10.0.0.7");
        Assert.Equal("10.0.0.7", copy.TargetHost);
        Assert.Null(template.TargetHost);
        Assert.NotSame(template, copy);
        Assert.Equal("redis.example", TlsTransport.ForHost(new SslClientAuthenticationOptions { TargetHost = "redis.example" }, "10.0.0.7").TargetHost);
    }

    [Fact]
    public void ForHost_EverySetting_IsCopied()
    {
        RemoteCertificateValidationCallback validate = (_, _, _, _) => true;
        LocalCertificateSelectionCallback select = (_, _, _, _, _) => null!;
        var certificates = new X509CertificateCollection();
        var policy = new X509ChainPolicy { RevocationMode = X509RevocationMode.NoCheck, TrustMode = X509ChainTrustMode.CustomRootTrust };
        var template = new SslClientAuthenticationOptions
        {
            AllowRenegotiation = false,
            AllowTlsResume = false,
            ApplicationProtocols = [SslApplicationProtocol.Http11],
            CertificateChainPolicy = policy,
            CertificateRevocationCheckMode = X509RevocationMode.Offline,
            ClientCertificates = certificates,
            EnabledSslProtocols = SslProtocols.Tls13,
            LocalCertificateSelectionCallback = select,
            RemoteCertificateValidationCallback = validate,
            TargetHost = "redis.example",
        };
        var copy = TlsTransport.ForHost(template, "127.0.0.1");
        Assert.False(copy.AllowRenegotiation);
        Assert.False(copy.AllowTlsResume);
        Assert.Equal(template.ApplicationProtocols, copy.ApplicationProtocols);
        Assert.NotNull(copy.CertificateChainPolicy);
        Assert.NotSame(policy, copy.CertificateChainPolicy); // a clone: connections never share a mutable policy
        Assert.Equal(X509ChainTrustMode.CustomRootTrust, copy.CertificateChainPolicy.TrustMode);
        Assert.Equal(X509RevocationMode.Offline, copy.CertificateRevocationCheckMode);
        Assert.Same(certificates, copy.ClientCertificates);
        Assert.Equal(SslProtocols.Tls13, copy.EnabledSslProtocols);
        Assert.Same(select, copy.LocalCertificateSelectionCallback);
        Assert.Same(validate, copy.RemoteCertificateValidationCallback);
        Assert.Equal("redis.example", copy.TargetHost);
    }

    [Fact]
    public void ForHost_KnowsEverySettingOfThisRuntime()
    {
        // A setting added by a later .NET must be added to ForHost too, or it would be silently dropped.
        string[] copied =
        [
            "AllowRenegotiation", "AllowRsaPkcs1Padding", "AllowRsaPssPadding", "AllowTlsResume", "ApplicationProtocols",
            "CertificateChainPolicy", "CertificateRevocationCheckMode", "CipherSuitesPolicy", "ClientCertificateContext",
            "ClientCertificates", "EnabledSslProtocols", "EncryptionPolicy", "LocalCertificateSelectionCallback",
            "RemoteCertificateValidationCallback", "TargetHost",
        ];
        var settable = typeof(SslClientAuthenticationOptions).GetProperties().Where(p => p.CanWrite).Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(copied, settable);
    }
}

using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Slotted.ClusterTests.Infrastructure;

/// <summary>
/// The TLS test cluster's certificates, made with System.Security.Cryptography (no openssl CLI): a
/// self-signed CA and a server certificate it signed for 127.0.0.1 and localhost, written as PEM in
/// the files <c>cluster.sh --tls-dir</c> expects. The nodes also present the server certificate to
/// each other on the cluster bus and for replication, so it is valid for client authentication too.
/// </summary>
public static class TestCertificates
{
    /// <summary>The CA certificate file name.</summary>
    public const string CaFile = "ca.crt";

    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    /// <summary>Writes ca.crt, server.crt and server.key (PKCS#8) into <paramref name="directory"/>, replacing any there.</summary>
    public static void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        DateTimeOffset now = DateTimeOffset.UtcNow;

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Slotted test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using X509Certificate2 ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuth), new Oid(ClientAuth)], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive serial number
        using X509Certificate2 server = request.Create(ca, now.AddDays(-1), now.AddYears(1), serial);

        File.WriteAllText(Path.Combine(directory, CaFile), ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "server.crt"), server.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "server.key"), serverKey.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>True when <paramref name="directory"/> holds every file <see cref="Write"/> makes.</summary>
    public static bool Exist(string directory) =>
        new[] { CaFile, "server.crt", "server.key" }.All(f => File.Exists(Path.Combine(directory, f)));

    /// <summary>The CA certificate in <paramref name="directory"/>.</summary>
    public static X509Certificate2 LoadCa(string directory) => X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(directory, CaFile)));

    /// <summary>
    /// A validation callback that trusts <paramref name="ca"/> as the only root (the host name must
    /// still match): what a user of a private CA passes in <see cref="RedisClusterOptions.TlsOptions"/>.
    /// </summary>
    public static RemoteCertificateValidationCallback TrustOnly(X509Certificate2 ca) => (_, certificate, _, errors) =>
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    };
}

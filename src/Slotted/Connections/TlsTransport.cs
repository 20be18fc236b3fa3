using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Slotted.Connections;

/// <summary>
/// TLS over the connection's socket: an <see cref="SslStream"/> over a <see cref="NetworkStream"/>.
/// Writes still end in the socket's blocking send, so SO_SNDTIMEO bounds them as on plain TCP.
/// The stream decrypts whole records, so decrypted bytes can wait in it while the socket shows
/// nothing to read: a TLS connection is read by a thread of its own (<see cref="NeedsOwnReader"/>).
/// SslStream allows one reader and one writer at a time, which is what a connection does.
/// </summary>
internal sealed class TlsTransport : Transport
{
    private readonly SslStream _stream;

    private TlsTransport(Socket socket, SslStream stream) : base(socket) => _stream = stream;

    public override bool NeedsOwnReader => true;

    public override int Read(Span<byte> buffer) => _stream.Read(buffer);

    public override void Write(ReadOnlySpan<byte> data) => _stream.Write(data);

    public override void Dispose()
    {
        base.Dispose();
        _stream.Dispose();
    }

    /// <summary>
    /// Runs the TLS handshake on the calling thread (the socket stays in blocking mode), until
    /// <paramref name="deadline"/> or <paramref name="cancellationToken"/>, either of which closes
    /// the socket to end it. A certificate the client refuses is reported with the reason.
    /// </summary>
    /// <param name="socket">The connected socket; closed when the handshake fails.</param>
    /// <param name="host">The node's host: the name its certificate must match unless the template names one.</param>
    /// <param name="endPoint">"host:port", for messages.</param>
    /// <param name="template">The user's settings, copied, never changed.</param>
    /// <param name="deadline">When the connect must be done (<see cref="Environment.TickCount64"/>).</param>
    /// <param name="connectTimeout">The connect timeout, for messages.</param>
    /// <param name="cancellationToken">Ends the handshake.</param>
    /// <exception cref="RedisConnectionException">The handshake failed or timed out.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static TlsTransport Authenticate(Socket socket, string host, string endPoint, SslClientAuthenticationOptions template,
        long deadline, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        string? rejection = null;
        var options = ForHost(template, host);
        var validate = template.RemoteCertificateValidationCallback;
        options.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
        {
            bool accepted = validate is null ? errors == SslPolicyErrors.None : validate(sender, certificate, chain, errors);
            if (!accepted) rejection = Describe(certificate, chain, errors, validate is not null);
            return accepted;
        };
        var stream = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(Math.Max(1, deadline - Environment.TickCount64)));
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        Exception? failure = null;
        using (ended.Token.UnsafeRegister(static s => ((Socket)s!).Dispose(), socket))
        {
            try
            {
                stream.AuthenticateAsClient(options);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }
        if (failure is null && !ended.IsCancellationRequested) return new TlsTransport(socket, stream);
        stream.Dispose();
        socket.Dispose();
        cancellationToken.ThrowIfCancellationRequested();
        if (timeout.IsCancellationRequested)
            throw new RedisConnectionException($"The TLS handshake with {endPoint} did not finish within the connect timeout ({connectTimeout.TotalMilliseconds:0} ms).", endPoint, innerException: failure);
        // Anything else (the user's callback throwing, say) is the caller's to see as it is.
        if (failure is not (AuthenticationException or IOException or SocketException or ObjectDisposedException)) ExceptionDispatchInfo.Throw(failure!);
        if (rejection is not null)
            throw new RedisConnectionException($"The TLS handshake with {endPoint} failed: certificate rejected: {rejection}", endPoint, innerException: failure);
        throw new RedisConnectionException($"The TLS handshake with {endPoint} failed (is TLS enabled on that port?): {Flatten(failure!)}", endPoint, innerException: failure);
    }

    /// <summary>A copy of <paramref name="template"/> for one connection, naming <paramref name="host"/> when the template names no host.</summary>
    internal static SslClientAuthenticationOptions ForHost(SslClientAuthenticationOptions template, string host)
    {
        var options = new SslClientAuthenticationOptions
        {
            AllowRenegotiation = template.AllowRenegotiation,
            AllowTlsResume = template.AllowTlsResume,
            ApplicationProtocols = template.ApplicationProtocols,
            CertificateChainPolicy = template.CertificateChainPolicy?.Clone(),
            CertificateRevocationCheckMode = template.CertificateRevocationCheckMode,
            CipherSuitesPolicy = template.CipherSuitesPolicy,
            ClientCertificateContext = template.ClientCertificateContext,
            ClientCertificates = template.ClientCertificates,
            EnabledSslProtocols = template.EnabledSslProtocols,
            EncryptionPolicy = template.EncryptionPolicy,
            LocalCertificateSelectionCallback = template.LocalCertificateSelectionCallback,
            RemoteCertificateValidationCallback = template.RemoteCertificateValidationCallback,
            TargetHost = template.TargetHost ?? host,
        };
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
        {
            options.AllowRsaPkcs1Padding = template.AllowRsaPkcs1Padding;
            options.AllowRsaPssPadding = template.AllowRsaPssPadding;
        }
        return options;
    }

    /// <summary>Why a certificate was refused: the policy errors, each chain problem, and whose certificate it was.</summary>
    private static string Describe(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors, bool byCallback)
    {
        var text = new StringBuilder();
        if (byCallback) text.Append("the RemoteCertificateValidationCallback refused it; ");
        text.Append(errors == SslPolicyErrors.None ? "no policy errors" : errors.ToString());
        if (chain is not null)
        {
            foreach (var status in chain.ChainStatus)
            {
                if (status.Status == X509ChainStatusFlags.NoError) continue;
                text.Append("; ").Append(status.Status).Append(": ").Append(status.StatusInformation.Trim());
            }
        }
        if (certificate is not null) text.Append(" (subject ").Append(certificate.Subject).Append(", issuer ").Append(certificate.Issuer).Append(')');
        return text.ToString();
    }

    private static string Flatten(Exception ex) =>
        ex.InnerException is null || ex.InnerException.Message == ex.Message ? ex.Message : ex.Message + " " + Flatten(ex.InnerException);
}

using System.Net.Security;
using Slotted.Protocol;

namespace Slotted.Connections;

/// <summary>What every connection to every node needs, taken once from <see cref="RedisClusterOptions"/>.</summary>
internal sealed class ConnectionSettings
{
    public ConnectionSettings(RedisClusterOptions options)
    {
        User = options.User;
        Password = options.Password;
        ClientName = options.ClientName;
        Protocol = options.Protocol;
        ConnectTimeout = options.ConnectTimeout;
        CommandTimeout = options.CommandTimeout;
        ReadOnlyReplicas = options.ReadFrom != ReadFrom.Primary;
        OwnReaderThreads = options.OwnReaderThreads;
        Tls = options.Tls ? options.TlsOptions ?? new SslClientAuthenticationOptions() : null;
        ReaderOptions = new RespReaderOptions { MaxBulkLength = options.MaxReplyBulkLength };
    }

    public string? User { get; }
    public string? Password { get; }
    public string? ClientName { get; }
    public int Protocol { get; }
    public TimeSpan ConnectTimeout { get; }
    public TimeSpan CommandTimeout { get; }

    /// <summary>Send READONLY on connect, so replicas serve reads (Redis Cluster specification, "Scaling reads using replica nodes").</summary>
    public bool ReadOnlyReplicas { get; }

    public RespReaderOptions ReaderOptions { get; }

    /// <summary>The TLS template every connection starts from (see <see cref="TlsTransport"/>); null for plain TCP.</summary>
    public SslClientAuthenticationOptions? Tls { get; }

    /// <summary>A reader thread per connection even where a <see cref="ReadPoller"/> is available (tests of the fallback).</summary>
    public bool OwnReaderThreads { get; }
}

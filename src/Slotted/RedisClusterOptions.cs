using System.Globalization;
using System.Net.Security;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Slotted;

/// <summary>
/// How to reach and talk to a Redis Cluster. Create it directly or with <see cref="Parse"/> from a
/// connection string such as <c>"127.0.0.1:7000,127.0.0.1:7001,user=app,password=secret"</c>; derive
/// variants with <c>with</c> (<c>options with { ReadFrom = ReadFrom.PreferReplica }</c>).
/// </summary>
public sealed record RedisClusterOptions
{
    /// <summary>One or more "host:port" nodes to discover the cluster from; any live node is enough.</summary>
    public IReadOnlyList<string> StartupNodes { get; init; } = [];

    /// <summary>The ACL user name (Redis 6+); null for the default user.</summary>
    public string? User { get; init; }

    /// <summary>The password (AUTH); null when the cluster has none. Never shown by <see cref="ToString"/>.</summary>
    public string? Password { get; init; }

    /// <summary>The name each connection gives itself with CLIENT SETNAME (seen in CLIENT LIST).</summary>
    public string? ClientName { get; init; }

    /// <summary>How long to wait for a TCP connection and handshake to a node.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a command may take, redirects and retries included, before it fails with
    /// <see cref="RedisTimeoutException"/> (or <see cref="RedisClusterDownException"/> when the cluster stayed down).
    /// </summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many MOVED/ASK/TRYAGAIN redirects one command may follow (redis-py-cluster's default: 16).</summary>
    public int MaxRedirects { get; init; } = 16;

    /// <summary>Where read-only commands go.</summary>
    public ReadFrom ReadFrom { get; init; } = ReadFrom.Primary;

    /// <summary>The protocol to ask for: 3 (HELLO 3, falling back to RESP2 when refused) or 2.</summary>
    public int Protocol { get; init; } = 3;

    /// <summary>How often the slot map is refreshed even when nothing signals a change; <see cref="TimeSpan.Zero"/> turns periodic refresh off.</summary>
    public TimeSpan TopologyRefreshInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The least time between two refreshes of the slot map (refreshes asked for sooner share one).</summary>
    public TimeSpan MinTopologyRefreshInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Connect to every node over TLS (managed Redis services require it; Redis serves it on its
    /// <c>tls-port</c>, see https://redis.io/docs/latest/operate/oss_and_stack/management/security/encryption/).
    /// Primaries, replicas, subscriber and blocking-command connections all use the same settings.
    /// Connection string: <c>tls=true</c> (or <c>ssl=true</c>). Default false.
    /// </summary>
    public bool Tls { get; init; }

    /// <summary>
    /// The TLS settings each connection starts from when <see cref="Tls"/> is true: certificate
    /// validation (<see cref="SslClientAuthenticationOptions.RemoteCertificateValidationCallback"/>
    /// or <see cref="SslClientAuthenticationOptions.CertificateChainPolicy"/> to trust a private CA),
    /// client certificates for servers that require them (<c>tls-auth-clients yes</c>), protocols.
    /// It is copied per connection and never changed; when its
    /// <see cref="SslClientAuthenticationOptions.TargetHost"/> is null the node's host is used, so
    /// each node's certificate is checked against the address the client connects to. Null (the
    /// default) validates servers against the system's trusted roots. Setting it without
    /// <see cref="Tls"/> is an error.
    /// </summary>
    public SslClientAuthenticationOptions? TlsOptions { get; init; }

    /// <summary>The longest reply element accepted from a server, in bytes.</summary>
    public int MaxReplyBulkLength { get; init; } = 512 * 1024 * 1024;

    /// <summary>
    /// Read every connection on a thread of its own instead of the shared epoll poller (Linux); the
    /// fallback elsewhere. Internal: tests run the fallback path with it.
    /// </summary>
    internal bool OwnReaderThreads { get; init; }

    /// <summary>Logs connection, topology and retry events; null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Checks the options and throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (StartupNodes is null || StartupNodes.Count == 0)
            throw new ArgumentException("At least one startup node (\"host:port\") is required.", nameof(StartupNodes));
        foreach (string node in StartupNodes) ParseEndPoint(node);
        if (ConnectTimeout <= TimeSpan.Zero) throw new ArgumentException("ConnectTimeout must be positive.", nameof(ConnectTimeout));
        if (CommandTimeout <= TimeSpan.Zero) throw new ArgumentException("CommandTimeout must be positive.", nameof(CommandTimeout));
        if (MaxRedirects < 1) throw new ArgumentException("MaxRedirects must be at least 1.", nameof(MaxRedirects));
        if (Protocol is not (2 or 3)) throw new ArgumentException("Protocol must be 2 or 3.", nameof(Protocol));
        if (TopologyRefreshInterval < TimeSpan.Zero) throw new ArgumentException("TopologyRefreshInterval cannot be negative.", nameof(TopologyRefreshInterval));
        if (MinTopologyRefreshInterval < TimeSpan.Zero) throw new ArgumentException("MinTopologyRefreshInterval cannot be negative.", nameof(MinTopologyRefreshInterval));
        if (MaxReplyBulkLength < 1) throw new ArgumentException("MaxReplyBulkLength must be positive.", nameof(MaxReplyBulkLength));
        if (User is not null && Password is null) throw new ArgumentException("A User needs a Password.", nameof(User));
        if (TlsOptions is not null && !Tls) throw new ArgumentException("TlsOptions are set but Tls is false: set Tls = true (tls=true) to connect over TLS.", nameof(TlsOptions));
    }

    /// <summary>
    /// Parses a connection string: comma-separated "host:port" startup nodes and <c>name=value</c>
    /// settings (<c>user</c>, <c>password</c>, <c>name</c>, <c>connectTimeout</c> and
    /// <c>commandTimeout</c> in milliseconds, <c>maxRedirects</c>, <c>readFrom</c>
    /// (primary|preferReplica|any), <c>protocol</c> (2|3), <c>topologyRefreshInterval</c> in seconds,
    /// <c>tls</c> (true|false; <c>ssl</c> is read as the same setting)).
    /// </summary>
    public static RedisClusterOptions Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var nodes = new List<string>();
        var o = new RedisClusterOptions();
        foreach (string raw in connectionString.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = raw.IndexOf('=');
            if (eq < 0)
            {
                ParseEndPoint(raw);
                nodes.Add(raw);
                continue;
            }
            string name = raw[..eq].Trim().ToLowerInvariant();
            string value = raw[(eq + 1)..].Trim();
            o = name switch
            {
                "user" => o with { User = value },
                "password" => o with { Password = value },
                "name" => o with { ClientName = value },
                "connecttimeout" => o with { ConnectTimeout = TimeSpan.FromMilliseconds(ParseInt(name, value)) },
                "commandtimeout" => o with { CommandTimeout = TimeSpan.FromMilliseconds(ParseInt(name, value)) },
                "maxredirects" => o with { MaxRedirects = ParseInt(name, value) },
                "protocol" => o with { Protocol = ParseInt(name, value) },
                "tls" or "ssl" => o with { Tls = ParseBool(name, value) },
                "topologyrefreshinterval" => o with { TopologyRefreshInterval = TimeSpan.FromSeconds(ParseInt(name, value)) },
                "readfrom" => o with
                {
                    ReadFrom = Enum.TryParse(value, ignoreCase: true, out ReadFrom rf)
                        ? rf
                        : throw new ArgumentException($"Unknown readFrom '{value}': use primary, preferReplica or any.", nameof(connectionString)),
                },
                _ => throw new ArgumentException($"Unknown connection-string setting '{name}'.", nameof(connectionString)),
            };
        }
        o = o with { StartupNodes = nodes };
        o.Validate();
        return o;
    }

    private static int ParseInt(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)
            ? v
            : throw new ArgumentException($"Setting '{name}' needs a whole number, not '{value}'.");

    private static bool ParseBool(string name, string value) =>
        bool.TryParse(value, out bool v)
            ? v
            : throw new ArgumentException($"Setting '{name}' needs true or false, not '{value}'.");

    /// <summary>Splits "host:port" (IPv6 as "[::1]:port"); throws <see cref="ArgumentException"/> when malformed.</summary>
    internal static (string Host, int Port) ParseEndPoint(string endPoint)
    {
        if (string.IsNullOrWhiteSpace(endPoint)) throw new ArgumentException("A node address cannot be empty.");
        int colon = endPoint.LastIndexOf(':');
        if (colon <= 0 || colon == endPoint.Length - 1)
            throw new ArgumentException($"Node address '{endPoint}' is not \"host:port\".");
        string host = endPoint[..colon].Trim('[', ']');
        if (!int.TryParse(endPoint[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
            throw new ArgumentException($"Node address '{endPoint}' has no valid port.");
        return (host, port);
    }

    /// <summary>The options as a connection string, with the password masked.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(string.Join(",", StartupNodes));
        if (User is not null) sb.Append(",user=").Append(User);
        if (Password is not null) sb.Append(",password=*****");
        if (ClientName is not null) sb.Append(",name=").Append(ClientName);
        sb.Append(CultureInfo.InvariantCulture, $",connectTimeout={(int)ConnectTimeout.TotalMilliseconds}");
        sb.Append(CultureInfo.InvariantCulture, $",commandTimeout={(int)CommandTimeout.TotalMilliseconds}");
        sb.Append(CultureInfo.InvariantCulture, $",maxRedirects={MaxRedirects},protocol={Protocol},readFrom={ReadFrom}");
        if (Tls) sb.Append(",tls=true");
        return sb.ToString();
    }
}

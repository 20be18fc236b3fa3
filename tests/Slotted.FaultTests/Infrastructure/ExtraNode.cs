using System.Globalization;
using Slotted.ClusterTests.Infrastructure;

namespace Slotted.FaultTests.Infrastructure;

/// <summary>
/// A seventh, empty cluster-enabled redis-server (port: the cluster's base port + 6) for add-node/del-node
/// scenarios. It lives in its own folder beside the cluster's; <see cref="Dispose"/> stops exactly the pid it
/// started and removes the folder.
/// </summary>
public sealed class ExtraNode : IDisposable
{
    private readonly LocalCluster _cluster;
    private readonly string _directory;
    private int _pid;

    private ExtraNode(LocalCluster cluster, int port)
    {
        _cluster = cluster;
        Port = port;
        _directory = Path.Combine(cluster.DataDirectory, "extra-" + port.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The node's port.</summary>
    public int Port { get; }

    /// <summary>The node's cluster id.</summary>
    public string Id { get; private set; } = "";

    /// <summary>Starts the node and waits until it answers PING.</summary>
    public static ExtraNode Start(LocalCluster cluster, TimeSpan nodeTimeout)
    {
        var node = new ExtraNode(cluster, cluster.BasePort + LocalCluster.NodeCount);
        node.Launch(nodeTimeout);
        return node;
    }

    /// <summary>Runs one redis-cli command against the node.</summary>
    public string Cli(params string[] args)
    {
        ProcessResult result = ProcessRunner.Run("redis-cli", ["-e", "-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), .. args], TimeSpan.FromSeconds(10));
        if (result.ExitCode != 0) throw new InvalidOperationException($"redis-cli -p {Port} {string.Join(' ', args)}: {result.Combined}");
        return result.StandardOutput.Replace("\r", string.Empty, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (_pid != 0 && IsOurRedis(_pid))
        {
            Signals.Send(_pid, 15); // SIGTERM
            DateTime deadline = DateTime.UtcNow.AddSeconds(10);
            while (IsOurRedis(_pid) && DateTime.UtcNow < deadline) Thread.Sleep(50);
            if (IsOurRedis(_pid)) Signals.Send(_pid, Signals.Kill);
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Launch(TimeSpan nodeTimeout)
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
        Directory.CreateDirectory(_directory);
        string config = Path.Combine(_directory, "redis.conf");
        File.WriteAllLines(config,
        [
            $"port {Port}",
            "bind 127.0.0.1",
            "protected-mode no",
            "daemonize yes",
            $"pidfile \"{Path.Combine(_directory, "redis.pid")}\"",
            $"logfile \"{Path.Combine(_directory, "redis.log")}\"",
            $"dir \"{_directory}\"",
            "cluster-enabled yes",
            "cluster-config-file nodes.conf",
            $"cluster-node-timeout {(int)nodeTimeout.TotalMilliseconds}",
            "appendonly no",
            "save \"\"",
            "repl-diskless-sync-delay 0",
        ]);
        ProcessResult started = ProcessRunner.Run("redis-server", [config], TimeSpan.FromSeconds(15));
        if (started.ExitCode != 0) throw new InvalidOperationException($"redis-server on {Port} did not start: {started.Combined}");
        Poll.Until(() => Cli("PING").Trim() == "PONG", TimeSpan.FromSeconds(15), $"the extra node on {Port} to answer PING");
        Poll.Until(() => File.Exists(Path.Combine(_directory, "redis.pid")), TimeSpan.FromSeconds(5), "its pidfile");
        _pid = int.Parse(File.ReadAllText(Path.Combine(_directory, "redis.pid")).Trim(), CultureInfo.InvariantCulture);
        Id = Cli("CLUSTER", "MYID").Trim();
    }

    // The pid is still a redis-server running from our folder (guards against pid reuse).
    private bool IsOurRedis(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").StartsWith("redis-server", StringComparison.Ordinal)
                && string.Equals(new DirectoryInfo($"/proc/{pid}/cwd").ResolveLinkTarget(false)?.FullName, _directory, StringComparison.Ordinal)
                && !File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2].StartsWith('Z');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}

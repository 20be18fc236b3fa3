using Slotted.Cli;
using System.Globalization;

namespace Slotted.ClusterTests.Infrastructure;

/// <summary>
/// A six-node Redis Cluster (3 primaries + 3 replicas) on 127.0.0.1, run by <c>scripts/cluster.sh</c>,
/// with the hooks fault tests need: kill, pause, resume and restart single nodes by pid.
/// </summary>
public sealed class LocalCluster
{
    /// <summary>Number of nodes the script starts with its default of one replica per primary.</summary>
    public const int NodeCount = 6;

    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan CliTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    private readonly string _script;

    /// <summary>Describes the cluster in <paramref name="directory"/>; does not start or check anything.</summary>
    /// <param name="basePort">The first node's port.</param>
    /// <param name="directory">The folder holding one sub-folder per node.</param>
    /// <param name="tlsDirectory">
    /// For a TLS cluster: the folder with ca.crt, server.crt and server.key (<c>cluster.sh --tls-dir</c>);
    /// the nodes then accept only TLS, and <see cref="RedisCli"/> talks TLS to them. Null for plain TCP.
    /// </param>
    public LocalCluster(int basePort, string directory, string? tlsDirectory = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(basePort, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(basePort, 65535 - 10000 - NodeCount);
        ArgumentException.ThrowIfNullOrEmpty(directory);

        RepositoryRoot = RepoRoot.Find();
        _script = Path.Combine(RepositoryRoot, RepoRoot.ClusterScript);
        BasePort = basePort;
        DataDirectory = Path.GetFullPath(directory, RepositoryRoot);
        TlsDirectory = tlsDirectory is null ? null : Path.GetFullPath(tlsDirectory, RepositoryRoot);
        var ports = new int[NodeCount];
        for (int i = 0; i < ports.Length; i++)
        {
            ports[i] = basePort + i;
        }

        Ports = ports;
        StartupNodes = string.Join(',', Array.ConvertAll(ports, p => "127.0.0.1:" + p.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>The repository checkout that holds the script.</summary>
    public string RepositoryRoot { get; }

    /// <summary>The first node's port.</summary>
    public int BasePort { get; }

    /// <summary>The folder holding one sub-folder per node.</summary>
    public string DataDirectory { get; }

    /// <summary>The folder with the TLS cluster's certificates; null for a plain cluster.</summary>
    public string? TlsDirectory { get; }

    /// <summary>Every node's port, primaries and replicas alike.</summary>
    public IReadOnlyList<int> Ports { get; }

    /// <summary>All nodes as a connection string: <c>127.0.0.1:7100,127.0.0.1:7101,...</c>.</summary>
    public string StartupNodes { get; }

    /// <summary>Starts the cluster, or does nothing if it is already up and healthy (see <see cref="EnsureHealthy"/>).</summary>
    public static LocalCluster Start(int basePort, string directory)
    {
        var cluster = new LocalCluster(basePort, directory);
        cluster.EnsureHealthy();
        return cluster;
    }

    /// <summary>
    /// Runs <c>cluster.sh start</c>: a healthy cluster is left alone; a missing or broken one (dead pids, a node
    /// in the wrong state) is stopped, wiped and created again. Returns when every node agrees and reports ok.
    /// </summary>
    public void EnsureHealthy() => RunScriptOrThrow("start");

    /// <summary>Stops exactly the nodes started in <see cref="DataDirectory"/> and wipes their data.</summary>
    public void Stop() => RunScriptOrThrow("stop");

    /// <summary>True when <c>cluster.sh status</c> finds every node alive, ok and in agreement.</summary>
    public bool IsHealthy() => RunScript("status").ExitCode == 0;

    /// <summary>The pid in the node's pidfile.</summary>
    public int PidOf(int port)
    {
        string pidFile = PidFileOf(port);
        string text = File.Exists(pidFile) ? File.ReadAllText(pidFile).Trim() : string.Empty;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
            ? pid
            : throw new InvalidOperationException($"Node {port} has no pid in {pidFile}.");
    }

    /// <summary>True when the node's pidfile names a live redis-server (paused nodes count as alive).</summary>
    public bool IsAlive(int port) => TryGetLivePid(port, out _);

    /// <summary>Kills the node with SIGKILL and waits until the process is gone.</summary>
    public void KillNode(int port)
    {
        int pid = LivePidOf(port);
        Signals.Send(pid, Signals.Kill);
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (ProcessState(pid) is not (null or 'Z' or 'X'))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Node {port} (pid {pid}) is still running 10 s after SIGKILL.");
            }

            Thread.Sleep(20);
        }
    }

    /// <summary>Pauses the node with SIGSTOP: its sockets stay open but it answers nothing.</summary>
    public void StopNode(int port) => Signals.Send(LivePidOf(port), Signals.Stop);

    /// <summary>Resumes a node paused by <see cref="StopNode"/> with SIGCONT.</summary>
    public void ContinueNode(int port) => Signals.Send(LivePidOf(port), Signals.Continue);

    /// <summary>
    /// Starts a killed node again from its folder; it keeps its nodes.conf and rejoins (usually as a replica
    /// if it was failed over). Returns once it answers PING; use <see cref="WaitForClusterOk"/> to wait for agreement.
    /// </summary>
    public void RestartNode(int port)
    {
        RequireNode(port);
        RunScriptOrThrow("restart-node", port.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Runs <c>redis-cli -e -h 127.0.0.1 -p PORT args...</c> and returns its standard output with carriage returns
    /// removed. Error replies make redis-cli exit non-zero, which throws with its stderr. Put redis-cli options
    /// (such as <c>-c</c> to follow redirects) first in <paramref name="args"/>.
    /// </summary>
    public string RedisCli(int port, params string[] args) => RunCli(port, CliTimeout, args);

    /// <summary>
    /// Blocks until the nodes that are running (not killed, not paused) all report <c>cluster_state:ok</c>, agree on
    /// who owns each slot, see each other as healthy, and every slot is owned by one of them — so after
    /// <see cref="KillNode"/> of a primary this waits for the failover, not just for the survivors' stale "ok".
    /// </summary>
    /// <summary>
    /// Waits until the cluster is fully healthy as <c>cluster.sh status</c> sees it (every node up, every
    /// replica in sync with its primary), so a test that kills a primary can count on a failover; if that
    /// does not happen within <paramref name="timeout"/>, the cluster is recreated.
    /// </summary>
    public void WaitForHealthy(TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (!IsHealthy())
        {
            if (DateTime.UtcNow > deadline)
            {
                EnsureHealthy();
                return;
            }

            Thread.Sleep(250);
        }
    }

    public void WaitForClusterOk(TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        string reason;
        while (!IsClusterOk(out reason))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Cluster on {StartupNodes} not ok after {timeout.TotalSeconds:0.#} s: {reason}");
            }

            Thread.Sleep(200);
        }
    }

    private bool IsClusterOk(out string reason)
    {
        var running = new HashSet<string>(StringComparer.Ordinal);
        foreach (int port in Ports)
        {
            if (TryGetLivePid(port, out int pid) && ProcessState(pid) != 'T')
            {
                running.Add("127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture));
            }
        }

        if (running.Count == 0)
        {
            reason = "no node is running";
            return false;
        }

        string? agreed = null;
        string agreedBy = string.Empty;
        foreach (string node in running)
        {
            int port = int.Parse(node.AsSpan(node.IndexOf(':', StringComparison.Ordinal) + 1), CultureInfo.InvariantCulture);
            string info;
            string nodes;
            try
            {
                info = RunCli(port, ProbeTimeout, "CLUSTER", "INFO");
                nodes = RunCli(port, ProbeTimeout, "CLUSTER", "NODES");
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                reason = $"node {node} does not answer: {e.Message}";
                return false;
            }

            if (!info.Split('\n').Contains("cluster_state:ok"))
            {
                reason = $"node {node} does not report cluster_state:ok";
                return false;
            }

            var owners = new List<string>();
            foreach (string line in nodes.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                // <id> <ip:port@cport> <flags> <primary> <ping> <pong> <epoch> <link> <slot> <slot> ...
                string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 8)
                {
                    continue;
                }

                string address = fields[1].Split('@')[0];
                if (running.Contains(address) && fields[2].Contains("fail", StringComparison.Ordinal))
                {
                    reason = $"node {node} still flags running node {address} as {fields[2]}";
                    return false;
                }

                string slots = string.Join(' ', fields.Skip(8).Where(f => !f.StartsWith('[')));
                if (slots.Length == 0)
                {
                    continue;
                }

                if (!running.Contains(address))
                {
                    reason = $"node {node} says slots {slots} belong to {address}, which is not running";
                    return false;
                }

                owners.Add(address + " " + slots);
            }

            owners.Sort(StringComparer.Ordinal);
            string view = string.Join("; ", owners);
            if (agreed is null)
            {
                agreed = view;
                agreedBy = node;
            }
            else if (!string.Equals(agreed, view, StringComparison.Ordinal))
            {
                reason = $"nodes {agreedBy} and {node} disagree on slot owners ({agreed} vs {view})";
                return false;
            }
        }

        reason = string.Empty;
        return true;
    }

    private string RunCli(int port, TimeSpan timeout, params string[] args)
    {
        RequireNode(port);
        string[] tls = TlsDirectory is null ? [] : ["--tls", "--cacert", Path.Combine(TlsDirectory, "ca.crt")];
        string[] arguments = [.. tls, "-e", "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), .. args];
        ProcessResult result = ProcessRunner.Run("redis-cli", arguments, timeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"redis-cli -p {port} {string.Join(' ', args)} exited with {result.ExitCode}: {result.StandardError.Trim()}");
        }

        return result.StandardOutput.Replace("\r", string.Empty, StringComparison.Ordinal);
    }

    private string PidFileOf(int port)
    {
        RequireNode(port);
        return Path.Combine(DataDirectory, port.ToString(CultureInfo.InvariantCulture), "redis.pid");
    }

    private int LivePidOf(int port) =>
        TryGetLivePid(port, out int pid)
            ? pid
            : throw new InvalidOperationException($"Node {port} is not running (pidfile {PidFileOf(port)}).");

    // The pid counts only if it is still a redis-server: a stale pidfile may name a reused pid.
    private bool TryGetLivePid(int port, out int pid)
    {
        pid = 0;
        string pidFile = PidFileOf(port);
        if (!File.Exists(pidFile) ||
            !int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int candidate))
        {
            return false;
        }

        char? state = ProcessState(candidate);
        if (state is null or 'Z' or 'X' || !IsRedisServer(candidate))
        {
            return false;
        }

        pid = candidate;
        return true;
    }

    private static bool IsRedisServer(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").StartsWith("redis-server", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    // The state letter from /proc/<pid>/stat (R, S, T, Z, ...), or null when the process does not exist.
    private static char? ProcessState(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            int end = stat.LastIndexOf(')');
            return end >= 0 && end + 2 < stat.Length ? stat[end + 2] : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private void RequireNode(int port)
    {
        if (port < BasePort || port >= BasePort + NodeCount)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, $"Not a node of the cluster on {StartupNodes}.");
        }
    }

    private void RunScriptOrThrow(string command, params string[] extra)
    {
        ProcessResult result = RunScript(command, extra);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"cluster.sh {command} {string.Join(' ', extra)} failed with exit code {result.ExitCode}:\n{result.Combined}");
        }
    }

    private ProcessResult RunScript(string command, params string[] extra)
    {
        string[] arguments =
        [
            _script, command, .. extra,
            "--base-port", BasePort.ToString(CultureInfo.InvariantCulture),
            "--dir", DataDirectory,
            .. TlsDirectory is null ? Array.Empty<string>() : ["--tls-dir", TlsDirectory],
        ];
        return ProcessRunner.Run("bash", arguments, ScriptTimeout);
    }
}

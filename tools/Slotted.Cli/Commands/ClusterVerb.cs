using System.Diagnostics;

namespace Slotted.Cli.Commands;

/// <summary><c>slotted cluster start|stop|status|kill-node|restart-node</c>: runs <c>scripts/cluster.sh</c>.</summary>
internal sealed class ClusterVerb : IVerb
{
    public string Name => "cluster";

    public string Summary => "start, stop or inspect a local 6-node Redis Cluster (scripts/cluster.sh)";

    public string Usage =>
        """
        usage: slotted cluster start|stop|status [--base-port N] [--dir DIR] [--replicas N] [--node-timeout MS]
               slotted cluster kill-node|restart-node PORT [--base-port N] [--dir DIR]

          start         start 3 primaries + 3 replicas on 127.0.0.1:N..N+5 (installs redis-server if missing);
                        does nothing if that cluster is already up and healthy
          stop          stop the nodes started in DIR and wipe their data
          status        print each node's pid, role and cluster_state; exit code 0 only if healthy
          kill-node     SIGKILL one node (for fault tests)
          restart-node  start a killed node again; it rejoins from its nodes.conf

          --base-port N  first port (default 7000)
          --dir DIR      node folders (default <repo>/.cluster/<base-port>)

        The script is found by walking up from the executable to the repository root; set SLOTTED_REPO to override.
        """;

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Length == 0)
        {
            await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        if (args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return 0;
        }

        string repo;
        try
        {
            repo = RepoRoot.Find();
        }
        catch (InvalidOperationException e)
        {
            await Console.Error.WriteLineAsync($"slotted: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        var start = new ProcessStartInfo("bash") { UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(repo, RepoRoot.ClusterScript));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)
            ?? throw new InvalidOperationException("bash could not be started.");

        // Ctrl+C reaches the script too (same process group); wait for it to clean up and report its exit code.
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        return process.ExitCode;
    }
}

namespace Slotted.Cli;

/// <summary>Finds the repository checkout that holds <c>scripts/cluster.sh</c>.</summary>
internal static class RepoRoot
{
    /// <summary>Environment variable that names the repository root explicitly.</summary>
    public const string EnvironmentVariable = "SLOTTED_REPO";

    /// <summary>The cluster script, relative to the repository root.</summary>
    public static readonly string ClusterScript = Path.Combine("scripts", "cluster.sh");

    /// <summary>
    /// Returns <c>$SLOTTED_REPO</c> when set, else the nearest folder above the running program (the CLI or a test assembly) that contains
    /// <c>scripts/cluster.sh</c>, else the same search from the current directory.
    /// </summary>
    public static string Find()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            string full = Path.GetFullPath(fromEnvironment);
            if (!File.Exists(Path.Combine(full, ClusterScript)))
            {
                throw new InvalidOperationException($"{EnvironmentVariable}={fromEnvironment} has no {ClusterScript}.");
            }

            return full;
        }

        return Search(AppContext.BaseDirectory)
            ?? Search(Environment.CurrentDirectory)
            ?? throw new InvalidOperationException(
                $"Cannot find {ClusterScript} above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}; " +
                $"set {EnvironmentVariable} to the repository root.");
    }

    private static string? Search(string start)
    {
        for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, ClusterScript)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}

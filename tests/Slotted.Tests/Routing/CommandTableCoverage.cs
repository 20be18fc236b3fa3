using Slotted.Routing;

namespace Slotted.Tests.Routing;

/// <summary>
/// Compares the checked-in command table with the commands a server knows, so that a test against
/// a real server (for example its <c>COMMAND LIST</c>, or <c>COMMAND</c> names and their
/// subcommands) can show what the table lacks.
/// </summary>
public static class CommandTableCoverage
{
    /// <summary>
    /// The names in <paramref name="serverCommandNames"/> (any case; subcommands as "CONFIG|GET")
    /// that the table does not know, upper-cased, sorted and without duplicates.
    /// </summary>
    public static IReadOnlyList<string> MissingCommands(IEnumerable<string> serverCommandNames)
    {
        ArgumentNullException.ThrowIfNull(serverCommandNames);
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string name in serverCommandNames)
        {
            if (CommandTable.Find(name) is null) missing.Add(name.ToUpperInvariant());
        }
        return [.. missing];
    }

    /// <summary>
    /// The table's names (subcommands as "CONFIG|GET") that are not in
    /// <paramref name="serverCommandNames"/>: commands the server no longer has, or lacks a module for.
    /// </summary>
    public static IReadOnlyList<string> UnknownToServer(IEnumerable<string> serverCommandNames)
    {
        ArgumentNullException.ThrowIfNull(serverCommandNames);
        var known = new HashSet<string>(serverCommandNames, StringComparer.OrdinalIgnoreCase);
        var unknown = new List<string>();
        foreach (string name in AllNames())
        {
            if (!known.Contains(name)) unknown.Add(name);
        }
        unknown.Sort(StringComparer.Ordinal);
        return unknown;
    }

    /// <summary>Every name in the table, top-level commands and subcommands.</summary>
    public static IEnumerable<string> AllNames()
    {
        foreach (CommandInfo command in CommandTable.All)
        {
            yield return command.Name;
            foreach (CommandInfo sub in command.Subcommands.Values) yield return sub.Name;
        }
    }
}

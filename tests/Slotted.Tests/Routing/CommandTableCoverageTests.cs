using Slotted.Routing;

namespace Slotted.Tests.Routing;

public sealed class CommandTableCoverageTests
{
    private static readonly IReadOnlyList<string> ServerNames = EmbeddedTestData.ReadLines("server-commands.txt");

    [Fact]
    public void MissingCommands_EveryNameTheServerListed_NoneMissing()
    {
        Assert.Empty(CommandTableCoverage.MissingCommands(ServerNames));
    }

    [Fact]
    public void UnknownToServer_EveryTableName_ServerListedIt()
    {
        Assert.Empty(CommandTableCoverage.UnknownToServer(ServerNames));
    }

    [Fact]
    public void AllNames_Counted_MatchesServerIncludingSubcommands()
    {
        Assert.Equal(ServerNames.Count, CommandTableCoverage.AllNames().Count());
        Assert.Contains("CONFIG|GET", ServerNames);
        Assert.Contains("CLIENT|LIST", ServerNames);
    }

    [Fact]
    public void MissingCommands_UnknownNames_ReportedUpperCasedAndSorted()
    {
        IReadOnlyList<string> missing = CommandTableCoverage.MissingCommands(
            ["get", "nosuchcommand", "config|nosuchsub", "CONFIG|get", "another", "nosuchcommand"]);

        Assert.Equal(["ANOTHER", "CONFIG|NOSUCHSUB", "NOSUCHCOMMAND"], missing);
    }

    [Fact]
    public void All_TopLevelOnly_NoSubcommandNames()
    {
        Assert.All(CommandTable.All, c => Assert.DoesNotContain('|', c.Name));
        Assert.Equal(ServerNames.Count(n => !n.Contains('|', StringComparison.Ordinal)), CommandTable.All.Count);
    }
}

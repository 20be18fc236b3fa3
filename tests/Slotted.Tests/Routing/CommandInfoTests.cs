using Slotted.Routing;

namespace Slotted.Tests.Routing;

public sealed class CommandInfoTests
{
    private static IEnumerable<CommandInfo> Everything()
    {
        foreach (CommandInfo command in CommandTable.All)
        {
            yield return command;
            foreach (CommandInfo sub in command.Subcommands.Values) yield return sub;
        }
    }

    [Fact]
    public void KeysIncomplete_WholeTable_OnlySortAndMigrate()
    {
        string[] incomplete = [.. Everything().Where(c => c.KeysIncomplete).Select(c => c.Name).Order(StringComparer.Ordinal)];

        Assert.Equal(["MIGRATE", "SORT", "SORT_RO"], incomplete);
    }

    [Fact]
    public void KeySpecs_Sort_FirstKnownThenUnknown()
    {
        CommandInfo sort = CommandTable.Find("SORT")!;

        Assert.Equal(3, sort.KeySpecs.Count);
        Assert.Equal(BeginSearchKind.Index, sort.KeySpecs[0].BeginSearch);
        Assert.False(sort.KeySpecs[0].IsIncomplete);
        Assert.All(sort.KeySpecs.Skip(1), s => Assert.True(s.IsIncomplete));
        Assert.Equal(KeySpecFlags.OW | KeySpecFlags.Update, sort.KeySpecs[2].Flags);
    }

    [Fact]
    public void KeySpecs_Migrate_SecondFlaggedIncompleteKeywordFromEnd()
    {
        KeySpec keys = CommandTable.Find("MIGRATE")!.KeySpecs[1];

        Assert.Equal((BeginSearchKind.Keyword, "KEYS", -2), (keys.BeginSearch, keys.Keyword, keys.StartFrom));
        Assert.True((keys.Flags & KeySpecFlags.Incomplete) != 0);
    }

    [Fact]
    public void KeySpecs_Xread_KeywordRangeWithLimit()
    {
        KeySpec streams = Assert.Single(CommandTable.Find("XREAD")!.KeySpecs);

        Assert.Equal((BeginSearchKind.Keyword, "STREAMS", 1), (streams.BeginSearch, streams.Keyword, streams.StartFrom));
        Assert.Equal((FindKeysKind.Range, -1, 1, 2), (streams.FindKeys, streams.LastKey, streams.KeyStep, streams.Limit));
    }

    [Fact]
    public void KeySpecs_Set_VariableFlags()
    {
        KeySpec set = Assert.Single(CommandTable.Find("SET")!.KeySpecs);

        Assert.True((set.Flags & KeySpecFlags.VariableFlags) != 0);
        Assert.True((set.Flags & KeySpecFlags.RW) != 0);
    }

    [Fact]
    public void HasKeys_KeyedKeylessAndShardChannel_AsExpected()
    {
        Assert.True(CommandTable.Find("GET")!.HasKeys);
        Assert.True(CommandTable.Find("EVAL")!.HasKeys);
        Assert.False(CommandTable.Find("PING")!.HasKeys);
        Assert.False(CommandTable.Find("SPUBLISH")!.HasKeys);
        Assert.True(CommandTable.Find("SPUBLISH")!.KeySpecs[0].IsNotKey);
    }

    [Fact]
    public void LegacyKeyPositions_WholeTable_DescribedByKeySpecsToo()
    {
        Assert.All(Everything().Where(c => c.FirstKey > 0), c => Assert.NotEmpty(c.KeySpecs));
        Assert.All(Everything().Where(c => (c.Flags & CommandFlags.MovableKeys) != 0), c => Assert.True(c.HasKeys, c.Name));
    }

    [Fact]
    public void Subcommands_Container_KeyedByShortName()
    {
        CommandInfo config = CommandTable.Find("CONFIG")!;

        Assert.Same(CommandTable.Find("CONFIG|GET"), config.Subcommands["get"]);
        Assert.All(config.Subcommands, kv => Assert.Equal("CONFIG|" + kv.Key, kv.Value.Name));
        Assert.Empty(CommandTable.Find("GET")!.Subcommands);
    }

    [Theory]
    [InlineData("GET", 2, true)]
    [InlineData("GET", 3, false)]
    [InlineData("MGET", 2, true)]
    [InlineData("MGET", 9, true)]
    [InlineData("MGET", 1, false)]
    [InlineData("CONFIG|GET", 3, true)]
    [InlineData("CONFIG|GET", 2, false)]
    public void AcceptsArgumentCount_Arity_FixedOrMinimum(string name, int count, bool expected)
    {
        Assert.Equal(expected, CommandTable.Find(name)!.AcceptsArgumentCount(count));
    }

    [Fact]
    public void Names_WholeTable_UpperCase()
    {
        Assert.All(Everything(), c => Assert.Equal(c.Name.ToUpperInvariant(), c.Name));
    }
}

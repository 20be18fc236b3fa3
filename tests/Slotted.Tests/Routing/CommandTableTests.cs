using System.Text;
using Slotted.Routing;

namespace Slotted.Tests.Routing;

public sealed class CommandTableTests
{
    private static CommandInfo Info(params RedisValue[] parts) =>
        CommandTable.Find(parts) ?? throw new InvalidOperationException("unknown command");

    [Fact]
    public void Table_Generated_FromRedis7WithAllCommands()
    {
        Assert.StartsWith("7.", CommandTable.GeneratedFrom, StringComparison.Ordinal);
        Assert.True(CommandTable.All.Count >= 240);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("get")]
    [InlineData("GeT")]
    public void Find_NameInAnyCase_Found(string name)
    {
        Assert.Equal("GET", Info(name, "k").Name);
    }

    [Fact]
    public void Find_NameAsBytes_Found()
    {
        Assert.Equal("ZADD", Info(Encoding.ASCII.GetBytes("zadd"), "z", 1L, "m").Name);
    }

    [Fact]
    public void Find_Subcommand_ReturnsSubcommandInfo()
    {
        CommandInfo info = Info("config", "get", "maxmemory");

        Assert.Equal("CONFIG|GET", info.Name);
        Assert.Equal("CONFIG", info.Parent?.Name);
        Assert.Equal("CLIENT|LIST", Info(Encoding.ASCII.GetBytes("CLIENT"), Encoding.ASCII.GetBytes("list")).Name);
    }

    [Fact]
    public void Find_ContainerWithoutOrWithUnknownSubcommand_ReturnsContainer()
    {
        Assert.Equal("CONFIG", Info("CONFIG").Name);
        Assert.Equal("CONFIG", Info("CONFIG", "NOSUCH").Name);
        Assert.Equal("CONFIG", Info("CONFIG", 42L).Name);
    }

    [Fact]
    public void Find_CommandWithoutSubcommands_IgnoresSecondArgument()
    {
        Assert.Equal("GET", Info("GET", "LIST").Name);
    }

    [Fact]
    public void Find_UnknownOrUnusableName_Null()
    {
        Assert.Null(CommandTable.Find(ReadOnlySpan<RedisValue>.Empty));
        Assert.Null(CommandTable.Find(["NOSUCHCOMMAND"]));
        Assert.Null(CommandTable.Find([RedisValue.Null]));
        Assert.Null(CommandTable.Find([42L]));
        Assert.Null(CommandTable.Find([new byte[] { 0x47, 0xC5, 0x54 }]));
        Assert.Null(CommandTable.Find(["\u017Fet", "k"])); // .NET folds U+017F to 'S'; Redis does not
        Assert.Null(CommandTable.Find([new string('A', 1000)]));
    }

    [Theory]
    [InlineData("GET", "GET")]
    [InlineData("config|get", "CONFIG|GET")]
    [InlineData("Object|Encoding", "OBJECT|ENCODING")]
    public void FindByName_NameOrPipedSubcommand_Found(string name, string expected)
    {
        Assert.Equal(expected, CommandTable.Find(name)?.Name);
    }

    [Theory]
    [InlineData("NOSUCH")]
    [InlineData("CONFIG|NOSUCH")]
    [InlineData("NOSUCH|GET")]
    [InlineData("GET|X")]
    public void FindByName_Unknown_Null(string name)
    {
        Assert.Null(CommandTable.Find(name));
    }

    [Fact]
    public void Flags_ReadOnlyWriteBlocking_AsServerSays()
    {
        Assert.True(Info("GET").IsReadOnly);
        Assert.False(Info("GET").IsBlocking);
        Assert.False(Info("SET").IsReadOnly);
        Assert.True((Info("SET").Flags & CommandFlags.Write) != 0);
        Assert.True((Info("SET").Flags & CommandFlags.DenyOom) != 0);
        Assert.True(Info("BLPOP").IsBlocking);
        Assert.True(Info("XREAD").IsBlocking);
        Assert.True(Info("XREAD").IsReadOnly);
        Assert.False(Info("XREADGROUP").IsReadOnly);
        Assert.True(Info("OBJECT", "ENCODING").IsReadOnly);
        Assert.True(Info("SORT_RO").IsReadOnly);
        Assert.False(Info("SORT").IsReadOnly);
        Assert.True((Info("EVAL").Flags & CommandFlags.MovableKeys) != 0);
        Assert.True((Info("AUTH").Flags & CommandFlags.NoAuth) != 0);
        Assert.True((Info("PSYNC").Flags & CommandFlags.NoMulti) != 0);
        Assert.True((Info("SCRIPT", "KILL").Flags & CommandFlags.AllowBusy) != 0);
        Assert.True((Info("PUBLISH").Flags & CommandFlags.PubSub) != 0);
    }

    [Theory]
    [InlineData("DBSIZE", "AllShards", "AggSum")]
    [InlineData("KEYS", "AllShards", "Default")]
    [InlineData("FLUSHALL", "AllShards", "AllSucceeded")]
    [InlineData("FLUSHDB", "AllShards", "AllSucceeded")]
    [InlineData("PING", "AllShards", "AllSucceeded")]
    [InlineData("INFO", "AllShards", "Special")]
    [InlineData("RANDOMKEY", "AllShards", "Default")]
    [InlineData("SCAN", "Special", "Default")]
    [InlineData("WAIT", "AllShards", "AggMin")]
    [InlineData("MGET", "MultiShard", "Default")]
    [InlineData("MSET", "MultiShard", "AllSucceeded")]
    [InlineData("MSETNX", "MultiShard", "AggMin")]
    [InlineData("DEL", "MultiShard", "AggSum")]
    [InlineData("EXISTS", "MultiShard", "AggSum")]
    [InlineData("UNLINK", "MultiShard", "AggSum")]
    [InlineData("TOUCH", "MultiShard", "AggSum")]
    [InlineData("GET", "Default", "Default")]
    [InlineData("EVAL", "Default", "Default")]
    public void Policies_TopLevel_AsServerSays(string name, string request, string response)
    {
        CommandInfo info = Info(name);
        Assert.Equal((request, response), (info.RequestPolicy.ToString(), info.ResponsePolicy.ToString()));
    }

    [Theory]
    [InlineData("SCRIPT", "FLUSH", "AllNodes", "AllSucceeded")]
    [InlineData("SCRIPT", "LOAD", "AllNodes", "AllSucceeded")]
    [InlineData("SCRIPT", "EXISTS", "AllShards", "AggLogicalAnd")]
    [InlineData("SCRIPT", "KILL", "AllShards", "OneSucceeded")]
    [InlineData("FUNCTION", "LOAD", "AllShards", "AllSucceeded")]
    [InlineData("FUNCTION", "STATS", "AllShards", "Special")]
    [InlineData("CONFIG", "SET", "AllNodes", "AllSucceeded")]
    [InlineData("CONFIG", "GET", "Default", "Default")]
    [InlineData("SLOWLOG", "LEN", "AllNodes", "AggSum")]
    [InlineData("MEMORY", "STATS", "AllShards", "Special")]
    [InlineData("LATENCY", "RESET", "AllNodes", "AllSucceeded")]
    public void Policies_Subcommands_AsServerSays(string name, string sub, string request, string response)
    {
        CommandInfo info = Info(name, sub);
        Assert.Equal((request, response), (info.RequestPolicy.ToString(), info.ResponsePolicy.ToString()));
    }

    [Fact]
    public void Tips_NondeterministicOutput_AsServerSays()
    {
        Assert.Equal(CommandTips.NondeterministicOutputOrder, Info("KEYS").Tips);
        Assert.Equal(CommandTips.NondeterministicOutput, Info("RANDOMKEY").Tips);
        Assert.Equal(CommandTips.None, Info("GET").Tips);
    }

    [Fact]
    public void DocFlags_DeprecatedAndSysCmd_AsServerSays()
    {
        Assert.Equal(CommandDocFlags.Deprecated, Info("GEORADIUS").DocFlags);
        Assert.Equal(CommandDocFlags.Deprecated, Info("CLUSTER", "SLOTS").DocFlags);
        Assert.Equal(CommandDocFlags.SysCmd, Info("REPLCONF").DocFlags);
        Assert.Equal(CommandDocFlags.None, Info("GEOSEARCH").DocFlags);
    }
}

using System.Reflection;
using Slotted.Routing;

namespace Slotted.Tests.Routing;

public sealed class BlockedCommandsTests
{
    // redis-py-cluster's blocked list; the ones it blocked only for lack of time are supported here
    // (WATCH/UNWATCH through CreateTransaction, refused on the shared path with that advice).
    private static readonly string[] SeedBlocked =
    [
        "CLIENT SETNAME", "SENTINEL", "SENTINEL GET-MASTER-ADDR-BY-NAME", "SENTINEL MASTER", "SENTINEL MASTERS",
        "SENTINEL MONITOR", "SENTINEL REMOVE", "SENTINEL SENTINELS", "SENTINEL SET", "SENTINEL SLAVES", "SHUTDOWN", "SLAVEOF", "MOVE",
    ];

    private static readonly string[] SeedSupported =
    [
        "RESTORE", "PUBLISH", "EVAL", "EVALSHA", "SCRIPT EXISTS", "SCRIPT FLUSH", "SCRIPT KILL", "SCRIPT LOAD", "BITOP",
    ];

    [Fact]
    public void ThrowIfBlocked_SeedBlockedList_EveryNameRefused()
    {
        foreach (string name in SeedBlocked)
        {
            RedisValue[] parts = [.. name.Split(' ').Select(w => (RedisValue)w), "arg"];
            var error = Assert.Throws<RedisBlockedCommandException>(() => BlockedCommands.ThrowIfBlocked(parts));
            Assert.Contains("not allowed on a cluster client", error.Message);
        }
    }

    [Fact]
    public void ThrowIfBlocked_SeedListBlockedOnlyForLackOfTime_Allowed()
    {
        foreach (string name in SeedSupported)
        {
            RedisValue[] parts = [.. name.Split(' ').Select(w => (RedisValue)w), "arg"];
            BlockedCommands.ThrowIfBlocked(parts);
        }
    }

    [Fact]
    public void ThrowIfBlocked_WatchUnwatch_PointToTheTransactionApi()
    {
        foreach (string name in new[] { "WATCH", "UNWATCH" })
        {
            var error = Assert.Throws<RedisBlockedCommandException>(() => BlockedCommands.ThrowIfBlocked([name, "k"]));
            Assert.Contains("CreateTransaction", error.Message);
        }
    }

    [Fact]
    public void ThrowIfBlocked_AnyCase_NamesTheCommandUpperCased()
    {
        Assert.Equal("REPLICAOF", Assert.Throws<RedisBlockedCommandException>(() => BlockedCommands.ThrowIfBlocked(["replicaOf", "no", "one"])).Command);
        Assert.Equal("CLIENT SETNAME", Assert.Throws<RedisBlockedCommandException>(() => BlockedCommands.ThrowIfBlocked(["client", "setName", "x"])).Command);
        BlockedCommands.ThrowIfBlocked(["CLIENT", "GETNAME"]);
        BlockedCommands.ThrowIfBlocked(["CLIENT"]);
        Assert.Equal(["CLIENT|SETNAME", "MOVE", "REPLICAOF", "SELECT", "SENTINEL", "SHUTDOWN", "SLAVEOF", "SWAPDB"], BlockedCommands.Names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TypedApi_NoMethodSendsABlockedCommand()
    {
        // Method names are the command in PascalCase: none may be named after a blocked command, and
        // only Execute/ExecuteAsync take a command name (they check the list).
        var methods = typeof(RedisCluster).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly);
        var blocked = new[] { "Shutdown", "SlaveOf", "ReplicaOf", "Move", "Select", "SwapDb", "Sentinel", "ClientSetName" };
        foreach (var method in methods)
        {
            string name = method.Name.EndsWith("Async", StringComparison.Ordinal) ? method.Name[..^5] : method.Name;
            Assert.DoesNotContain(blocked, b => name.StartsWith(b, StringComparison.OrdinalIgnoreCase));
            if (method.GetParameters().FirstOrDefault() is { Name: "command", ParameterType: var type } && type == typeof(string))
                Assert.StartsWith("Execute", method.Name);
        }
        Assert.Contains(methods, m => m.Name == "ClientGetNameAsync");
    }
    [Theory]
    [InlineData("MONITOR")]
    [InlineData("RESET")]
    [InlineData("QUIT")]
    [InlineData("HELLO", "3")]
    [InlineData("AUTH", "secret")]
    [InlineData("READONLY")]
    [InlineData("READWRITE")]
    [InlineData("CLIENT", "REPLY", "OFF")]
    [InlineData("subscribe", "news")]
    [InlineData("SSUBSCRIBE", "news")]
    public void ThrowIfBlocked_CommandsThatChangeTheSharedConnection_RefusedWithWhatToUse(params string[] command)
    {
        var parts = command.Select(c => (RedisValue)c).ToArray();
        var error = Assert.Throws<RedisBlockedCommandException>(() => BlockedCommands.ThrowIfBlocked(parts));
        Assert.Contains("connection", error.Message);
    }

    [Fact]
    public void ThrowIfBlocked_ClientSubcommandsThatAreHarmless_Allowed()
    {
        BlockedCommands.ThrowIfBlocked(["CLIENT", "LIST"]);
        BlockedCommands.ThrowIfBlocked(["CLIENT", "INFO"]);
        BlockedCommands.ThrowIfBlocked(["CLIENT", "ID"]);
    }
}

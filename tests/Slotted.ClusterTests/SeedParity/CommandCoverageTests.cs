using Slotted.ClusterTests.Infrastructure;
using Slotted.Tests.Routing;

namespace Slotted.ClusterTests.SeedParity;

/// <summary>
/// Section 1 of the seed-parity issue: the generated command table knows every command the live
/// server knows, and ExecuteAsync routes commands whose keys are not the first argument to the node
/// that owns the key (proven by the nodes' own commandstats, with no MOVED on the way).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CommandCoverageTests(ClusterFixture fixture)
{
    [Fact]
    public async Task CommandList_EveryTopLevelCommand_InCommandTable()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var names = (await cluster.ExecuteAsync("COMMAND", "LIST")).ToStringArray().Select(n => n!).ToList();
        Assert.True(names.Count > 200, $"COMMAND LIST gave only {names.Count} names");
        Assert.Empty(CommandTableCoverage.MissingCommands(names));
    }

    [Fact]
    public async Task CommandDocs_EverySubcommand_InCommandTable()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var docs = (await cluster.ExecuteAsync("COMMAND", "DOCS")).ToDictionary();
        var names = new List<string>(docs.Keys);
        foreach (var doc in docs.Values)
        {
            if (doc.ToDictionary().TryGetValue("subcommands", out var subcommands)) names.AddRange(subcommands.ToDictionary().Keys);
        }
        Assert.Contains("config|get", names);
        Assert.Empty(CommandTableCoverage.MissingCommands(names));
    }

    [Fact]
    public async Task CommandInfo_EverySubcommand_InCommandTable()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var names = new List<string>();
        foreach (var command in (await cluster.ExecuteAsync("COMMAND", "INFO")).Elements)
        {
            if (command.IsNull) continue;
            names.Add(command[0].ToString()!);
            if (command.Length > 9)
            {
                foreach (var sub in command[9].Elements) names.Add(sub[0].ToString()!);
            }
        }
        Assert.Contains("client|list", names);
        Assert.Empty(CommandTableCoverage.MissingCommands(names));
    }

    [Fact]
    public Task ExecuteAsync_Eval_RunsOnKeyOwner() => RunsOnKeyOwner(sync: false, "eval", null,
        tag => ("EVAL", ["return redis.call('SET', KEYS[1], ARGV[1])", 1, tag + "k", "v"]));

    [Fact]
    public Task Execute_Eval_RunsOnKeyOwner() => RunsOnKeyOwner(sync: true, "eval", null,
        tag => ("EVAL", ["return redis.call('SET', KEYS[1], ARGV[1])", 1, tag + "k", "v"]));

    [Fact]
    public Task ExecuteAsync_XRead_RunsOnKeyOwner() => RunsOnKeyOwner(sync: false, "xread",
        tag => ("XADD", [tag + "s", "*", "f", "v"]), tag => ("XREAD", ["COUNT", 1, "STREAMS", tag + "s", "0"]));

    [Fact]
    public Task Execute_XRead_RunsOnKeyOwner() => RunsOnKeyOwner(sync: true, "xread",
        tag => ("XADD", [tag + "s", "*", "f", "v"]), tag => ("XREAD", ["COUNT", 1, "STREAMS", tag + "s", "0"]));

    [Fact]
    public Task ExecuteAsync_ZUnionStore_RunsOnKeyOwner() => RunsOnKeyOwner(sync: false, "zunionstore",
        tag => ("ZADD", [tag + "a", 1, "m"]), tag => ("ZUNIONSTORE", [tag + "d", 2, tag + "a", tag + "b"]));

    [Fact]
    public Task Execute_ZUnionStore_RunsOnKeyOwner() => RunsOnKeyOwner(sync: true, "zunionstore",
        tag => ("ZADD", [tag + "a", 1, "m"]), tag => ("ZUNIONSTORE", [tag + "d", 2, tag + "a", tag + "b"]));

    [Fact]
    public Task ExecuteAsync_ObjectEncoding_RunsOnKeyOwner() => RunsOnKeyOwner(sync: false, "object|encoding",
        tag => ("SET", [tag + "k", "v"]), tag => ("OBJECT", ["ENCODING", tag + "k"]));

    [Fact]
    public Task Execute_ObjectEncoding_RunsOnKeyOwner() => RunsOnKeyOwner(sync: true, "object|encoding",
        tag => ("SET", [tag + "k", "v"]), tag => ("OBJECT", ["ENCODING", tag + "k"]));

    [Fact]
    public Task ExecuteAsync_MemoryUsage_RunsOnKeyOwner() => RunsOnKeyOwner(sync: false, "memory|usage",
        tag => ("SET", [tag + "k", "v"]), tag => ("MEMORY", ["USAGE", tag + "k", "SAMPLES", 0]));

    [Fact]
    public Task Execute_MemoryUsage_RunsOnKeyOwner() => RunsOnKeyOwner(sync: true, "memory|usage",
        tag => ("SET", [tag + "k", "v"]), tag => ("MEMORY", ["USAGE", tag + "k", "SAMPLES", 0]));

    [Fact]
    public Task ExecuteAsync_LMPop_RunsOnKeyOwner() => RunsOnKeyOwner(sync: false, "lmpop",
        tag => ("RPUSH", [tag + "b", "x"]), tag => ("LMPOP", [2, tag + "a", tag + "b", "LEFT"]));

    [Fact]
    public Task Execute_LMPop_RunsOnKeyOwner() => RunsOnKeyOwner(sync: true, "lmpop",
        tag => ("RPUSH", [tag + "b", "x"]), tag => ("LMPOP", [2, tag + "a", tag + "b", "LEFT"]));

    [Fact]
    public Task ExecuteAsync_SInterCard_RunsOnKeyOwner() => RunsOnKeyOwner(sync: false, "sintercard",
        tag => ("SADD", [tag + "a", "x"]), tag => ("SINTERCARD", [2, tag + "a", tag + "b", "LIMIT", 5]));

    [Fact]
    public Task Execute_SInterCard_RunsOnKeyOwner() => RunsOnKeyOwner(sync: true, "sintercard",
        tag => ("SADD", [tag + "a", "x"]), tag => ("SINTERCARD", [2, tag + "a", tag + "b", "LIMIT", 5]));

    [Fact]
    public Task ExecuteAsync_SortStore_RunsOnKeyOwner() => RunsOnKeyOwner(sync: false, "sort",
        tag => ("RPUSH", [tag + "l", 3, 1, 2]), tag => ("SORT", [tag + "l", "BY", "nosort", "STORE", tag + "d"]));

    [Fact]
    public Task Execute_SortStore_RunsOnKeyOwner() => RunsOnKeyOwner(sync: true, "sort",
        tag => ("RPUSH", [tag + "l", 3, 1, 2]), tag => ("SORT", [tag + "l", "BY", "nosort", "STORE", tag + "d"]));

    [Fact]
    public Task ExecuteAsync_SPublish_RunsOnShardChannelOwner() => RunsOnKeyOwner(sync: false, "spublish", null,
        tag => ("SPUBLISH", [tag + "channel", "hello"]));

    [Fact]
    public Task Execute_SPublish_RunsOnShardChannelOwner() => RunsOnKeyOwner(sync: true, "spublish", null,
        tag => ("SPUBLISH", [tag + "channel", "hello"]));

    // Runs the command once for a key on each shard and checks, from the servers' own counters, that
    // each ran exactly once on its key's primary (and on no other primary) and that no node answered
    // MOVED/ASK for it.
    private async Task RunsOnKeyOwner(bool sync, string stat, Func<string, (string, RedisValue[])>? setup, Func<string, (string Command, RedisValue[] Args)> command)
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var tags = ClusterProbe.TagPerShard(cluster, "route");
        Assert.Equal(3, tags.Count);
        if (setup is not null)
        {
            foreach (var (tag, _) in tags)
            {
                var (name, args) = setup(tag);
                await cluster.ExecuteAsync(name, args);
            }
        }
        var before = ServerStats.Take(fixture.Cluster);
        foreach (var (tag, _) in tags)
        {
            var (name, args) = command(tag);
            if (sync) cluster.Execute(name, args);
            else await cluster.ExecuteAsync(name, args);
        }
        var after = ServerStats.Take(fixture.Cluster);
        // Replicas count the writes they replay from their primary too: look at the primaries only.
        var primaryPorts = ClusterProbe.Primaries(cluster).Select(ClusterProbe.Port).ToHashSet();
        var ranOnPrimaries = ServerStats.CallsDelta(before, after, stat).Where(d => primaryPorts.Contains(d.Key)).ToDictionary();
        Assert.Equal(tags.ToDictionary(t => t.OwnerPort, _ => 1L), ranOnPrimaries);
        Assert.Equal(0, ServerStats.RejectedDelta(before, after, stat));
    }
}

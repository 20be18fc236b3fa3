using Slotted.ClusterTests.Infrastructure;
using Slotted.ClusterTests.ReadFrom;

namespace Slotted.ClusterTests.Scripting;

[Collection("cluster")]
public sealed class FunctionTests(ClusterFixture fixture)
{
    private static string Library(string name) => $$$"""
        #!lua name={{{name}}}
        redis.register_function('{{{name}}}_set', function(keys, args) redis.call('SET', keys[1], args[1]) return redis.call('GET', keys[1]) end)
        redis.register_function{function_name='{{{name}}}_get', callback=function(keys, args) return redis.call('GET', keys[1]) end, flags={'no-writes'}}
        redis.register_function('{{{name}}}_echo', function(keys, args) return args[1] end)
        """;

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task FunctionLoad_EveryPrimary_FCallRoutedByKeys(int protocol)
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + $",protocol={protocol}");
        string name = $"lib{Guid.NewGuid():N}";
        Assert.Equal(name, await cluster.FunctionLoadAsync(Library(name)));
        try
        {
            foreach (var primary in cluster.SlotMap.Primaries)
                Assert.Contains(name, fixture.Cluster.RedisCli(primary.Port, "FUNCTION", "LIST", "LIBRARYNAME", name));
            await Assert.ThrowsAnyAsync<RedisServerException>(() => cluster.FunctionLoadAsync(Library(name)).AsTask());
            Assert.Equal(name, await cluster.FunctionLoadAsync(Library(name), replace: true));

            string key = $"fcall:{Guid.NewGuid():N}";
            Assert.Equal("v", (await cluster.FCallAsync(name + "_set", [key], ["v"])).ToString());
            Assert.Equal("v", (await cluster.FCallReadOnlyAsync(name + "_get", [key])).ToString());
            Assert.Equal("hi", (await cluster.FCallAsync(name + "_echo", args: ["hi"])).ToString());
            await Assert.ThrowsAnyAsync<RedisServerException>(() => cluster.FCallReadOnlyAsync(name + "_set", [key], ["w"]).AsTask());
            Assert.Equal("v", cluster.FCall(name + "_get", [key]).ToString());
            Assert.Equal("v", cluster.FCallReadOnly(name + "_get", [key]).ToString());
            Assert.True((await cluster.FunctionListAsync(name)).Length == 1);
            Assert.True(cluster.FunctionList(name, withCode: true).Length == 1);
        }
        finally
        {
            await cluster.FunctionDeleteAsync(name);
        }
        foreach (var primary in cluster.SlotMap.Primaries)
            Assert.DoesNotContain(name, fixture.Cluster.RedisCli(primary.Port, "FUNCTION", "LIST", "LIBRARYNAME", name));
        await Assert.ThrowsAnyAsync<RedisServerException>(() => cluster.FCallAsync(name + "_echo", args: ["hi"]).AsTask());
    }

    [Fact]
    public async Task FunctionFlush_EveryPrimary_LibrariesGone()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string a = $"fa{Guid.NewGuid():N}", b = $"fb{Guid.NewGuid():N}";
        await cluster.FunctionLoadAsync(Library(a));
        cluster.FunctionLoad(Library(b));
        await cluster.FunctionFlushAsync(ScriptFlushMode.Sync);
        foreach (var primary in cluster.SlotMap.Primaries)
            Assert.Equal("", fixture.Cluster.RedisCli(primary.Port, "FUNCTION", "LIST").Trim());
        await cluster.FunctionLoadAsync(Library(a));
        cluster.FunctionFlush();
        Assert.Equal(0, (await cluster.FunctionListAsync()).Length);
    }

    [Fact]
    public void SyncTwins_LoadCallDelete_Work()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        string name = $"slib{Guid.NewGuid():N}";
        Assert.Equal(name, cluster.FunctionLoad(Library(name)));
        try
        {
            string key = $"sfcall:{Guid.NewGuid():N}";
            Assert.Equal("s", cluster.FCall(name + "_set", [key], ["s"]).ToString());
            Assert.Equal("s", (string?)cluster.Get(key));
        }
        finally
        {
            cluster.FunctionDelete(name);
        }
        Assert.Throws<RedisServerException>(() => cluster.FunctionDelete(name));
        // Scripts too.
        string sha = cluster.ScriptLoad("return 7");
        Assert.True(cluster.ScriptExists(sha));
        Assert.Equal([true], cluster.ScriptExists([sha]));
        Assert.Equal(7, (long)cluster.EvalSha(sha));
        Assert.Equal(7, (long)cluster.EvalShaReadOnly(sha));
        Assert.Equal(8, (long)cluster.Eval("return 8"));
        Assert.Equal(9, (long)cluster.EvalReadOnly("return 9"));
    }
}

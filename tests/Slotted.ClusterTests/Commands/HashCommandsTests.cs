using Slotted.ClusterTests.Infrastructure;
using static Slotted.ClusterTests.Commands.CommandTest;

namespace Slotted.ClusterTests.Commands;

[Collection("cluster")]
public sealed class HashCommandsTests(ClusterFixture fixture)
{
    private static KeyValuePair<RedisValue, RedisValue> Pair(string field, string value) => new(field, value);

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task SetGetAll_ManyFields_RoundTripInBothProtocols(int protocol)
    {
        await using var cluster = await ConnectAsync(fixture, protocol);
        string key = Key("hash");
        Assert.True(await cluster.HSetAsync(key, "a", "1"));
        Assert.False(await cluster.HSetAsync(key, "a", "one"));
        Assert.Equal(2, await cluster.HSetAsync(key, [Pair("a", "uno"), Pair("b", "2"), Pair("c", "3")]));
        var all = await cluster.HGetAllAsync(key);
        Assert.Equal(3, all.Length);
        var map = all.ToDictionary();
        Assert.Equal("uno", (string?)map["a"]);
        Assert.Equal("2", (string?)map["b"]);
        Assert.Equal("3", (string?)map["c"]);
        Assert.Equal(all, cluster.HGetAll(key));
        Assert.Empty(await cluster.HGetAllAsync(Key("hash-missing")));
    }

    [Fact]
    public async Task FieldReads_FollowRedisSemantics()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("hash-reads");
        await cluster.HSetAsync(key, [Pair("f1", "v1"), Pair("f2", "value2")]);
        Assert.Equal("v1", (string?)await cluster.HGetAsync(key, "f1"));
        Assert.True((await cluster.HGetAsync(key, "nope")).IsNull);
        Assert.Equal(new string?[] { "v1", null, "value2" }, (await cluster.HMGetAsync(key, "f1", "nope", "f2")).Select(v => (string?)v));
        Assert.True(await cluster.HExistsAsync(key, "f2"));
        Assert.False(await cluster.HExistsAsync(key, "nope"));
        Assert.Equal(2, await cluster.HLenAsync(key));
        Assert.Equal(["f1", "f2"], Text(await cluster.HKeysAsync(key)).Order());
        Assert.Equal(["v1", "value2"], Text(await cluster.HValsAsync(key)).Order());
        Assert.Equal(6, await cluster.HStrLenAsync(key, "f2"));
        Assert.Equal(0, await cluster.HStrLenAsync(key, "nope"));
        Assert.Equal(2, await cluster.HDelAsync(key, "f1", "nope", "f2"));
        Assert.Equal(0, await cluster.HLenAsync(key));
        Assert.False(await cluster.ExistsAsync(key));
    }

    [Fact]
    public void SyncTwins_Work()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        string key = Key("hash-sync");
        Assert.True(cluster.HSet(key, "a", "1"));
        Assert.Equal(1, cluster.HSet(key, [Pair("b", "2")]));
        Assert.True(cluster.HSetNx(key, "c", "3"));
        Assert.False(cluster.HSetNx(key, "c", "4"));
        Assert.Equal("3", (string?)cluster.HGet(key, "c"));
        Assert.Equal(["1", "2"], Text(cluster.HMGet(key, "a", "b")));
        Assert.True(cluster.HExists(key, "a"));
        Assert.Equal(3, cluster.HLen(key));
        Assert.Equal(3, cluster.HKeys(key).Length);
        Assert.Equal(3, cluster.HVals(key).Length);
        Assert.Equal(11, cluster.HIncrBy(key, "a", 10));
        Assert.Equal(12, cluster.HIncrBy(key, "a"));
        Assert.Equal(2.5, cluster.HIncrByFloat(key, "b", 0.5));
        Assert.Equal(1, cluster.HStrLen(key, "c"));
        Assert.False(cluster.HRandField(key).IsNull);
        Assert.Equal(3, cluster.HRandField(key, 10).Length);
        Assert.Equal(3, cluster.HRandFieldWithValues(key, 3).Length);
        Assert.Equal(1, cluster.HDel(key, "c"));
    }

    [Fact]
    public async Task HSetNx_OnlyNewFields()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("hsetnx");
        Assert.True(await cluster.HSetNxAsync(key, "f", "first"));
        Assert.False(await cluster.HSetNxAsync(key, "f", "second"));
        Assert.Equal("first", (string?)await cluster.HGetAsync(key, "f"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Increments_IntegerAndFloat(int protocol)
    {
        await using var cluster = await ConnectAsync(fixture, protocol);
        string key = Key("hincr");
        Assert.Equal(5, await cluster.HIncrByAsync(key, "n", 5));
        Assert.Equal(2, await cluster.HIncrByAsync(key, "n", -3));
        Assert.Equal(3.75, await cluster.HIncrByFloatAsync(key, "n", 1.75));
        Assert.Equal(-0.5, await cluster.HIncrByFloatAsync(key, "f", -0.5));
        await cluster.HSetAsync(key, "text", "abc");
        await Assert.ThrowsAsync<RedisServerException>(async () => await cluster.HIncrByAsync(key, "text", 1));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task HRandField_AllForms_InBothProtocols(int protocol)
    {
        await using var cluster = await ConnectAsync(fixture, protocol);
        string key = Key("hrand");
        await cluster.HSetAsync(key, [Pair("a", "1"), Pair("b", "2"), Pair("c", "3")]);
        Assert.Contains((string?)await cluster.HRandFieldAsync(key), new[] { "a", "b", "c" });
        Assert.True((await cluster.HRandFieldAsync(Key("hrand-missing"))).IsNull);
        Assert.Equal(["a", "b", "c"], Text(await cluster.HRandFieldAsync(key, 10)).Order());
        Assert.Equal(5, (await cluster.HRandFieldAsync(key, -5)).Length);
        var withValues = await cluster.HRandFieldWithValuesAsync(key, 3);
        Assert.Equal(3, withValues.Length);
        foreach (var entry in withValues)
            Assert.Equal(((string?)entry.Name) switch { "a" => "1", "b" => "2", _ => "3" }, (string?)entry.Value);
        Assert.Equal(4, (await cluster.HRandFieldWithValuesAsync(key, -4)).Length);
    }

    [Fact]
    public async Task BadInput_ThrowsTypedErrorsBeforeSending()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("hash-bad");
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.HSetAsync((string)null!, "f", "v"));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.HSetAsync(key, RedisValue.Null, "v"));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.HSetAsync(key, "f", RedisValue.Null));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.HSetAsync(key, Array.Empty<KeyValuePair<RedisValue, RedisValue>>()));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.HSetAsync(key, (IEnumerable<KeyValuePair<RedisValue, RedisValue>>)null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.HSetAsync(key, [Pair("f", "v"), new(RedisValue.Null, "x")]));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.HDelAsync(key));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.HMGetAsync(key, (RedisValue[])null!));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.HIncrByFloatAsync(key, "f", double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.HIncrByFloat(key, "f", double.PositiveInfinity));
        Assert.Throws<ArgumentException>(() => cluster.HGet("", "f"));
        Assert.False(await cluster.ExistsAsync(key));
    }

    [Fact]
    public async Task HashCommands_OnAString_ThrowWrongType()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("hash-wrongtype");
        await cluster.SetAsync(key, "x");
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await cluster.HSetAsync(key, "f", "v"));
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await cluster.HGetAllAsync(key));
        Assert.Throws<RedisWrongTypeException>(() => cluster.HLen(key));
    }
}

using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.MultiKey;

[Collection("cluster")]
public sealed class MultiKeyStringsTests(ClusterFixture fixture)
{
    private static KeyValuePair<RedisKey, RedisValue> P(RedisKey k, RedisValue v) => new(k, v);

    [Fact]
    public async Task MGet_SpreadKeys_ValuesInCallerOrderAsNativeOnTag()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "mget", 5);
        var t = ParityKeys.Tagged("mget", 5);
        foreach (var k in new[] { s, t })
        {
            await c.SetAsync(k[0], "zero");
            await c.SetAsync(k[1], "one");
            await c.ExecuteAsync("LPUSH", k[2], "list"); // not a string: nil
            await c.SetAsync(k[4], new byte[] { 0, 255, 10 });
        }
        RedisKey[] Order(RedisKey[] k) => [k[4], k[0], k[3], k[2], k[1], k[0]];
        var emulated = await c.MGetAsync(Order(s));
        var native = await c.MGetAsync(Order(t));
        Assert.Equal(native.Select(ParityKeys.Show), emulated.Select(ParityKeys.Show));
        Assert.Equal(["\0\uFFFD\n", "zero", "(nil)", "(nil)", "one", "zero"], emulated.Select(ParityKeys.Show));
        Assert.Equal(new byte[] { 0, 255, 10 }, emulated[0].ToByteArray());
        Assert.Equal(emulated.Select(ParityKeys.Show), c.MGet(Order(s)).Select(ParityKeys.Show));
    }

    [Fact]
    public async Task MGet_ManyKeys_AllSlots_InOrder()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string id = Guid.NewGuid().ToString("N");
        var keys = Enumerable.Range(0, 2000).Select(i => (RedisKey)$"mk:mget-many:{id}:{i}").ToArray();
        await c.MSetAsync(keys.Select((k, i) => P(k, i)));
        var values = await c.MGetAsync(keys);
        Assert.Equal(Enumerable.Range(0, 2000).Select(i => i.ToString()), values.Select(v => (string?)v));
        Assert.Equal(2000, await c.DelAsync(keys));
    }

    [Fact]
    public async Task MSet_SpreadKeys_AsNativeOnTag()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "mset", 3);
        var t = ParityKeys.Tagged("mset", 3);
        foreach (var k in new[] { s, t })
        {
            await c.SetAsync(k[2], "had-ttl", expiry: TimeSpan.FromSeconds(100));
            await c.MSetAsync([P(k[0], "a"), P(k[1], "b"), P(k[2], "c"), P(k[0], "a2")]);
        }
        for (int i = 0; i < 3; i++) Assert.Equal(await ParityKeys.StateAsync(c, t[i]), await ParityKeys.StateAsync(c, s[i]));
        Assert.Equal("string[a2]", await ParityKeys.StateAsync(c, s[0]));
        Assert.Equal("string[c]", await ParityKeys.StateAsync(c, s[2]));
        c.MSet([P(s[1], "sync")]);
        Assert.Equal("sync", (string?)await c.GetAsync(s[1]));
    }

    [Fact]
    public async Task MSetNx_NoneExist_SetsAllAsNativeOnTag()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "msetnx", 3);
        var t = ParityKeys.Tagged("msetnx", 3);
        bool native = await c.MSetNxAsync([P(t[0], "a"), P(t[1], "b"), P(t[2], "c")]);
        bool emulated = await c.MSetNxAsync([P(s[0], "a"), P(s[1], "b"), P(s[2], "c")]);
        Assert.True(native);
        Assert.Equal(native, emulated);
        Assert.Equal(["a", "b", "c"], (await c.MGetAsync(s)).Select(v => (string?)v));
    }

    [Fact]
    public async Task MSetNx_OneExists_SetsNothingAsNativeOnTag()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "msetnx-exists", 3);
        var t = ParityKeys.Tagged("msetnx-exists", 3);
        await c.SetAsync(s[2], "there");
        await c.SetAsync(t[2], "there");
        bool native = await c.MSetNxAsync([P(t[0], "a"), P(t[1], "b"), P(t[2], "c")]);
        bool emulated = await c.MSetNxAsync([P(s[0], "a"), P(s[1], "b"), P(s[2], "c")]);
        Assert.False(native);
        Assert.Equal(native, emulated);
        Assert.Equal(["(nil)", "(nil)", "there"], (await c.MGetAsync(s)).Select(ParityKeys.Show));
        Assert.False(c.MSetNx([P(s[0], "a"), P(s[2], "c")]));
        Assert.Equal(1, await c.ExistsAsync(s));
    }

    [Theory]
    [InlineData(BitOperation.And)]
    [InlineData(BitOperation.Or)]
    [InlineData(BitOperation.Xor)]
    public async Task BitOp_AcrossSlots_AsNativeOnTag(BitOperation operation)
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "bitop", 5);
        var t = ParityKeys.Tagged("bitop", 5);
        foreach (var k in new[] { s, t })
        {
            await c.SetAsync(k[1], new byte[] { 0xFF, 0x0F, 0xA5, 0x01 });
            await c.SetAsync(k[2], new byte[] { 0x3C, 0xF0 });
            await c.SetAsync(k[3], new byte[] { 0x81 });
            await c.SetAsync(k[0], "old", expiry: TimeSpan.FromSeconds(100));
        }
        long native = await c.BitOpAsync(operation, t[0], t[1], t[2], t[3], t[4]);
        long emulated = await c.BitOpAsync(operation, s[0], s[1], s[2], s[3], s[4]);
        Assert.Equal(native, emulated);
        Assert.Equal(4, emulated);
        Assert.Equal((await c.GetAsync(t[0])).ToByteArray(), (await c.GetAsync(s[0])).ToByteArray());
        Assert.Equal(await ParityKeys.StateAsync(c, t[0]), await ParityKeys.StateAsync(c, s[0]));
    }

    [Fact]
    public async Task BitOp_Not_AcrossSlots_AsNativeOnTag()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "bitop-not", 2);
        var t = ParityKeys.Tagged("bitop-not", 2);
        await c.SetAsync(s[1], new byte[] { 0x00, 0xF0, 0x55 });
        await c.SetAsync(t[1], new byte[] { 0x00, 0xF0, 0x55 });
        Assert.Equal(await c.BitOpAsync(BitOperation.Not, t[0], t[1]), c.BitOp(BitOperation.Not, s[0], s[1]));
        Assert.Equal((await c.GetAsync(t[0])).ToByteArray(), (await c.GetAsync(s[0])).ToByteArray());
        Assert.Throws<ArgumentException>(() => c.BitOp(BitOperation.Not, s[0], s[1], s[1]));
    }

    [Fact]
    public async Task BitOp_AllSourcesMissing_DeletesDestinationAsNativeOnTag()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "bitop-empty", 3);
        var t = ParityKeys.Tagged("bitop-empty", 3);
        await c.SetAsync(s[0], "x");
        await c.SetAsync(t[0], "x");
        Assert.Equal(await c.BitOpAsync(BitOperation.Or, t[0], t[1], t[2]), await c.BitOpAsync(BitOperation.Or, s[0], s[1], s[2]));
        Assert.Equal(await ParityKeys.StateAsync(c, t[0]), await ParityKeys.StateAsync(c, s[0]));
        Assert.Equal("none[]", await ParityKeys.StateAsync(c, s[0]));
    }

    [Fact]
    public async Task BitOp_SourceNotAString_WrongTypeAsNative()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "bitop-wrong", 3);
        var t = ParityKeys.Tagged("bitop-wrong", 3);
        await c.ExecuteAsync("LPUSH", s[2], "x");
        await c.ExecuteAsync("LPUSH", t[2], "x");
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await c.BitOpAsync(BitOperation.And, t[0], t[1], t[2]));
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await c.BitOpAsync(BitOperation.And, s[0], s[1], s[2]));
        Assert.False(await c.ExistsAsync(s[0]));
    }
}

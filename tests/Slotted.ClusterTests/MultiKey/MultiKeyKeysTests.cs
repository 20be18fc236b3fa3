using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.MultiKey;

[Collection("cluster")]
public sealed class MultiKeyKeysTests(ClusterFixture fixture)
{
    private static async Task SeedAsync(RedisCluster c, RedisKey[] k)
    {
        await c.SetAsync(k[0], "v0");
        await c.ExecuteAsync("RPUSH", k[1], "x", "y");
        await c.ExecuteAsync("SADD", k[2], "m");
        // k[3] missing
    }

    [Fact]
    public async Task Del_SpreadKeys_CountsAsNativeOnTag()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "del", 4);
        var t = ParityKeys.Tagged("del", 4);
        await SeedAsync(c, s);
        await SeedAsync(c, t);
        long emulated = await c.DelAsync(s[0], s[1], s[2], s[3], s[0]);
        long native = await c.DelAsync(t[0], t[1], t[2], t[3], t[0]);
        Assert.Equal(native, emulated);
        Assert.Equal(3, emulated);
        Assert.Equal(0, await c.ExistsAsync(s));
    }

    [Fact]
    public async Task Unlink_SpreadKeys_CountsAsNativeOnTag()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "unlink", 4);
        var t = ParityKeys.Tagged("unlink", 4);
        await SeedAsync(c, s);
        await SeedAsync(c, t);
        Assert.Equal(await c.UnlinkAsync(t), await c.UnlinkAsync(s));
        Assert.Equal(0, await c.ExistsAsync(s));
    }

    [Fact]
    public async Task Exists_SpreadKeysWithDuplicates_CountsAsNativeOnTag()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "exists", 4);
        var t = ParityKeys.Tagged("exists", 4);
        await SeedAsync(c, s);
        await SeedAsync(c, t);
        long emulated = await c.ExistsAsync(s[0], s[3], s[1], s[0], s[2], s[2]);
        long native = await c.ExistsAsync(t[0], t[3], t[1], t[0], t[2], t[2]);
        Assert.Equal(native, emulated);
        Assert.Equal(5, emulated);
        Assert.Equal(native, c.Exists(s[0], s[3], s[1], s[0], s[2], s[2]));
    }

    [Fact]
    public async Task Touch_SpreadKeys_CountsAsNativeOnTag()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "touch", 4);
        var t = ParityKeys.Tagged("touch", 4);
        await SeedAsync(c, s);
        await SeedAsync(c, t);
        Assert.Equal(await c.TouchAsync(t), await c.TouchAsync(s));
        Assert.Equal(3, c.Touch(s));
    }

    [Fact]
    public async Task Rename_AcrossSlots_MovesValueAndTtlAsNativeOnTag()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "rename", 2);
        var t = ParityKeys.Tagged("rename", 2);
        foreach (var k in new[] { s, t })
        {
            await c.ExecuteAsync("ZADD", k[0], 1, "a", 2.5, "b");
            await c.ExecuteAsync("PEXPIRE", k[0], 100_000);
            await c.SetAsync(k[1], "old", expiry: TimeSpan.FromSeconds(5));
        }
        await c.RenameAsync(s[0], s[1]);
        await c.RenameAsync(t[0], t[1]);
        Assert.Equal(await ParityKeys.StateAsync(c, t[1]), await ParityKeys.StateAsync(c, s[1]));
        Assert.Equal("zset[a=1,b=2.5] ttl", await ParityKeys.StateAsync(c, s[1]));
        Assert.Equal("none[]", await ParityKeys.StateAsync(c, s[0]));
        Assert.InRange((long)await c.ExecuteAsync("PTTL", s[1]), 90_000, 100_000);
    }

    [Fact]
    public async Task Rename_MissingSource_SameErrorAsNative()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "rename-missing", 2);
        var t = ParityKeys.Tagged("rename-missing", 2);
        var native = await Assert.ThrowsAsync<RedisServerException>(async () => await c.RenameAsync(t[0], t[1]));
        var emulated = await Assert.ThrowsAsync<RedisServerException>(async () => await c.RenameAsync(s[0], s[1]));
        Assert.Equal(native.ServerMessage, emulated.ServerMessage);
        Assert.Equal(native.Message, Assert.Throws<RedisServerException>(() => c.Rename(s[0], s[1])).Message);
    }

    [Fact]
    public async Task Rename_Sync_AcrossSlots_Moves()
    {
        using var c = RedisCluster.Connect(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "rename-sync", 2);
        c.Set(s[0], "v");
        c.Rename(s[0], s[1]);
        Assert.Equal("v", (string?)c.Get(s[1]));
        Assert.False(c.Exists(s[0]));
    }

    [Fact]
    public async Task RenameNx_AcrossSlots_AsNativeOnTag()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "renamenx", 3);
        var t = ParityKeys.Tagged("renamenx", 3);
        foreach (var k in new[] { s, t })
        {
            await c.ExecuteAsync("SADD", k[0], "a", "b");
            await c.SetAsync(k[1], "taken");
        }
        Assert.Equal(await c.RenameNxAsync(t[0], t[1]), await c.RenameNxAsync(s[0], s[1]));
        Assert.False(await c.RenameNxAsync(s[0], s[1]));
        Assert.Equal("set[a,b]", await ParityKeys.StateAsync(c, s[0]));
        Assert.Equal("string[taken]", await ParityKeys.StateAsync(c, s[1]));

        Assert.Equal(await c.RenameNxAsync(t[0], t[2]), await c.RenameNxAsync(s[0], s[2]));
        Assert.Equal(await ParityKeys.StateAsync(c, t[2]), await ParityKeys.StateAsync(c, s[2]));
        Assert.Equal("none[]", await ParityKeys.StateAsync(c, s[0]));

        var native = await Assert.ThrowsAsync<RedisServerException>(async () => await c.RenameNxAsync(t[0], t[1]));
        var emulated = await Assert.ThrowsAsync<RedisServerException>(async () => await c.RenameNxAsync(s[0], s[1]));
        Assert.Equal(native.ServerMessage, emulated.ServerMessage);
    }

    [Fact]
    public async Task Copy_AcrossSlots_AsNativeOnTag()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "copy", 4);
        var t = ParityKeys.Tagged("copy", 4);
        foreach (var k in new[] { s, t })
        {
            await c.ExecuteAsync("HSET", k[0], "f", "1", "g", "2");
            await c.ExecuteAsync("PEXPIRE", k[0], 100_000);
            await c.SetAsync(k[1], "occupied");
        }
        Assert.Equal(await c.CopyAsync(t[0], t[1]), await c.CopyAsync(s[0], s[1]));
        Assert.Equal("string[occupied]", await ParityKeys.StateAsync(c, s[1]));
        Assert.Equal(await c.CopyAsync(t[0], t[1], replace: true), await c.CopyAsync(s[0], s[1], replace: true));
        Assert.Equal(await ParityKeys.StateAsync(c, t[1]), await ParityKeys.StateAsync(c, s[1]));
        Assert.Equal("hash[f=1,g=2] ttl", await ParityKeys.StateAsync(c, s[1]));
        Assert.Equal("hash[f=1,g=2] ttl", await ParityKeys.StateAsync(c, s[0]));
        Assert.Equal(await c.CopyAsync(t[3], t[2]), await c.CopyAsync(s[3], s[2]));
        Assert.False(c.Copy(s[3], s[2]));
        Assert.True(c.Copy(s[0], s[2]));
    }
}

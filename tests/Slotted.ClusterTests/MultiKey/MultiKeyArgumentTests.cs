using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.MultiKey;

[Collection("cluster")]
public sealed class MultiKeyArgumentTests(ClusterFixture fixture)
{
    public static TheoryData<string> Names() => new()
    {
        "DEL", "UNLINK", "EXISTS", "TOUCH", "MGET", "SDIFF", "SINTER", "SUNION", "SINTERCARD", "PFCOUNT", "ZUNION", "ZINTER", "ZDIFF",
    };

    private static Func<IReadOnlyList<RedisKey>, Task> Call(RedisCluster c, string name) => name switch
    {
        "DEL" => async k => await c.DelAsync(k),
        "UNLINK" => async k => await c.UnlinkAsync(k),
        "EXISTS" => async k => await c.ExistsAsync(k),
        "TOUCH" => async k => await c.TouchAsync(k),
        "MGET" => async k => await c.MGetAsync(k),
        "SDIFF" => async k => await c.SDiffAsync(k),
        "SINTER" => async k => await c.SInterAsync(k),
        "SUNION" => async k => await c.SUnionAsync(k),
        "SINTERCARD" => async k => await c.SInterCardAsync(k),
        "PFCOUNT" => async k => await c.PfCountAsync(k),
        "ZUNION" => async k => await c.ZUnionAsync(k),
        "ZINTER" => async k => await c.ZInterAsync(k),
        "ZDIFF" => async k => await c.ZDiffAsync(k),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public async Task MultiKeyCommand_EmptyNullOrBadKeys_ArgumentExceptionBeforeSending(string name)
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var call = Call(c, name);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => call([]));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => call(null!));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => call(["ok", ""]));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => call(["ok", (string?)null]));
    }

    [Fact]
    public async Task StoreAndMoveCommands_BadKeys_ArgumentExceptionBeforeSending()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await c.SUnionStoreAsync("", "a", "b"));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await c.SInterStoreAsync("d"));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await c.ZUnionStoreAsync("d", []));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await c.ZInterStoreAsync("d", ["a", "b"], [1, 2, 3]));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await c.RenameAsync("a", ""));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await c.RenameNxAsync((string?)null, "b"));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await c.CopyAsync("a", ""));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await c.LMoveAsync("", "b", ListSide.Left, ListSide.Right));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await c.BRPopLPushAsync("a", "b", TimeSpan.FromSeconds(-1)));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await c.BLMoveAsync("a", "b", ListSide.Left, ListSide.Left, TimeSpan.Zero));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await c.SMoveAsync("a", "b", RedisValue.Null));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await c.MSetAsync([]));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await c.MSetNxAsync([new KeyValuePair<RedisKey, RedisValue>("a", RedisValue.Null)]));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await c.BitOpAsync(BitOperation.And, "d"));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await c.PfMergeAsync("d", "a", ""));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await c.SortAsync(""));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await c.SortAndStoreAsync("", "k"));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await c.SInterCardAsync(["a"], -1));
        Assert.ThrowsAny<ArgumentException>(() => c.Del(Array.Empty<RedisKey>()));
        Assert.ThrowsAny<ArgumentException>(() => c.MGet(Array.Empty<RedisKey>()));
    }
}

using Slotted.ClusterTests.Infrastructure;
using static Slotted.ClusterTests.Commands.CommandTest;

namespace Slotted.ClusterTests.Commands;

[Collection("cluster")]
public sealed class StringCommandsTests(ClusterFixture fixture)
{
    [Fact]
    public async Task AppendStrLenRanges_Async_FollowRedisSemantics()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("str");
        Assert.Equal(0, await cluster.StrLenAsync(key));
        Assert.Equal(5, await cluster.AppendAsync(key, "Hello"));
        Assert.Equal(11, await cluster.AppendAsync(key, " World"));
        Assert.Equal(11, await cluster.StrLenAsync(key));
        Assert.Equal("World", (string?)await cluster.GetRangeAsync(key, 6, -1));
        Assert.Equal("", (string?)await cluster.GetRangeAsync(key, 100, 200));
        Assert.Equal(11, await cluster.SetRangeAsync(key, 6, "Redis"));
        Assert.Equal("Hello Redis", (string?)await cluster.GetAsync(key));
        string padded = Key("str-pad");
        Assert.Equal(4, await cluster.SetRangeAsync(padded, 3, "x"));
        Assert.Equal(new byte[] { 0, 0, 0, (byte)'x' }, (byte[]?)await cluster.GetAsync(padded));
    }

    [Fact]
    public void AppendStrLenRanges_Sync_FollowRedisSemantics()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        string key = Key("str-sync");
        Assert.Equal(3, cluster.Append(key, "abc"));
        Assert.Equal(3, cluster.StrLen(key));
        Assert.Equal("bc", (string?)cluster.GetRange(key, 1, 2));
        Assert.Equal(5, cluster.SetRange(key, 3, "de"));
        Assert.Equal("abcde", (string?)cluster.Get(key));
    }

    [Fact]
    public async Task GetDel_ReturnsValueAndDeletes_NullWhenMissing()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("getdel");
        await cluster.SetAsync(key, "v");
        Assert.Equal("v", (string?)await cluster.GetDelAsync(key));
        Assert.False(await cluster.ExistsAsync(key));
        Assert.True((await cluster.GetDelAsync(key)).IsNull);
        await cluster.SetAsync(key, "w");
        Assert.Equal("w", (string?)cluster.GetDel(key));
        Assert.True(cluster.GetDel(key).IsNull);
    }

    [Fact]
    public async Task GetEx_Options_SetAndClearExpiry()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("getex");
        Assert.True((await cluster.GetExAsync(key, expiry: TimeSpan.FromSeconds(10))).IsNull);
        await cluster.SetAsync(key, "v");
        Assert.Equal("v", (string?)await cluster.GetExAsync(key));
        Assert.Null(await cluster.TtlAsync(key));
        Assert.Equal("v", (string?)await cluster.GetExAsync(key, expiry: TimeSpan.FromSeconds(100)));
        Assert.InRange((await cluster.TtlAsync(key))!.Value.TotalSeconds, 90, 100);
        Assert.Equal("v", (string?)await cluster.GetExAsync(key, expiry: TimeSpan.FromMilliseconds(50_500)));
        Assert.InRange((await cluster.TtlAsync(key))!.Value.TotalMilliseconds, 40_000, 50_500);
        Assert.Equal("v", (string?)await cluster.GetExAsync(key, persist: true));
        Assert.Null(await cluster.TtlAsync(key));
        Assert.Equal("v", (string?)cluster.GetEx(key, expireAt: DateTimeOffset.UtcNow.AddHours(1)));
        Assert.InRange((await cluster.TtlAsync(key))!.Value.TotalSeconds, 3500, 3600);
        Assert.Equal("v", (string?)cluster.GetEx(key, persist: true));
        Assert.Null(cluster.Ttl(key));
    }

    [Fact]
    public async Task GetEx_BadOptions_ThrowBeforeSending()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("getex-bad");
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.GetExAsync(key, expiry: TimeSpan.FromSeconds(1), persist: true));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.GetExAsync(key, expiry: TimeSpan.FromSeconds(1), expireAt: DateTimeOffset.UtcNow));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.GetExAsync(key, expiry: TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.GetEx(key, expiry: TimeSpan.Zero));
    }

    [Fact]
    public async Task SetNx_OnlyWhenMissing()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("setnx");
        Assert.True(await cluster.SetNxAsync(key, "first"));
        Assert.False(await cluster.SetNxAsync(key, "second"));
        Assert.False(cluster.SetNx(key, "third"));
        Assert.Equal("first", (string?)await cluster.GetAsync(key));
    }

    [Fact]
    public async Task Set_WithExpiry_IsSetEx()
    {
        // SETEX / PSETEX are folded into SET ... EX / PX.
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("setex");
        Assert.True(await cluster.SetAsync(key, "v", expiry: TimeSpan.FromMilliseconds(20_250)));
        Assert.InRange((await cluster.TtlAsync(key))!.Value.TotalMilliseconds, 10_000, 20_250);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Lcs_SameSlotKeys_AllForms(int protocol)
    {
        await using var cluster = await ConnectAsync(fixture, protocol);
        var keys = SameSlotKeys("lcs", 2);
        await cluster.SetAsync(keys[0], "ohmytext");
        await cluster.SetAsync(keys[1], "mynewtext");
        Assert.Equal("mytext", (string?)await cluster.LcsAsync(keys[0], keys[1]));
        Assert.Equal(6, await cluster.LcsLenAsync(keys[0], keys[1]));
        var idx = await cluster.LcsIdxAsync(keys[0], keys[1]);
        Assert.Equal(6, idx.Length);
        Assert.Equal([new LcsMatch(4, 7, 5, 8, 4), new LcsMatch(2, 3, 0, 1, 2)], idx.Matches);
        var longOnly = await cluster.LcsIdxAsync(keys[0], keys[1], minMatchLength: 4);
        Assert.Equal([new LcsMatch(4, 7, 5, 8, 4)], longOnly.Matches);
        Assert.Equal("mytext", (string?)cluster.Lcs(keys[0], keys[1]));
        Assert.Equal(6, cluster.LcsLen(keys[0], keys[1]));
        Assert.Equal(idx.Matches, cluster.LcsIdx(keys[0], keys[1]).Matches);
    }

    [Fact]
    public async Task Lcs_KeysInDifferentSlots_ThrowsCrossSlot()
    {
        await using var cluster = await ConnectAsync(fixture);
        var (a, b) = CrossSlotKeys("lcs-x");
        await Assert.ThrowsAsync<RedisCrossSlotException>(async () => await cluster.LcsAsync(a, b));
        Assert.Throws<RedisCrossSlotException>(() => cluster.LcsLen(a, b));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.LcsAsync(a, (string)null!));
    }

    [Fact]
    public async Task BadInput_ThrowsTypedErrorsBeforeSending()
    {
        await using var cluster = await ConnectAsync(fixture);
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.AppendAsync((string)null!, "x"));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.StrLenAsync(""));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.AppendAsync(Key("k"), RedisValue.Null));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.SetNxAsync(Key("k"), RedisValue.Null));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.SetRangeAsync(Key("k"), -1, "x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.SetRange(Key("k"), 512L * 1024 * 1024, "x"));
        Assert.Throws<ArgumentNullException>(() => cluster.GetDel((string)null!));
    }

    [Fact]
    public async Task StringCommands_OnAList_ThrowWrongType()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("str-wrongtype");
        await cluster.RPushAsync(key, "a");
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await cluster.AppendAsync(key, "x"));
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await cluster.StrLenAsync(key));
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await cluster.GetDelAsync(key));
        Assert.Throws<RedisWrongTypeException>(() => cluster.GetRange(key, 0, -1));
        Assert.Throws<RedisWrongTypeException>(() => cluster.GetBit(key, 0));
    }
}

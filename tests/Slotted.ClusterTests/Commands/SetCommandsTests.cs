using Slotted.ClusterTests.Infrastructure;
using static Slotted.ClusterTests.Commands.CommandTest;

namespace Slotted.ClusterTests.Commands;

[Collection("cluster")]
public sealed class SetCommandsTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task AddRemoveAndRead_InBothProtocols(int protocol)
    {
        // RESP3 answers SMEMBERS with a set type and SMISMEMBER with integers; RESP2 with arrays.
        await using var cluster = await ConnectAsync(fixture, protocol);
        string key = Key("set");
        Assert.Equal(3, await cluster.SAddAsync(key, "a", "b", "c"));
        Assert.Equal(1, await cluster.SAddAsync(key, "c", "d"));
        Assert.Equal(["a", "b", "c", "d"], Text(await cluster.SMembersAsync(key)).Order());
        Assert.True(await cluster.SIsMemberAsync(key, "a"));
        Assert.False(await cluster.SIsMemberAsync(key, "z"));
        Assert.Equal(new[] { true, false, true }, await cluster.SMIsMemberAsync(key, "a", "z", "d"));
        Assert.Equal(4, await cluster.SCardAsync(key));
        Assert.Equal(2, await cluster.SRemAsync(key, "a", "z", "b"));
        Assert.Equal(["c", "d"], Text(await cluster.SMembersAsync(key)).Order());
        Assert.Empty(await cluster.SMembersAsync(Key("set-missing")));
        Assert.Equal(0, await cluster.SCardAsync(Key("set-missing")));
    }

    [Fact]
    public async Task PopAndRandom_FollowRedisSemantics()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("set-pop");
        await cluster.SAddAsync(key, "a", "b", "c", "d");
        Assert.Contains((string?)await cluster.SRandMemberAsync(key), new[] { "a", "b", "c", "d" });
        Assert.Equal(4, (await cluster.SRandMemberAsync(key, 10)).Length);
        Assert.Equal(7, (await cluster.SRandMemberAsync(key, -7)).Length);
        Assert.Equal(4, await cluster.SCardAsync(key));
        var one = await cluster.SPopAsync(key);
        Assert.False(one.IsNull);
        var two = await cluster.SPopAsync(key, 2);
        Assert.Equal(2, two.Length);
        Assert.DoesNotContain(one, two);
        Assert.Single(await cluster.SPopAsync(key, 5));
        Assert.True((await cluster.SPopAsync(key)).IsNull);
        Assert.Empty(await cluster.SPopAsync(key, 3));
        Assert.True((await cluster.SRandMemberAsync(key)).IsNull);
        Assert.Empty(await cluster.SRandMemberAsync(key, 3));
    }

    [Fact]
    public void SyncTwins_Work()
    {
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        string key = Key("set-sync");
        Assert.Equal(3, cluster.SAdd(key, "a", "b", "c"));
        Assert.Equal(1, cluster.SRem(key, "c"));
        Assert.Equal(["a", "b"], Text(cluster.SMembers(key)).Order());
        Assert.True(cluster.SIsMember(key, "a"));
        Assert.Equal(new[] { false, true }, cluster.SMIsMember(key, "x", "b"));
        Assert.Equal(2, cluster.SCard(key));
        Assert.False(cluster.SRandMember(key).IsNull);
        Assert.Equal(2, cluster.SRandMember(key, 2).Length);
        Assert.False(cluster.SPop(key).IsNull);
        Assert.Single(cluster.SPop(key, 1));
        Assert.Equal(0, cluster.SCard(key));
    }

    [Fact]
    public async Task BadInput_ThrowsTypedErrorsBeforeSending()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("set-bad");
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.SAddAsync((string)null!, "a"));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.SAddAsync(key));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.SAddAsync(key, "a", RedisValue.Null));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.SIsMemberAsync(key, RedisValue.Null));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.SPopAsync(key, -1));
        Assert.Throws<ArgumentException>(() => cluster.SMIsMember(key));
        Assert.False(await cluster.ExistsAsync(key));
    }

    [Fact]
    public async Task SetCommands_OnAString_ThrowWrongType()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("set-wrongtype");
        await cluster.SetAsync(key, "x");
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await cluster.SAddAsync(key, "a"));
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await cluster.SMembersAsync(key));
        Assert.Throws<RedisWrongTypeException>(() => cluster.SCard(key));
    }
}

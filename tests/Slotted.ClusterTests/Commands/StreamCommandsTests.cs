using Slotted.ClusterTests.Infrastructure;
using static Slotted.ClusterTests.Commands.CommandTest;
using static Slotted.ClusterTests.Commands.StreamTest;

namespace Slotted.ClusterTests.Commands;

/// <summary>XADD, XLEN, XRANGE, XREVRANGE, XDEL, XTRIM and XSETID, and the typed errors for bad input.</summary>
[Collection("cluster")]
public sealed class StreamCommandsTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task XAdd_AutoAndExplicitIds_RangeReadsThemBackInBothProtocols(int protocol)
    {
        await using var cluster = await ConnectAsync(fixture, protocol);
        string key = Key("xadd");
        RedisValue auto = await cluster.XAddAsync(key, [new("name", "ada"), new("lang", "c#")]);
        Assert.Matches(@"^\d+-\d+$", auto.ToString());
        RedisValue explicitId = "99999999999999-1";
        Assert.Equal(explicitId, await cluster.XAddAsync(key, "n", 1, id: explicitId));
        Assert.Equal("99999999999999-2", cluster.XAdd(key, new Dictionary<RedisValue, RedisValue> { ["n"] = 2 }, id: "99999999999999-*").ToString());
        Assert.Equal(3, await cluster.XLenAsync(key));
        Assert.Equal(3, cluster.XLen(key));

        var all = await cluster.XRangeAsync(key);
        Assert.Equal([$"{auto}:name=ada,lang=c#", "99999999999999-1:n=1", "99999999999999-2:n=2"], Text(all));
        Assert.Equal("ada", (string?)all[0]["name"]);
        Assert.True(all[0]["missing"].IsNull);
        Assert.Equal(["99999999999999-2:n=2", "99999999999999-1:n=1"], Text(cluster.XRevRange(key, count: 2)));
        Assert.Equal(["99999999999999-1:n=1"], Text(await cluster.XRangeAsync(key, "99999999999999-1", "99999999999999-1")));
        Assert.Equal(["99999999999999-2:n=2"], Text(cluster.XRange(key, "(99999999999999-1")));
        Assert.Equal(["99999999999999-1:n=1"], Text(await cluster.XRevRangeAsync(key, "(99999999999999-2", "99999999999999", count: 5)));
        Assert.Empty(await cluster.XRangeAsync(Key("xadd-missing")));
    }

    [Fact]
    public async Task XAdd_IdNotGreaterThanLast_ThrowsServerError()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("xadd-order");
        await cluster.XAddAsync(key, "f", "v", id: "5-5");
        var error = await Assert.ThrowsAsync<RedisServerException>(async () => await cluster.XAddAsync(key, "f", "v", id: "5-5"));
        Assert.Contains("equal or smaller", error.Message);
        string text = Key("xadd-string");
        await cluster.SetAsync(text, "x");
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await cluster.XAddAsync(text, "f", "v"));
    }

    [Fact]
    public async Task XAdd_NoMkStream_ReturnsNullWhenTheStreamIsMissing()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("xadd-nomk");
        Assert.True((await cluster.XAddAsync(key, "f", "v", noMkStream: true)).IsNull);
        Assert.False(await cluster.ExistsAsync(key));
        await cluster.XAddAsync(key, "f", "v");
        Assert.False(cluster.XAdd(key, "f", "w", noMkStream: true).IsNull);
        Assert.Equal(2, await cluster.XLenAsync(key));
    }

    [Fact]
    public async Task XAdd_WithTrim_KeepsTheNewestEntries()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("xadd-trim");
        for (int i = 1; i <= 5; i++) await cluster.XAddAsync(key, "i", i, id: $"{i}-0", trim: StreamTrim.MaxLength(3));
        Assert.Equal(["3-0:i=3", "4-0:i=4", "5-0:i=5"], Text(await cluster.XRangeAsync(key)));
        await cluster.XAddAsync(key, "i", 6, id: "6-0", trim: StreamTrim.MinId("5-0"));
        Assert.Equal(["5-0:i=5", "6-0:i=6"], Text(cluster.XRange(key)));
        // Approximate trimming only removes whole radix-tree nodes: a small stream keeps everything.
        await cluster.XAddAsync(key, "i", 7, id: "7-0", trim: StreamTrim.MaxLength(1, approximate: true, limit: 10));
        Assert.Equal(3, await cluster.XLenAsync(key));
    }

    [Fact]
    public async Task XTrim_MaxLenAndMinId_ReturnRemovedCount()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("xtrim");
        for (int i = 1; i <= 6; i++) await cluster.XAddAsync(key, "i", i, id: $"{i}-0");
        Assert.Equal(2, await cluster.XTrimAsync(key, StreamTrim.MaxLength(4)));
        Assert.Equal(1, cluster.XTrim(key, StreamTrim.MinId("4-0")));
        Assert.Equal(0, await cluster.XTrimAsync(key, StreamTrim.MinId("4-0", approximate: true)));
        // Approximate trimming removes whole radix-tree nodes only: the one node holding all three stays.
        Assert.Equal(0, await cluster.XTrimAsync(key, StreamTrim.MaxLength(1, approximate: true, limit: 0)));
        Assert.Equal(["4-0:i=4", "5-0:i=5", "6-0:i=6"], Text(await cluster.XRangeAsync(key)));
        Assert.Equal(3, cluster.XTrim(key, StreamTrim.MaxLength(0)));
        Assert.Equal(0, await cluster.XLenAsync(key));
        Assert.Equal(0, await cluster.XTrimAsync(Key("xtrim-missing"), StreamTrim.MaxLength(1)));
    }

    [Fact]
    public async Task XDel_RemovesEntriesAndCountsThoseThatExisted()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("xdel");
        for (int i = 1; i <= 3; i++) await cluster.XAddAsync(key, "i", i, id: $"{i}-0");
        Assert.Equal(2, await cluster.XDelAsync(key, "1-0", "3-0", "9-0"));
        Assert.Equal(0, cluster.XDel(key, "1-0"));
        Assert.Equal(["2-0:i=2"], Text(await cluster.XRangeAsync(key)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task XSetId_MovesLastIdAndCounters_XInfoStreamShowsThem(int protocol)
    {
        await using var cluster = await ConnectAsync(fixture, protocol);
        string key = Key("xsetid");
        await cluster.XAddAsync(key, "a", 1, id: "1-0");
        await cluster.XAddAsync(key, "b", 2, id: "2-0");
        await cluster.XSetIdAsync(key, "10-0", entriesAdded: 7, maxDeletedId: "3-0");
        var info = await cluster.XInfoStreamAsync(key);
        Assert.Equal(2, info.Length);
        Assert.Equal("10-0", info.LastGeneratedId.ToString());
        Assert.Equal("3-0", info.MaxDeletedEntryId.ToString());
        Assert.Equal(7, info.EntriesAdded);
        Assert.Equal(0, info.Groups);
        Assert.True(info.RadixTreeKeys >= 1);
        Assert.Equal("1-0:a=1", Text(info.FirstEntry!.Value));
        Assert.Equal("2-0:b=2", Text(info.LastEntry!.Value));
        Assert.Equal("10-1", (await cluster.XAddAsync(key, "c", 3, id: "10-*")).ToString());

        cluster.XSetId(key, "20-0");
        Assert.Equal("20-0", cluster.XInfoStream(key).LastGeneratedId.ToString());
        await Assert.ThrowsAsync<RedisServerException>(async () => await cluster.XSetIdAsync(key, "1-0"));
        await Assert.ThrowsAsync<RedisServerException>(async () => await cluster.XInfoStreamAsync(Key("xinfo-missing")));
    }

    [Fact]
    public async Task XInfoStream_EmptyStream_HasNoFirstOrLastEntry()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("xinfo-empty");
        await cluster.XAddAsync(key, "f", "v", id: "1-0");
        await cluster.XDelAsync(key, "1-0");
        var info = await cluster.XInfoStreamAsync(key);
        Assert.Equal(0, info.Length);
        Assert.Null(info.FirstEntry);
        Assert.Null(info.LastEntry);
        Assert.Equal("1-0", info.LastGeneratedId.ToString());
    }

    [Fact]
    public async Task BadInput_ThrowsTypedErrorsBeforeSending()
    {
        // Null key → ArgumentNullException; empty key, empty field or id list, LIMIT with exact
        // trimming, default(StreamTrim) → ArgumentException; negative COUNT, MAXLEN, LIMIT or
        // ENTRIESADDED → ArgumentOutOfRangeException; a null field, value or id → ArgumentNullException.
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("xbad");
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.XAddAsync((string)null!, "f", "v"));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.XAddAsync("", "f", "v"));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.XAddAsync(key, Array.Empty<KeyValuePair<RedisValue, RedisValue>>()));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.XAddAsync(key, (IEnumerable<KeyValuePair<RedisValue, RedisValue>>)null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.XAddAsync(key, "f", RedisValue.Null));
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.XRange(key, count: -1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.XRevRangeAsync(key, count: -5));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.XDelAsync(key));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.XDelAsync(key, RedisValue.Null));
        Assert.Throws<ArgumentOutOfRangeException>(() => StreamTrim.MaxLength(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => StreamTrim.MaxLength(5, approximate: true, limit: -1));
        Assert.Throws<ArgumentException>(() => StreamTrim.MaxLength(5, approximate: false, limit: 10));
        Assert.Throws<ArgumentNullException>(() => StreamTrim.MinId(RedisValue.Null));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.XTrimAsync(key, default));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.XSetIdAsync(key, RedisValue.Null));
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.XSetId(key, "1-0", entriesAdded: -1));
        Assert.False(await cluster.ExistsAsync(key));
    }
}

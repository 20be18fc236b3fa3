namespace Slotted.Tests.Commands;

/// <summary>The stream replies read the same under RESP2 and RESP3, including shapes a test server rarely sends (nil entries, older servers).</summary>
public sealed class StreamRepliesTests
{
    private static RedisResult Bulk(string s) => RedisResult.BulkString(s);

    private static RedisResult Int(long n) => RedisResult.Integer(n);

    private static RedisResult Arr(params RedisResult[] e) => RedisResult.Array(e);

    private static RedisResult Map(params RedisResult[] e) => RedisResult.Aggregate(RedisResultType.Map, e);

    private static RedisResult Entry(string id, params string[] fields) => Arr(Bulk(id), Arr(fields.Select(Bulk).ToArray()));

    private static string Text(StreamReadResult r) =>
        $"{r.Key}=" + string.Join(" ", r.Entries.Select(e => $"{e.Id}:" + string.Join(",", e.Values.Select(v => $"{v.Name}={v.Value}"))));

    [Fact]
    public void ReadResults_Resp3Map_AndResp2Pairs_ReadTheSame()
    {
        var resp3 = Map(Bulk("s1"), Arr(Entry("1-0", "a", "1")), Bulk("s2"), Arr(Entry("2-0", "b", "2"), Entry("3-0", "c", "3")));
        var resp2 = Arr(Arr(Bulk("s1"), Arr(Entry("1-0", "a", "1"))), Arr(Bulk("s2"), Arr(Entry("2-0", "b", "2"), Entry("3-0", "c", "3"))));
        string[] expected = ["s1=1-0:a=1", "s2=2-0:b=2 3-0:c=3"];
        Assert.Equal(expected, StreamReplies.ReadResults(resp3).Select(Text));
        Assert.Equal(expected, StreamReplies.ReadResults(resp2).Select(Text));
        Assert.Empty(StreamReplies.ReadResults(RedisResult.Null));
        Assert.Empty(StreamReplies.SingleStream(RedisResult.Null));
        Assert.Equal(["2-0", "3-0"], StreamReplies.SingleStream(Arr(resp2[1])).Select(e => e.Id.ToString()));
    }

    [Fact]
    public void Entries_NilFieldsAreDeleted_NilElementsAreLeftOut()
    {
        var entries = StreamReplies.Entries(Arr(Entry("1-0", "f", "v"), Arr(Bulk("2-0"), RedisResult.Null), RedisResult.Null));
        Assert.Equal(2, entries.Length);
        Assert.False(entries[0].IsDeleted);
        Assert.Equal("v", (string?)entries[0]["f"]);
        Assert.True(entries[1].IsDeleted);
        Assert.Equal("2-0", entries[1].Id.ToString());
        Assert.True(entries[1]["f"].IsNull);
        Assert.True(default(StreamEntry).IsDeleted);
    }

    [Fact]
    public void PendingSummary_NothingPending_HasNullIdsAndNoConsumers()
    {
        var empty = StreamReplies.PendingSummary(Arr(Int(0), RedisResult.Null, RedisResult.Null, RedisResult.Null));
        Assert.Equal(0, empty.Count);
        Assert.True(empty.LowestId.IsNull);
        Assert.True(empty.HighestId.IsNull);
        Assert.Empty(empty.Consumers);
        var some = StreamReplies.PendingSummary(Arr(Int(3), Bulk("1-0"), Bulk("5-0"), Arr(Arr(Bulk("a"), Bulk("2")), Arr(Bulk("b"), Bulk("1")))));
        Assert.Equal([new StreamConsumerPending("a", 2), new StreamConsumerPending("b", 1)], some.Consumers);
    }

    [Fact]
    public void AutoClaim_WithoutDeletedIds_Before70_GivesEmptyList()
    {
        var old = StreamReplies.AutoClaim(Arr(Bulk("0-0"), Arr(Entry("1-0", "f", "v"))));
        Assert.Empty(old.DeletedIds);
        Assert.Single(old.Entries);
        var now = StreamReplies.AutoClaim(Arr(Bulk("7-0"), Arr(), Arr(Bulk("2-0"))));
        Assert.Equal("7-0", now.NextStartId.ToString());
        Assert.Equal(["2-0"], now.DeletedIds.Select(v => v.ToString()));
    }

    [Fact]
    public void Groups_Resp3Map_AndResp2Flat_ReadTheSame_NilLagIsNull()
    {
        RedisResult[] fields = [Bulk("name"), Bulk("g"), Bulk("consumers"), Int(2), Bulk("pending"), Int(1), Bulk("last-delivered-id"), Bulk("4-0"),
            Bulk("entries-read"), Int(4), Bulk("lag"), RedisResult.Null];
        var expected = new StreamGroupInfo("g", 2, 1, "4-0", 4, null);
        Assert.Equal(expected, Assert.Single(StreamReplies.Groups(Arr(Map(fields)))));
        Assert.Equal(expected, Assert.Single(StreamReplies.Groups(Arr(Arr(fields)))));
        // Before 7.0 there is no entries-read or lag.
        Assert.Equal(new StreamGroupInfo("g", 2, 1, "4-0", null, null), StreamReplies.Groups(Arr(Arr(fields[..8])))[0]);
    }

    [Fact]
    public void Consumers_InactiveOnlyWhenSentAndNotNegative()
    {
        var consumers = StreamReplies.Consumers(Arr(
            Map(Bulk("name"), Bulk("a"), Bulk("pending"), Int(1), Bulk("idle"), Int(1500)),
            Map(Bulk("name"), Bulk("b"), Bulk("pending"), Int(0), Bulk("idle"), Int(5), Bulk("inactive"), Int(-1)),
            Arr(Bulk("name"), Bulk("c"), Bulk("pending"), Int(0), Bulk("idle"), Int(5), Bulk("inactive"), Int(40))));
        Assert.Equal(new StreamConsumerInfo("a", 1, TimeSpan.FromMilliseconds(1500), null), consumers[0]);
        Assert.Null(consumers[1].Inactive);
        Assert.Equal(TimeSpan.FromMilliseconds(40), consumers[2].Inactive);
    }

    [Fact]
    public void Info_MissingLaterFields_AreNull()
    {
        var info = StreamReplies.Info(Arr(Bulk("length"), Int(1), Bulk("radix-tree-keys"), Int(1), Bulk("radix-tree-nodes"), Int(2), Bulk("groups"), Int(0),
            Bulk("last-generated-id"), Bulk("1-0"), Bulk("first-entry"), Entry("1-0", "f", "v"), Bulk("last-entry"), Entry("1-0", "f", "v")));
        Assert.Equal(1, info.Length);
        Assert.Null(info.EntriesAdded);
        Assert.True(info.MaxDeletedEntryId.IsNull);
        Assert.Equal("v", (string?)info.FirstEntry!.Value["f"]);
    }

    [Fact]
    public void StreamTrim_WritesModeExactnessThresholdAndLimit()
    {
        List<RedisValue> parts = [];
        StreamTrim.MaxLength(10, approximate: true, limit: 100).AddTo(parts);
        StreamTrim.MinId("5-0").AddTo(parts);
        Assert.Equal(["MAXLEN", "~", "10", "LIMIT", "100", "MINID", "=", "5-0"], parts.Select(p => p.ToString()));
        Assert.Throws<ArgumentException>(() => default(StreamTrim).AddTo(parts));
    }
}

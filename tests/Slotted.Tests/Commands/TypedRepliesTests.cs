namespace Slotted.Tests.Commands;

public sealed class TypedRepliesTests
{
    private static RedisResult Bulk(string s) => RedisResult.BulkString(s);

    private static RedisResult Arr(params RedisResult[] e) => RedisResult.Array(e);

    [Fact]
    public void SortedSetEntries_Resp2FlatStrings_AndResp3NestedDoubles_ReadTheSame()
    {
        var resp2 = Arr(Bulk("a"), Bulk("1"), Bulk("b"), Bulk("2.5"), Bulk("c"), Bulk("-inf"));
        var resp3 = Arr(Arr(Bulk("a"), RedisResult.Double(1)), Arr(Bulk("b"), RedisResult.Double(2.5)), Arr(Bulk("c"), RedisResult.Double(double.NegativeInfinity)));
        SortedSetEntry[] expected = [new("a", 1), new("b", 2.5), new("c", double.NegativeInfinity)];
        Assert.Equal(expected, TypedReplies.SortedSetEntries(resp2));
        Assert.Equal(expected, TypedReplies.SortedSetEntries(resp3));
        Assert.Empty(TypedReplies.SortedSetEntries(Arr()));
        Assert.Empty(TypedReplies.SortedSetEntries(RedisResult.Null));
    }

    [Fact]
    public void SortedSetEntry_FlatPair_OrEmpty()
    {
        Assert.Equal(new SortedSetEntry("a", 1), TypedReplies.SortedSetEntry(Arr(Bulk("a"), RedisResult.Double(1))));
        Assert.Equal(new SortedSetEntry("a", 1), TypedReplies.SortedSetEntry(Arr(Bulk("a"), Bulk("1"))));
        Assert.Null(TypedReplies.SortedSetEntry(Arr()));
    }

    [Fact]
    public void SortedSetEntries_OddFlatArray_IsProtocolError() =>
        Assert.Throws<RedisProtocolException>(() => TypedReplies.SortedSetEntries(Arr(Bulk("a"))));

    [Fact]
    public void HashEntries_FlatArray_Map_AndNestedPairs_ReadTheSame()
    {
        HashEntry[] expected = [new("f1", "v1"), new("f2", "v2")];
        Assert.Equal(expected, TypedReplies.HashEntries(Arr(Bulk("f1"), Bulk("v1"), Bulk("f2"), Bulk("v2"))));
        Assert.Equal(expected, TypedReplies.HashEntries(RedisResult.Aggregate(RedisResultType.Map, [Bulk("f1"), Bulk("v1"), Bulk("f2"), Bulk("v2")])));
        Assert.Equal(expected, TypedReplies.HashEntries(Arr(Arr(Bulk("f1"), Bulk("v1")), Arr(Bulk("f2"), Bulk("v2")))));
    }

    [Fact]
    public void NullableDoubles_KeepNullsInPlace()
    {
        Assert.Equal([1.5, null, 3], TypedReplies.NullableDoubles(Arr(Bulk("1.5"), RedisResult.Null, RedisResult.Double(3))));
        Assert.Null(TypedReplies.NullableDouble(RedisResult.Null));
        Assert.Equal(2.0, TypedReplies.NullableDouble(Bulk("2")));
    }

    [Fact]
    public void KeyedReplies_ReadKeyAndPayload_OrNull()
    {
        var popped = TypedReplies.KeyedValue(Arr(Bulk("k"), Bulk("v")));
        Assert.Equal("k", popped!.Value.Key.ToString());
        Assert.Equal("v", (string?)popped.Value.Value);
        Assert.Null(TypedReplies.KeyedValue(RedisResult.Null));

        var many = TypedReplies.KeyedValues(Arr(Bulk("k"), Arr(Bulk("a"), Bulk("b"))));
        Assert.Equal(["a", "b"], many!.Value.Value.Select(v => (string?)v));
        Assert.Null(TypedReplies.KeyedValues(RedisResult.Null));

        var entry = TypedReplies.KeyedEntry(Arr(Bulk("z"), Bulk("m"), Bulk("2")));
        Assert.Equal(new SortedSetEntry("m", 2), entry!.Value.Value);
        Assert.Equal(new SortedSetEntry("m", 2), TypedReplies.KeyedEntry(Arr(Bulk("z"), Bulk("m"), RedisResult.Double(2)))!.Value.Value);
        Assert.Null(TypedReplies.KeyedEntry(RedisResult.Null));
    }

    [Fact]
    public void LcsMatches_Resp2FlatAndResp3Map_ReadTheSame()
    {
        static RedisResult I(long v) => RedisResult.Integer(v);
        var matches = Arr(Arr(Arr(I(4), I(7)), Arr(I(5), I(8)), I(4)), Arr(Arr(I(2), I(3)), Arr(I(0), I(1)), I(2)));
        var resp2 = Arr(Bulk("matches"), matches, Bulk("len"), I(6));
        var resp3 = RedisResult.Aggregate(RedisResultType.Map, [Bulk("matches"), matches, Bulk("len"), I(6)]);
        foreach (var reply in new[] { resp2, resp3 })
        {
            var result = TypedReplies.LcsMatches(reply);
            Assert.Equal(6, result.Length);
            Assert.Equal([new LcsMatch(4, 7, 5, 8, 4), new LcsMatch(2, 3, 0, 1, 2)], result.Matches);
        }
    }

    [Fact]
    public void Booleans_AndInt64s_ReadIntegers()
    {
        Assert.Equal([true, false, true], TypedReplies.Booleans(Arr(RedisResult.Integer(1), RedisResult.Integer(0), RedisResult.Integer(1))));
        Assert.Equal([3L, 7L], TypedReplies.Int64s(Arr(RedisResult.Integer(3), RedisResult.Integer(7))));
    }
}

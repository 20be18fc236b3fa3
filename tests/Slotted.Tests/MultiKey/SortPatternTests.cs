using System.Text;
using Slotted.MultiKey;
using Slotted.Topology;

namespace Slotted.Tests.MultiKey;

public sealed class SortPatternTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    private static (string? Key, string? Field) Sub(string pattern, string element) =>
        SortPattern.TrySubstitute(B(pattern), B(element), out var key, out var field)
            ? (Encoding.UTF8.GetString(key), field is null ? null : Encoding.UTF8.GetString(field))
            : (null, null);

    [Theory]
    [InlineData("weight_*", "3", "weight_3", null)]
    [InlineData("*_w", "a", "a_w", null)]
    [InlineData("w_*_*", "x", "w_x_*", null)]
    [InlineData("data_*->field", "7", "data_7", "field")]
    [InlineData("data_*->a->b", "7", "data_7", "a->b")]
    [InlineData("data_*->", "7", "data_7->", null)]
    [InlineData("{t}h:*->f", "e", "{t}h:e", "f")]
    [InlineData("h->x:*", "e", "h->x:e", null)]
    public void TrySubstitute_FirstStarAndFieldAfterIt(string pattern, string element, string key, string? field) =>
        Assert.Equal((key, field), Sub(pattern, element));

    [Fact]
    public void TrySubstitute_NoStar_NamesNothing() => Assert.Equal((null, null), Sub("constant", "x"));

    [Fact]
    public void TrySubstitute_StarAfterNul_IsNotSeen()
    {
        Assert.False(SortPattern.TrySubstitute([(byte)'a', 0, (byte)'*'], B("x"), out _, out _));
    }

    [Fact]
    public void TrySubstitute_BinaryElement_CopiedWhole()
    {
        Assert.True(SortPattern.TrySubstitute(B("k:*:v"), [1, 0, 2], out var key, out _));
        Assert.Equal(new byte[] { (byte)'k', (byte)':', 1, 0, 2, (byte)':', (byte)'v' }, key);
    }

    [Fact]
    public void IsElement_OnlyHash()
    {
        Assert.True(SortPattern.IsElement(B("#")));
        Assert.False(SortPattern.IsElement(B("##")));
        Assert.False(SortPattern.IsElement(B("#*")));
        Assert.True(SortPattern.IsElement([(byte)'#', 0, (byte)'x'])); // the server compares C strings
    }

    [Fact]
    public void HasStar_NosortHasNone()
    {
        Assert.False(SortPattern.HasStar(B("nosort")));
        Assert.True(SortPattern.HasStar(B("w_*")));
    }

    [Theory]
    [InlineData("{tag}w_*", "tag")]
    [InlineData("x{tag}y*", "tag")]
    [InlineData("{a}{b}*", "a")]
    public void HashSlotOf_TagBeforeWildcard_IsTheTagSlot(string pattern, string tag) =>
        Assert.Equal(HashSlot.Get(tag), SortPattern.HashSlotOf(B(pattern)));

    [Theory]
    [InlineData("w_*")]
    [InlineData("w_*{tag}")]
    [InlineData("{}*{tag}")]
    [InlineData("a?{tag}")]
    [InlineData("[a]{tag}")]
    [InlineData("\\{tag}")]
    public void HashSlotOf_WildcardFirst_IsAnySlot(string pattern) => Assert.Equal(-1, SortPattern.HashSlotOf(B(pattern)));

    [Theory]
    [InlineData("constant")]
    [InlineData("{}constant")]
    [InlineData("{open")]
    public void HashSlotOf_NoTagNoWildcard_HashesTheWholePattern(string pattern) =>
        Assert.Equal(HashSlot.Crc16(B(pattern)) & 16383, SortPattern.HashSlotOf(B(pattern)));

    [Theory]
    [InlineData("ERR BY option of SORT denied in Cluster mode.", true)]
    [InlineData("ERR GET option of SORT denied in Cluster mode when keys formed by the pattern may be in different slots.", true)]
    [InlineData("ERR syntax error", false)]
    public void IsSortPatternRefusal_BothServerWordings(string error, bool refusal)
    {
        Assert.Equal(refusal, MultiKeyFeatures.IsSortPatternRefusal(RedisResult.Error(error)));
        Assert.False(MultiKeyFeatures.IsSortPatternRefusal(RedisResult.BulkString(error)));
    }
}

using System.Text;
using Slotted.MultiKey;

namespace Slotted.Tests.MultiKey;

public sealed class SortEngineTests
{
    private static byte[][] E(params string[] s) => s.Select(Encoding.UTF8.GetBytes).ToArray();

    private static byte[]?[] W(params string?[] s) => s.Select(x => x is null ? null : Encoding.UTF8.GetBytes(x)).ToArray();

    private static string[] Sorted(byte[][] elements, byte[]?[]? by, bool alpha = false, bool desc = false)
    {
        Assert.True(SortEngine.TrySort(elements, by, alpha, desc, out int[] order));
        return order.Select(i => Encoding.UTF8.GetString(elements[i])).ToArray();
    }

    [Fact]
    public void Numeric_ByElements() => Assert.Equal(["-2", "1", "10", "3.5e1"], Sorted(E("10", "1", "3.5e1", "-2"), null));

    [Fact]
    public void Numeric_EqualWeights_TieBrokenByElementBytes() =>
        Assert.Equal(["a", "b", "c", "d"], Sorted(E("c", "a", "d", "b"), W("1", "1", "2", "1")));

    [Fact]
    public void Numeric_Desc_NegatesTheTieBreakToo() =>
        Assert.Equal(["d", "c", "b", "a"], Sorted(E("c", "a", "d", "b"), W("1", "1", "2", "1"), desc: true));

    [Fact]
    public void Numeric_MissingWeight_CountsAsZero() =>
        Assert.Equal(["neg", "missing", "one"], Sorted(E("one", "missing", "neg"), W("1", null, "-1")));

    [Fact]
    public void Numeric_BadWeight_Fails() =>
        Assert.False(SortEngine.TrySort(E("a", "b"), W("1", "x"), alpha: false, descending: false, out _));

    [Fact]
    public void Numeric_BadElementWithoutBy_Fails() =>
        Assert.False(SortEngine.TrySort(E("1", "two"), null, alpha: false, descending: false, out _));

    [Fact]
    public void Alpha_ByValues_MissingFirst_ThenBytes() =>
        Assert.Equal(["m", "y", "x", "z"], Sorted(E("z", "y", "x", "m"), W("b", "B", "a", null), alpha: true));

    [Fact]
    public void Alpha_Elements_ByteOrder() =>
        Assert.Equal(["B", "a", "aa", "b"], Sorted(E("b", "aa", "B", "a"), null, alpha: true));

    [Fact]
    public void Alpha_EqualByValues_KeepFetchedOrder() =>
        Assert.Equal(["q", "p", "r"], Sorted(E("q", "p", "r"), W("s", "s", "t"), alpha: true));

    [Theory]
    [InlineData(5, 0, -1, 0, 4)]
    [InlineData(5, 1, 2, 1, 2)]
    [InlineData(5, -3, 2, 0, 1)]
    [InlineData(5, 3, 100, 3, 4)]
    [InlineData(5, 5, 1, 4, 3)]
    [InlineData(5, 2, 0, 2, 1)]
    [InlineData(0, 0, -1, -1, -2)]
    [InlineData(5, long.MaxValue, long.MaxValue, 4, 3)]
    public void Limit_ClampsAsTheServer(int length, long offset, long count, int start, int end) =>
        Assert.Equal((start, end), SortEngine.Limit(length, offset, count));
}

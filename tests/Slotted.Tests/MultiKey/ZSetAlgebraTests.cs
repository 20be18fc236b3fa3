using Slotted.MultiKey;

namespace Slotted.Tests.MultiKey;

public sealed class ZSetAlgebraTests
{
    private static SortedSetEntry[] Z(params (string Member, double Score)[] entries) =>
        entries.Select(e => new SortedSetEntry(e.Member, e.Score)).ToArray();

    private static (string, double)[] R(List<SortedSetEntry> entries) => entries.Select(e => ((string)e.Member!, e.Score)).ToArray();

    [Fact]
    public void Union_Sum_WithWeights_SortedByScoreThenMember()
    {
        var result = ZSetAlgebra.Combine(ZSetOperation.Union, [Z(("a", 1), ("b", 2)), Z(("b", 3), ("c", 1))], [2, 1], Aggregate.Sum);
        Assert.Equal([("c", 1.0), ("a", 2.0), ("b", 7.0)], R(result));
    }

    [Fact]
    public void Union_MinMax()
    {
        var inputs = new[] { Z(("a", 1), ("b", 5)), Z(("a", 3), ("b", 2)) };
        Assert.Equal([("a", 1.0), ("b", 2.0)], R(ZSetAlgebra.Combine(ZSetOperation.Union, inputs, null, Aggregate.Min)));
        Assert.Equal([("a", 3.0), ("b", 5.0)], R(ZSetAlgebra.Combine(ZSetOperation.Union, inputs, null, Aggregate.Max)));
    }

    [Fact]
    public void Inter_OnlyMembersInEveryInput()
    {
        var result = ZSetAlgebra.Combine(ZSetOperation.Inter, [Z(("a", 1), ("b", 2), ("c", 3)), Z(("b", 10), ("c", 20)), Z(("c", 100), ("b", 1))], null, Aggregate.Sum);
        Assert.Equal([("b", 13.0), ("c", 123.0)], R(result));
    }

    [Fact]
    public void Inter_AnEmptyInput_EmptyResult() =>
        Assert.Empty(ZSetAlgebra.Combine(ZSetOperation.Inter, [Z(("a", 1)), Z()], null, Aggregate.Sum));

    [Fact]
    public void Diff_FirstMinusOthers_ScoresFromFirst()
    {
        var result = ZSetAlgebra.Combine(ZSetOperation.Diff, [Z(("a", 3), ("b", 2), ("c", 1)), Z(("b", 0)), Z(("x", 0))], null, Aggregate.Sum);
        Assert.Equal([("c", 1.0), ("a", 3.0)], R(result));
    }

    [Fact]
    public void Weight_InfTimesZero_IsZero()
    {
        var result = ZSetAlgebra.Combine(ZSetOperation.Union, [Z(("a", double.PositiveInfinity))], [0], Aggregate.Sum);
        Assert.Equal([("a", 0.0)], R(result));
    }

    [Fact]
    public void Sum_InfPlusMinusInf_IsZero_InputsTakenSmallestFirst()
    {
        // a: 3 members (m at -inf); b: 1 member (m at +inf), named twice. Redis adds in size order
        // b, b, a: inf + inf = inf, then + -inf = NaN -> 0. Name order (a, b, b) would give inf.
        var a = Z(("m", double.NegativeInfinity), ("x", 1), ("y", 2));
        var b = Z(("m", double.PositiveInfinity));
        var result = ZSetAlgebra.Combine(ZSetOperation.Union, [a, b, b], null, Aggregate.Sum);
        Assert.Equal(0.0, result.Single(e => e.Member == "m").Score);
    }

    [Fact]
    public void MinMax_WithNaNProduct_KeepCurrent()
    {
        // In ZINTER the product of a later input is not cleared: inf * 0 = NaN, and MIN/MAX keep the current score.
        var result = ZSetAlgebra.Combine(ZSetOperation.Inter, [Z(("a", 5)), Z(("a", double.PositiveInfinity), ("z", 1))], [1, 0], Aggregate.Min);
        Assert.Equal([("a", 5.0)], R(result));
    }

    [Fact]
    public void Sort_EqualScores_ByMemberBytes()
    {
        var list = Z(("b", 1), ("B", 1), ("a", 0), ("aa", 1)).ToList();
        ZSetAlgebra.Sort(list);
        Assert.Equal(["a", "B", "aa", "b"], list.Select(e => (string)e.Member!));
    }

    [Fact]
    public void Combine_Step_FollowsRedis()
    {
        Assert.Equal(0, ZSetAlgebra.Combine(double.PositiveInfinity, double.NegativeInfinity, Aggregate.Sum));
        Assert.Equal(1, ZSetAlgebra.Combine(1, double.NaN, Aggregate.Min));
        Assert.Equal(1, ZSetAlgebra.Combine(1, double.NaN, Aggregate.Max));
        Assert.Equal(-2, ZSetAlgebra.Combine(1, -2, Aggregate.Min));
    }
}

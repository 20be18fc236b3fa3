using Slotted.MultiKey;

namespace Slotted.Tests.MultiKey;

public sealed class SetAlgebraTests
{
    private static RedisValue[] V(params string[] s) => s.Select(x => (RedisValue)x).ToArray();

    private static string[] S(IEnumerable<RedisValue> v) => v.Select(x => (string)x!).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Intersect_MembersInEverySet()
    {
        Assert.Equal(["b", "c"], S(SetAlgebra.Intersect([V("a", "b", "c"), V("b", "c", "d"), V("c", "b", "x")])));
        Assert.Empty(SetAlgebra.Intersect([V("a"), V()]));
        Assert.Empty(SetAlgebra.Intersect([]));
    }

    [Fact]
    public void Union_EachMemberOnce()
    {
        var union = SetAlgebra.Union([V("a", "b"), V("b", "c"), V()]);
        Assert.Equal(["a", "b", "c"], S(union));
        Assert.Equal(3, union.Count);
    }

    [Fact]
    public void Difference_FirstMinusAllOthers()
    {
        Assert.Equal(["a", "d"], S(SetAlgebra.Difference(V("a", "b", "c", "d"), [V("b"), V("c", "z")])));
        Assert.Equal(["a"], S(SetAlgebra.Difference(V("a"), [])));
    }

    [Fact]
    public void Values_CompareByBytes_StringAndBytesAreTheSameMember()
    {
        var union = SetAlgebra.Union([[(RedisValue)"x"], [(RedisValue)"x"u8.ToArray()]]);
        Assert.Single(union);
    }
}

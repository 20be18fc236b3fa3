namespace Slotted.Tests.Values;

public sealed class LexBoundTests
{
    [Fact]
    public void OpenEnds_AreMinusAndPlus()
    {
        Assert.Equal("-", (string?)LexBound.Min.ToRedisValue());
        Assert.Equal("+", (string?)LexBound.Max.ToRedisValue());
        Assert.Equal("-", default(LexBound).ToString());
        Assert.True(LexBound.Min.IsMin);
        Assert.True(LexBound.Max.IsMax);
    }

    [Fact]
    public void Members_GetBracketOrParenthesis()
    {
        Assert.Equal("[abc", (string?)LexBound.Inclusive("abc").ToRedisValue());
        Assert.Equal("(abc", (string?)LexBound.Exclusive("abc").ToRedisValue());
        LexBound fromString = "b";
        Assert.Equal("[b", fromString.ToString());
        Assert.False(fromString.IsExclusive);
        Assert.True(LexBound.Exclusive("b").IsExclusive);
    }

    [Fact]
    public void BinaryMember_IsKeptByteForByte()
    {
        byte[] member = [0xFF, 0x00, 0x80];
        Assert.Equal(new byte[] { (byte)'(', 0xFF, 0x00, 0x80 }, LexBound.Exclusive(member).ToRedisValue().ToByteArray());
    }

    [Fact]
    public void NullMember_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => LexBound.Inclusive(RedisValue.Null));
        Assert.Throws<ArgumentNullException>(() => { LexBound b = (string)null!; });
    }
}

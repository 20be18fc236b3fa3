namespace Slotted.Tests.Values;

public sealed class ScoreBoundTests
{
    [Theory]
    [InlineData(1.5, false, "1.5")]
    [InlineData(1.5, true, "(1.5")]
    [InlineData(0.0, false, "0")]
    [InlineData(-3.0, true, "(-3")]
    [InlineData(0.1, false, "0.1")]
    [InlineData(1e20, false, "1E+20")]
    [InlineData(double.NegativeInfinity, false, "-inf")]
    [InlineData(double.PositiveInfinity, false, "+inf")]
    [InlineData(double.PositiveInfinity, true, "(+inf")]
    public void ToString_WritesRedisSyntax(double value, bool exclusive, string expected)
    {
        var bound = new ScoreBound(value, exclusive);
        Assert.Equal(expected, bound.ToString());
        Assert.Equal(expected, (string?)bound.ToRedisValue());
    }

    [Fact]
    public void Factories_AndConversion_MatchConstructor()
    {
        Assert.Equal("-inf", ScoreBound.NegativeInfinity.ToString());
        Assert.Equal("+inf", ScoreBound.PositiveInfinity.ToString());
        Assert.Equal("(2.25", ScoreBound.Exclusive(2.25).ToString());
        Assert.Equal("2.25", ScoreBound.Inclusive(2.25).ToString());
        ScoreBound fromDouble = 7.0;
        Assert.False(fromDouble.IsExclusive);
        Assert.Equal(7.0, fromDouble.Value);
        Assert.Equal(new ScoreBound(7.0), fromDouble);
    }

    [Fact]
    public void ToString_RoundTripsEveryDouble()
    {
        foreach (double d in new[] { 1.0 / 3, Math.PI, double.Epsilon, double.MaxValue, -1e-300 })
        {
            Assert.True(RedisValue.TryParseDouble(new ScoreBound(d).ToString(), out double back));
            Assert.Equal(d, back);
        }
    }

    [Fact]
    public void ToString_IgnoresCurrentCulture()
    {
        var saved = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal("(1.5", ScoreBound.Exclusive(1.5).ToString());
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Constructor_NaN_Throws() => Assert.Throws<ArgumentException>(() => new ScoreBound(double.NaN));
}

namespace Slotted.Tests.Commands;

public sealed class CommandPartsTests
{
    [Theory]
    [InlineData(2000, "2")]
    [InlineData(100, "0.1")]
    [InlineData(1500, "1.5")]
    [InlineData(0.4, "0.001")]
    public void BlockingTimeout_IsSecondsWithMillisecondPrecision(double ms, string expected) =>
        Assert.Equal(expected, (string?)CommandParts.BlockingTimeout(TimeSpan.FromMilliseconds(ms)));

    [Fact]
    public void BlockingTimeout_Infinite_IsZero_AndZeroIsRefused()
    {
        Assert.Equal("0", (string?)CommandParts.BlockingTimeout(Timeout.InfiniteTimeSpan));
        Assert.Throws<ArgumentOutOfRangeException>(() => CommandParts.BlockingTimeout(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => CommandParts.BlockingTimeout(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public void KeyValues_RejectsNullEmptyAndNullElements()
    {
        Assert.Throws<ArgumentNullException>(() => CommandParts.KeyValues("SADD", "k", null));
        Assert.Throws<ArgumentException>(() => CommandParts.KeyValues("SADD", "k", []));
        Assert.Throws<ArgumentNullException>(() => CommandParts.KeyValues("SADD", "k", ["a", RedisValue.Null]));
        Assert.Equal(["SADD", "k", "a", "b"], CommandParts.KeyValues("SADD", "k", ["a", "b"]).Select(v => (string?)v));
    }

    [Fact]
    public void Limit_WrittenOnlyWhenAsked()
    {
        Assert.Equal(0, CommandParts.LimitLength(0, null));
        Assert.Equal(3, CommandParts.LimitLength(5, null));
        var parts = new RedisValue[3];
        int i = 0;
        CommandParts.WriteLimit(parts, ref i, 5, null);
        Assert.Equal(["LIMIT", "5", "-1"], parts.Select(v => (string?)v));
        Assert.Throws<ArgumentOutOfRangeException>(() => CommandParts.LimitLength(-1, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => CommandParts.LimitLength(0, -2));
    }
}

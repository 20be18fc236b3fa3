using System.Text;
using Slotted.MultiKey;

namespace Slotted.Tests.MultiKey;

public sealed class StrtodParserTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    [Theory]
    [InlineData("0", 0)]
    [InlineData("42", 42)]
    [InlineData("-3.5", -3.5)]
    [InlineData("+7", 7)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5)]
    [InlineData("1e3", 1000)]
    [InlineData("1E-2", 0.01)]
    [InlineData("  12", 12)]
    [InlineData("\t\n-1", -1)]
    [InlineData("", 0)]
    [InlineData("0x10", 16)]
    [InlineData("0x1p3", 8)]
    [InlineData("0x.8", 0.5)]
    [InlineData("-0X1.8P1", -3)]
    [InlineData("0.1", 0.1)]
    [InlineData("123456789012345678901234567890", 1.2345678901234568e29)]
    [InlineData("0x1p-1074", 4.9406564584124654E-324)]
    [InlineData("2.2250738585072014e-308", 2.2250738585072014e-308)]
    public void TryParse_Accepted(string text, double expected)
    {
        Assert.True(StrtodParser.TryParse(B(text), out double value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("inf", double.PositiveInfinity)]
    [InlineData("-INF", double.NegativeInfinity)]
    [InlineData("Infinity", double.PositiveInfinity)]
    [InlineData("+infinity", double.PositiveInfinity)]
    public void TryParse_Infinities(string text, double expected)
    {
        Assert.True(StrtodParser.TryParse(B(text), out double value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("12 ")]
    [InlineData("1x")]
    [InlineData(" ")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1e")]
    [InlineData("0x")]
    [InlineData("nan")]
    [InlineData("-NaN")]
    [InlineData("infx")]
    [InlineData("infin")]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("1e-400")]
    [InlineData("1e-310")]
    [InlineData("4.9e-324")]
    public void TryParse_Refused(string text) => Assert.False(StrtodParser.TryParse(B(text), out _));

    [Fact]
    public void TryParse_StopsAtNul()
    {
        Assert.True(StrtodParser.TryParse([(byte)'1', (byte)'2', 0, (byte)'x'], out double value));
        Assert.Equal(12, value);
    }

    [Fact]
    public void TryParse_ZeroWithExponent_IsNotUnderflow()
    {
        Assert.True(StrtodParser.TryParse(B("0e-400"), out double value));
        Assert.Equal(0, value);
    }
}

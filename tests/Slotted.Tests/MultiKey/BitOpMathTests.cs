using Slotted.MultiKey;

namespace Slotted.Tests.MultiKey;

public sealed class BitOpMathTests
{
    [Fact]
    public void And_ShorterSourcePaddedWithZeros_LengthOfLongest()
    {
        var result = BitOpMath.Compute(BitOperation.And, [[0xFF, 0xF0, 0x0F], [0x0F]]);
        Assert.Equal(new byte[] { 0x0F, 0x00, 0x00 }, result);
    }

    [Fact]
    public void Or_MissingSourceCountsAsEmpty()
    {
        var result = BitOpMath.Compute(BitOperation.Or, [null, [0x01, 0x02], [0x10]]);
        Assert.Equal(new byte[] { 0x11, 0x02 }, result);
    }

    [Fact]
    public void Xor_ThreeSources()
    {
        var result = BitOpMath.Compute(BitOperation.Xor, [[0b1010], [0b0110], [0b0001, 0xAA]]);
        Assert.Equal(new byte[] { 0b1101, 0xAA }, result);
    }

    [Fact]
    public void Not_InvertsEveryByte()
    {
        Assert.Equal(new byte[] { 0x00, 0xF0, 0xAA }, BitOpMath.Compute(BitOperation.Not, [[0xFF, 0x0F, 0x55]]));
    }

    [Fact]
    public void AllMissingOrEmpty_EmptyResult()
    {
        Assert.Empty(BitOpMath.Compute(BitOperation.And, [null, []]));
        Assert.Empty(BitOpMath.Compute(BitOperation.Not, [null]));
    }

    [Fact]
    public void Not_WithTwoSources_Throws() =>
        Assert.Throws<ArgumentException>(() => BitOpMath.Compute(BitOperation.Not, [[1], [2]]));
}

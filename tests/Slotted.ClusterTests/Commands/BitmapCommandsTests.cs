using Slotted.ClusterTests.Infrastructure;
using static Slotted.ClusterTests.Commands.CommandTest;

namespace Slotted.ClusterTests.Commands;

[Collection("cluster")]
public sealed class BitmapCommandsTests(ClusterFixture fixture)
{
    [Fact]
    public async Task SetBitGetBit_ReturnPreviousAndCurrent()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("bits");
        Assert.False(await cluster.GetBitAsync(key, 7));
        Assert.False(await cluster.SetBitAsync(key, 7, true));
        Assert.True(await cluster.SetBitAsync(key, 7, true));
        Assert.True(await cluster.GetBitAsync(key, 7));
        Assert.False(await cluster.GetBitAsync(key, 1000));
        Assert.True(cluster.SetBit(key, 7, false));
        Assert.False(cluster.GetBit(key, 7));
    }

    [Fact]
    public async Task BitCountAndBitPos_WithByteAndBitRanges()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("bitcount");
        await cluster.SetAsync(key, new byte[] { 0xFF, 0xF0, 0x00 });
        Assert.Equal(12, await cluster.BitCountAsync(key));
        Assert.Equal(8, await cluster.BitCountAsync(key, 0, 0));
        Assert.Equal(4, await cluster.BitCountAsync(key, 1, -1));
        Assert.Equal(3, await cluster.BitCountAsync(key, 5, 7, BitUnit.Bit));
        Assert.Equal(12, cluster.BitCount(key));
        Assert.Equal(4, cluster.BitCount(key, 8, 15, BitUnit.Bit));

        Assert.Equal(12, await cluster.BitPosAsync(key, false));
        Assert.Equal(0, await cluster.BitPosAsync(key, true));
        Assert.Equal(8, await cluster.BitPosAsync(key, true, 1));
        Assert.Equal(-1, await cluster.BitPosAsync(key, true, 2));
        Assert.Equal(10, await cluster.BitPosAsync(key, true, 10, 15, BitUnit.Bit));
        Assert.Equal(-1, cluster.BitPos(key, false, 0, 0));
        Assert.Equal(12, cluster.BitPos(key, false));

        string ones = Key("bitpos-ones");
        await cluster.SetAsync(ones, new byte[] { 0xFF });
        Assert.Equal(8, await cluster.BitPosAsync(ones, false));
        Assert.Equal(-1, await cluster.BitPosAsync(ones, false, 0, -1));
    }

    [Fact]
    public async Task BadInput_ThrowsBeforeSending()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("bits-bad");
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.GetBitAsync(key, -1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.SetBitAsync(key, 1L << 32, true));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.BitPosAsync(key, true, 0, null, BitUnit.Bit));
        Assert.Throws<ArgumentNullException>(() => cluster.BitCount((string)null!));
        Assert.False(await cluster.ExistsAsync(key));
    }
}

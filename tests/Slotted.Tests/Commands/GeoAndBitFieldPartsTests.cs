namespace Slotted.Tests.Commands;

public sealed class GeoAndBitFieldPartsTests
{
    private static string Text(RedisValue[] parts) => string.Join(" ", parts.Select(v => (string?)v));

    [Fact]
    public void BitFieldParts_OverflowWrittenOnlyWhereItChanges()
    {
        var u8 = BitFieldType.Unsigned(8);
        var parts = RedisCluster.BitFieldParts("BITFIELD", "k", [
            BitFieldOperation.IncrBy(u8, 0, 1),
            BitFieldOperation.IncrBy(u8, 8, 1, BitFieldOverflow.Saturate),
            BitFieldOperation.Get(u8, 8),
            BitFieldOperation.Set(u8, BitFieldOffset.Multiplied(2), -1, BitFieldOverflow.Saturate),
            BitFieldOperation.IncrBy(BitFieldType.Signed(64), 64, 5, BitFieldOverflow.Fail),
            BitFieldOperation.Set(u8, 0, 3),
        ]);
        Assert.Equal("BITFIELD k INCRBY u8 0 1 OVERFLOW SAT INCRBY u8 8 1 GET u8 8 SET u8 #2 -1 OVERFLOW FAIL INCRBY i64 64 5 OVERFLOW WRAP SET u8 0 3", Text(parts));
        Assert.Equal("BITFIELD_RO k GET u8 #3", Text(RedisCluster.BitFieldParts("BITFIELD_RO", "k", [BitFieldOperation.Get(u8, BitFieldOffset.Multiplied(3))])));
    }

    [Fact]
    public void BitFieldOffset_LastBitAllowed_OneMoreRefused()
    {
        var u8 = BitFieldType.Unsigned(8);
        Assert.Equal("#536870911", BitFieldOperation.Get(u8, BitFieldOffset.Multiplied((1L << 29) - 1)).Offset.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => BitFieldOperation.Get(u8, BitFieldOffset.Multiplied(1L << 29)));
        Assert.Equal((1L << 32) - 1, BitFieldOperation.Get(BitFieldType.Signed(64), (1L << 32) - 1).Offset.Value);
        Assert.Equal("i64", BitFieldType.Signed(64).ToString());
        Assert.Equal("u63", BitFieldType.Unsigned(63).ToString());
    }

    [Fact]
    public void GeoSearchParts_InRedisOrder()
    {
        Assert.Equal("GEOSEARCH k FROMMEMBER m BYRADIUS 1.5 km",
            Text(RedisCluster.GeoSearchParts("GEOSEARCH", null, "k", GeoSearchOrigin.FromMember("m"), GeoSearchShape.ByRadius(1.5, GeoUnit.Kilometers),
                GeoSearchOrder.Unsorted, null, false, GeoSearchDetails.None, storeDistances: false)));
        Assert.Equal("GEOSEARCH k FROMLONLAT -10.5 20 BYBOX 3 4 ft DESC COUNT 2 ANY WITHCOORD WITHDIST WITHHASH",
            Text(RedisCluster.GeoSearchParts("GEOSEARCH", null, "k", GeoSearchOrigin.FromPosition(-10.5, 20), GeoSearchShape.ByBox(3, 4, GeoUnit.Feet),
                GeoSearchOrder.Descending, 2, true, GeoSearchDetails.All, storeDistances: false)));
        Assert.Equal("GEOSEARCHSTORE d k FROMLONLAT 0 0 BYRADIUS 0 mi ASC STOREDIST",
            Text(RedisCluster.GeoSearchParts("GEOSEARCHSTORE", "d", "k", new GeoPosition(0, 0), GeoSearchShape.ByRadius(0, GeoUnit.Miles),
                GeoSearchOrder.Ascending, null, false, GeoSearchDetails.None, storeDistances: true)));
    }

    [Theory]
    [InlineData(-180, -85.05112878, true)]
    [InlineData(180, 85.05112878, true)]
    [InlineData(-180.0000001, 0, false)]
    [InlineData(0, 85.0511288, false)]
    [InlineData(double.NaN, 0, false)]
    [InlineData(0, double.NegativeInfinity, false)]
    public void Coordinates_RedisLimits(double longitude, double latitude, bool accepted)
    {
        var ex = Record.Exception(() => CommandParts.Coordinates(longitude, latitude));
        if (accepted) Assert.Null(ex);
        else Assert.IsType<ArgumentOutOfRangeException>(ex);
    }
}

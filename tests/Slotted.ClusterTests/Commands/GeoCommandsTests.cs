using Slotted.ClusterTests.Infrastructure;
using Slotted.ClusterTests.MultiKey;
using static Slotted.ClusterTests.Commands.CommandTest;

namespace Slotted.ClusterTests.Commands;

[Collection("cluster")]
public sealed class GeoCommandsTests(ClusterFixture fixture)
{
    // The examples of https://redis.io/docs/latest/commands/geosearch/ (Sicily), with the figures Redis gives there.
    private static readonly GeoEntry[] Sicily =
    [
        new("Palermo", 13.361389, 38.115556),
        new("Catania", 15.087269, 37.502669),
        new("edge1", 12.758489, 38.788135),
        new("edge2", 17.241510, 38.788135),
    ];

    private async Task<(RedisCluster Cluster, string Key)> SicilyAsync(int protocol, string name)
    {
        var cluster = await ConnectAsync(fixture, protocol);
        string key = Key(name);
        Assert.Equal(4, await cluster.GeoAddAsync(key, Sicily));
        return (cluster, key);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task GeoAdd_OneOrMany_ConditionsAndChangedCount(int protocol)
    {
        await using var cluster = await ConnectAsync(fixture, protocol);
        string key = Key("geoadd");
        Assert.True(await cluster.GeoAddAsync(key, "Palermo", 13.361389, 38.115556));
        Assert.False(await cluster.GeoAddAsync(key, "Palermo", 13.361389, 38.115556));
        Assert.False(await cluster.GeoAddAsync(key, "Palermo", 13, 38, SetCondition.NotExists, changed: true));
        Assert.True(await cluster.GeoAddAsync(key, "Palermo", 13, 38, SetCondition.Exists, changed: true));
        Assert.False(await cluster.GeoAddAsync(key, "Catania", 15.087269, 37.502669, SetCondition.Exists));
        Assert.Equal(1, await cluster.ZCardAsync(key));

        Assert.Equal(1, await cluster.GeoAddAsync(key, [new("Palermo", 13.361389, 38.115556), new("Catania", 15.087269, 37.502669)]));
        Assert.Equal(1, cluster.GeoAdd(key, [new("Palermo", 13.5, 38.1), new("x", 1, 1)], SetCondition.Exists, changed: true));
        Assert.Equal(1, cluster.GeoAdd(key, [new("Palermo", 13.6, 38.1), new("x", 1, 1)], SetCondition.NotExists));
        Assert.True(cluster.GeoAdd(key, "edge", 180, -85.05112878));
        Assert.Equal(4, await cluster.ZCardAsync(key));
        // A geo set is a sorted set scored by geohash.
        Assert.Equal((long?)await cluster.ZScoreAsync(key, "Catania"), (await cluster.GeoSearchWithDetailsAsync(key, GeoSearchOrigin.FromMember("Catania"), GeoSearchShape.ByRadius(0), GeoSearchDetails.Hash))[0].Hash);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task GeoDist_EveryUnit_NullWhenAMemberOrTheKeyIsMissing(int protocol)
    {
        var (cluster, key) = await SicilyAsync(protocol, "geodist");
        await using var _ = cluster;
        Assert.Equal(166274.1516, await cluster.GeoDistAsync(key, "Palermo", "Catania"));
        Assert.Equal(166.2742, await cluster.GeoDistAsync(key, "Palermo", "Catania", GeoUnit.Kilometers));
        Assert.Equal(103.3182, await cluster.GeoDistAsync(key, "Palermo", "Catania", GeoUnit.Miles));
        Assert.Equal(545518.8700, cluster.GeoDist(key, "Palermo", "Catania", GeoUnit.Feet));
        Assert.Equal(0, await cluster.GeoDistAsync(key, "Palermo", "Palermo"));
        Assert.Null(await cluster.GeoDistAsync(key, "Palermo", "Foo"));
        Assert.Null(cluster.GeoDist(Key("geodist-none"), "Palermo", "Catania"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task GeoHashAndGeoPos_NullPerMissingMember(int protocol)
    {
        var (cluster, key) = await SicilyAsync(protocol, "geopos");
        await using var _ = cluster;
        Assert.Equal("sqc8b49rny0,sqdtr74hyu0,(nil)", string.Join(",", (await cluster.GeoHashAsync(key, "Palermo", "Catania", "Foo")).Select(h => h ?? "(nil)")));
        Assert.Equal("sqc8b49rny0", await cluster.GeoHashAsync(key, "Palermo"));
        Assert.Null(cluster.GeoHash(key, "Foo"));
        Assert.Equal("sqdtr74hyu0", Assert.Single(cluster.GeoHash(key, ["Catania"])));

        var positions = await cluster.GeoPosAsync(key, "Palermo", "NonExisting", "Catania");
        Assert.Equal(3, positions.Length);
        AssertNear(Sicily[0], positions[0]);
        Assert.Null(positions[1]);
        AssertNear(Sicily[1], positions[2]);
        AssertNear(Sicily[1], await cluster.GeoPosAsync(key, "Catania"));
        AssertNear(Sicily[0], cluster.GeoPos(key, "Palermo"));
        Assert.Null(cluster.GeoPos(key, "Foo"));
        Assert.Equal([null, null], cluster.GeoPos(Key("geopos-none"), "a", "b"));
    }

    private static void AssertNear(GeoEntry expected, GeoPosition? actual)
    {
        Assert.NotNull(actual);
        // Redis keeps the centre of a 52-bit geohash cell: within about 1e-5 degrees.
        Assert.InRange(actual.Value.Longitude, expected.Longitude - 1e-5, expected.Longitude + 1e-5);
        Assert.InRange(actual.Value.Latitude, expected.Latitude - 1e-5, expected.Latitude + 1e-5);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task GeoSearch_RadiusAndBox_FromPositionOrMember_OrderAndCount(int protocol)
    {
        var (cluster, key) = await SicilyAsync(protocol, "geosearch");
        await using var _ = cluster;
        var from = GeoSearchOrigin.FromPosition(15, 37);
        Assert.Equal(["Catania", "Palermo"], Text(await cluster.GeoSearchAsync(key, from, GeoSearchShape.ByRadius(200, GeoUnit.Kilometers), GeoSearchOrder.Ascending)));
        Assert.Equal(["Palermo", "Catania"], Text(cluster.GeoSearch(key, new GeoPosition(15, 37), GeoSearchShape.ByRadius(200_000), GeoSearchOrder.Descending)));
        Assert.Equal(["Catania", "Palermo", "edge2", "edge1"],
            Text(await cluster.GeoSearchAsync(key, from, GeoSearchShape.ByBox(400, 400, GeoUnit.Kilometers), GeoSearchOrder.Ascending)));
        // A count keeps the nearest (Redis sorts ascending when a count is given without an order).
        Assert.Equal(["Catania", "Palermo"], Text(await cluster.GeoSearchAsync(key, from, GeoSearchShape.ByBox(400, 400, GeoUnit.Kilometers), count: 2)));
        Assert.Equal(["edge1"], Text(await cluster.GeoSearchAsync(key, from, GeoSearchShape.ByBox(400, 400, GeoUnit.Kilometers), GeoSearchOrder.Descending, count: 1)));
        Assert.Single(await cluster.GeoSearchAsync(key, from, GeoSearchShape.ByBox(400, 400, GeoUnit.Kilometers), count: 1, any: true));

        var fromPalermo = GeoSearchOrigin.FromMember("Palermo");
        Assert.Equal(["Palermo", "edge1", "Catania"], Text(await cluster.GeoSearchAsync(key, fromPalermo, GeoSearchShape.ByRadius(170, GeoUnit.Kilometers), GeoSearchOrder.Ascending)));
        Assert.Equal(["Palermo"], Text(cluster.GeoSearch(key, fromPalermo, GeoSearchShape.ByRadius(0))));
        Assert.Empty(await cluster.GeoSearchAsync(key, GeoSearchOrigin.FromPosition(-100, 40), GeoSearchShape.ByRadius(100, GeoUnit.Miles)));
        Assert.Empty(await cluster.GeoSearchAsync(Key("geosearch-none"), from, GeoSearchShape.ByRadius(100)));

        // A missing origin member is the server's error; a non-geo key is WRONGTYPE.
        await Assert.ThrowsAsync<RedisServerException>(async () => await cluster.GeoSearchAsync(key, GeoSearchOrigin.FromMember("Foo"), GeoSearchShape.ByRadius(1)));
        string text = Key("geosearch-string");
        await cluster.SetAsync(text, "x");
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await cluster.GeoSearchAsync(text, from, GeoSearchShape.ByRadius(1)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task GeoSearchWithDetails_TheDetailsAskedFor_SameInBothProtocols(int protocol)
    {
        var (cluster, key) = await SicilyAsync(protocol, "geosearch-with");
        await using var _ = cluster;
        var from = GeoSearchOrigin.FromPosition(15, 37);
        var box = GeoSearchShape.ByBox(400, 400, GeoUnit.Kilometers);

        var all = await cluster.GeoSearchWithDetailsAsync(key, from, box, order: GeoSearchOrder.Ascending);
        Assert.Equal(["Catania", "Palermo", "edge2", "edge1"], Text(all.Select(r => r.Member)));
        Assert.Equal([56.4413, 190.4424, 279.7403, 279.7405], all.Select(r => r.Distance!.Value));
        for (int i = 0; i < all.Length; i++)
        {
            Assert.Equal((long)(await cluster.ZScoreAsync(key, all[i].Member))!.Value, all[i].Hash);
            Assert.Equal(await cluster.GeoPosAsync(key, all[i].Member), all[i].Position);
        }

        var distances = cluster.GeoSearchWithDetails(key, from, box, GeoSearchDetails.Distance, GeoSearchOrder.Descending, count: 2);
        Assert.Equal([new("edge1", 279.7405, null, null), new GeoSearchResult("edge2", 279.7403, null, null)], distances);

        var hashes = await cluster.GeoSearchWithDetailsAsync(key, GeoSearchOrigin.FromMember("Catania"), GeoSearchShape.ByRadius(1), GeoSearchDetails.Hash);
        Assert.Equal([new GeoSearchResult("Catania", null, (long)(await cluster.ZScoreAsync(key, "Catania"))!.Value, null)], hashes);

        var positions = await cluster.GeoSearchWithDetailsAsync(key, from, GeoSearchShape.ByRadius(100, GeoUnit.Kilometers), GeoSearchDetails.Position | GeoSearchDetails.Distance);
        Assert.Equal("Catania", (string?)Assert.Single(positions).Member);
        Assert.Equal(56.4413, positions[0].Distance);
        Assert.Null(positions[0].Hash);
        AssertNear(Sicily[1], positions[0].Position);

        var none = await cluster.GeoSearchWithDetailsAsync(key, from, GeoSearchShape.ByRadius(100, GeoUnit.Kilometers), GeoSearchDetails.None);
        Assert.Equal([new GeoSearchResult("Catania", null, null, null)], none);
    }

    public static TheoryData<int, bool, GeoSearchOrder, long?, bool> StoreCases() => new()
    {
        { 3, false, GeoSearchOrder.Unsorted, null, false },
        { 2, false, GeoSearchOrder.Descending, 2, false },
        { 3, true, GeoSearchOrder.Unsorted, null, false },
        { 2, true, GeoSearchOrder.Ascending, 3, false },
        { 3, true, GeoSearchOrder.Descending, 1, false },
        { 3, false, GeoSearchOrder.Unsorted, 2, true },
    };

    [Theory]
    [MemberData(nameof(StoreCases))]
    public async Task GeoSearchStore_AcrossSlots_LeavesWhatTheNativeCommandLeaves(int protocol, bool storeDistances, GeoSearchOrder order, long? count, bool any)
    {
        await using var cluster = await ConnectAsync(fixture, protocol);
        var spread = ParityKeys.Spread(cluster, "geostore", 2);
        var tagged = ParityKeys.Tagged("geostore", 2);
        foreach (var k in new[] { spread, tagged })
        {
            await cluster.GeoAddAsync(k[0], Sicily);
            await cluster.ExecuteAsync("RPUSH", k[1], "old");
            await cluster.ExecuteAsync("PEXPIRE", k[1], 100_000);
        }
        var from = GeoSearchOrigin.FromPosition(15, 37);
        var box = GeoSearchShape.ByBox(400, 400, GeoUnit.Kilometers);
        long native = await cluster.GeoSearchStoreAsync(tagged[1], tagged[0], from, box, order, count, any, storeDistances);
        long emulated = await cluster.GeoSearchStoreAsync(spread[1], spread[0], from, box, order, count, any, storeDistances);
        Assert.Equal(count ?? 4, native);
        Assert.Equal(native, emulated);
        Assert.StartsWith("zset[", await ParityKeys.StateAsync(cluster, spread[1]));
        Assert.Equal(await ParityKeys.StateAsync(cluster, tagged[1]), await ParityKeys.StateAsync(cluster, spread[1]));

        // The sync twin, from a member; an empty result deletes the destination in both.
        var fromMember = GeoSearchOrigin.FromMember("Palermo");
        Assert.Equal(cluster.GeoSearchStore(tagged[1], tagged[0], fromMember, GeoSearchShape.ByRadius(100, GeoUnit.Kilometers), storeDistances: storeDistances),
            cluster.GeoSearchStore(spread[1], spread[0], fromMember, GeoSearchShape.ByRadius(100, GeoUnit.Kilometers), storeDistances: storeDistances));
        Assert.Equal(await ParityKeys.StateAsync(cluster, tagged[1]), await ParityKeys.StateAsync(cluster, spread[1]));
        Assert.Equal(0, await cluster.GeoSearchStoreAsync(spread[1], spread[0], GeoSearchOrigin.FromPosition(-100, 40), box, storeDistances: storeDistances));
        Assert.Equal(0, await cluster.GeoSearchStoreAsync(tagged[1], tagged[0], GeoSearchOrigin.FromPosition(-100, 40), box, storeDistances: storeDistances));
        Assert.Equal("none[]", await ParityKeys.StateAsync(cluster, spread[1]));
        Assert.Equal("none[]", await ParityKeys.StateAsync(cluster, tagged[1]));
    }

    [Fact]
    public async Task GeoSearchStore_StoredGeoSetAnswersGeoCommands_ErrorsAsNative()
    {
        await using var cluster = await ConnectAsync(fixture);
        var (source, destination) = CrossSlotKeys("geostore-use");
        await cluster.GeoAddAsync(source, Sicily);
        Assert.Equal(2, await cluster.GeoSearchStoreAsync(destination, source, GeoSearchOrigin.FromPosition(15, 37), GeoSearchShape.ByRadius(200, GeoUnit.Kilometers)));
        Assert.Equal(166274.1516, await cluster.GeoDistAsync(destination, "Palermo", "Catania"));

        // Errors of the search come as the native command's, and the destination is left alone.
        await Assert.ThrowsAsync<RedisServerException>(async () =>
            await cluster.GeoSearchStoreAsync(destination, source, GeoSearchOrigin.FromMember("Foo"), GeoSearchShape.ByRadius(1)));
        var (text, destination2) = CrossSlotKeys("geostore-type");
        await cluster.SetAsync(text, "x");
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () =>
            await cluster.GeoSearchStoreAsync(destination2, text, GeoSearchOrigin.FromPosition(15, 37), GeoSearchShape.ByRadius(1), storeDistances: true));
        Assert.Equal(2, await cluster.ZCardAsync(destination));
        Assert.False(await cluster.ExistsAsync(destination2));
        // A missing source stores nothing and deletes the destination.
        Assert.Equal(0, await cluster.GeoSearchStoreAsync(destination, Key("geostore-none"), GeoSearchOrigin.FromPosition(15, 37), GeoSearchShape.ByRadius(1)));
        Assert.False(await cluster.ExistsAsync(destination));
        // The STOREDIST scratch keys are gone, after a failure too.
        Assert.Equal(1, await cluster.GeoSearchStoreAsync(destination, source, GeoSearchOrigin.FromMember("Catania"), GeoSearchShape.ByRadius(1), storeDistances: true));
        Assert.Equal(0, await cluster.ZScoreAsync(destination, "Catania"));
        foreach (var primary in cluster.SlotMap.Primaries) Assert.Equal("", fixture.Cluster.RedisCli(primary.Port, "KEYS", "*slotted:tmp*").Trim());
    }

    [Fact]
    public async Task BadInput_TypedErrorsBeforeAnythingIsSent()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("geo-bad");
        var from = GeoSearchOrigin.FromPosition(15, 37);
        var circle = GeoSearchShape.ByRadius(1);

        // Out-of-range numbers and enum values: ArgumentOutOfRangeException.
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.GeoAddAsync(key, "a", 180.000001, 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.GeoAddAsync(key, "a", 0, 85.05112879));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.GeoAddAsync(key, "a", 0, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.GeoAdd(key, [new("a", 1, 1), new("b", -181, 0)]));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.GeoAddAsync(key, "a", 1, 1, (SetCondition)7));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.GeoDistAsync(key, "a", "b", (GeoUnit)9));
        Assert.Throws<ArgumentOutOfRangeException>(() => GeoSearchOrigin.FromPosition(0, -86));
        Assert.Throws<ArgumentOutOfRangeException>(() => GeoSearchShape.ByRadius(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => GeoSearchShape.ByBox(1, double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => GeoSearchShape.ByRadius(1, (GeoUnit)4));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.GeoSearchAsync(key, from, circle, count: 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.GeoSearchAsync(key, from, circle, (GeoSearchOrder)3));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cluster.GeoSearchWithDetailsAsync(key, from, circle, (GeoSearchDetails)8));

        // Nulls: ArgumentNullException.
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.GeoAddAsync(key, RedisValue.Null, 1, 1));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.GeoAddAsync(key, (IEnumerable<GeoEntry>)null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.GeoDistAsync(key, "a", RedisValue.Null));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.GeoPosAsync(key, "a", RedisValue.Null));
        Assert.Throws<ArgumentNullException>(() => GeoSearchOrigin.FromMember(RedisValue.Null));
        Assert.Throws<ArgumentNullException>(() => cluster.GeoHash((string)null!, "a"));

        // Missing or inconsistent arguments: ArgumentException.
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.GeoAddAsync(key, []));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.GeoHashAsync(key, []));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.GeoSearchAsync(key, default, circle));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.GeoSearchAsync(key, from, default));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.GeoSearchAsync(key, from, circle, any: true));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.GeoSearchStoreAsync("", key, from, circle));
        Assert.Throws<ArgumentException>(() => cluster.GeoSearchStore(Key("geo-bad-dest"), key, from, circle, any: true));

        Assert.False(await cluster.ExistsAsync(key));
    }
}

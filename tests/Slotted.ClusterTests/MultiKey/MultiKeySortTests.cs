using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.MultiKey;

/// <summary>
/// SORT with BY/GET patterns is compared with the native command on a plain server holding the same
/// keys (<see cref="StandaloneRedis"/>): a cluster node before Redis 7.4 refuses every BY/GET pattern,
/// even one tagged to the key's slot, so there "native on {tag}" exists only for SORT without patterns
/// (compared with the tagged native command below).
/// </summary>
[Collection("cluster")]
public sealed class MultiKeySortTests(ClusterFixture fixture, StandaloneRedis standalone) : IClassFixture<StandaloneRedis>
{
    private static readonly string[] Elements = ["pear", "fig", "apple", "kiwi", "plum", "lime", "date"];

    /// <summary>Where one copy of the data lives: the sorted key and the prefixes its patterns use.</summary>
    private sealed record Layout(RedisKey Key, string W, string H, string G, RedisKey Destination);

    private static Layout Spread(RedisCluster c, string name)
    {
        string id = Guid.NewGuid().ToString("N")[..10];
        var keys = ParityKeys.Spread(c, name, 2);
        return new Layout(keys[0], $"mk:{name}:{id}:w_", $"mk:{name}:{id}:h_", $"mk:{name}:{id}:g_", keys[1]);
    }

    private static Layout Tagged(string name)
    {
        var keys = ParityKeys.Tagged(name, 2);
        string tag = ParityKeys.TagOf(keys[0]);
        return new Layout(keys[0], tag + ":w_", tag + ":h_", tag + ":g_", keys[1]);
    }

    private static async Task SeedAsync(Func<RedisValue[], Task> run, Layout l, string type = "list")
    {
        switch (type)
        {
            case "list":
                await run(["RPUSH", l.Key, .. Elements.Select(e => (RedisValue)e), "fig"]);
                break;
            case "set":
                await run(["SADD", l.Key, .. Elements.Select(e => (RedisValue)e)]);
                break;
            case "zset":
                await run(["ZADD", l.Key, .. Elements.SelectMany((e, i) => new RedisValue[] { (i * 7) % 5, e })]);
                break;
        }
        // Weights: equal ones (tie broken by element), floats, a negative, leading space, one missing ("date").
        string[] weights = ["3", "1.5", "3", "-2", "1e1", " 7"];
        for (int i = 0; i < weights.Length; i++) await run(["SET", l.W + Elements[i], weights[i]]);
        for (int i = 0; i < Elements.Length; i++)
        {
            if (i == 3) continue; // kiwi: no hash
            await run(["HSET", l.H + Elements[i], "name", $"N{Elements.Length - i:00}-{Elements[i]}", "num", (i * 13) % 7]);
        }
        for (int i = 0; i < Elements.Length; i++)
        {
            if (i == 1) continue; // fig: missing
            if (i == 2) await run(["LPUSH", l.G + Elements[i], "a list"]); // apple: not a string
            else await run(["SET", l.G + Elements[i], "G-" + Elements[i]]);
        }
    }

    private static Func<RedisValue[], Task> On(RedisCluster c) => async p => await c.ExecuteAsync((string)p[0]!, p[1..]);

    private Func<RedisValue[], Task> OnStandalone() => p =>
    {
        var reply = standalone.Call(p);
        Assert.False(reply.IsError, reply.ToString());
        return Task.CompletedTask;
    };

    /// <summary>A layout of spread keys, seeded in the cluster and (same key names) on the plain server.</summary>
    private async Task<(RedisCluster C, Layout S)> SetUpAsync(string name, string type = "list")
    {
        var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = Spread(c, name);
        await SeedAsync(On(c), s, type);
        await SeedAsync(OnStandalone(), s, type);
        return (c, s);
    }

    /// <summary>The same options for a layout: "W", "H", "G" at the start of a pattern stand for its prefixes.</summary>
    private static SortOptions For(Layout l, string? by = null, string[]? get = null, long offset = 0, long? count = null, bool desc = false, bool alpha = false) => new()
    {
        By = by is null ? RedisValue.Null : Expand(l, by),
        Get = (get ?? []).Select(g => (RedisValue)Expand(l, g)).ToArray(),
        Offset = offset,
        Count = count,
        Descending = desc,
        Alpha = alpha,
    };

    private static string Expand(Layout l, string p) => p.Length > 0 && p[0] is 'W' or 'H' or 'G'
        ? (p[0] == 'W' ? l.W : p[0] == 'H' ? l.H : l.G) + p[1..]
        : p;

    /// <summary>The native SORT on the plain server, written out independently of the client's own command building.</summary>
    private RedisResult Native(RedisKey key, SortOptions o, RedisKey? store = null)
    {
        var parts = new List<RedisValue> { "SORT", key };
        if (!o.By.IsNull) parts.AddRange(["BY", o.By]);
        if (o.Offset != 0 || o.Count is not null) parts.AddRange(["LIMIT", o.Offset, o.Count ?? -1]);
        foreach (var g in o.Get) parts.AddRange(["GET", g]);
        if (o.Descending) parts.Add("DESC");
        if (o.Alpha) parts.Add("ALPHA");
        if (store is { } d) parts.AddRange(["STORE", d]);
        return standalone.Call([.. parts]);
    }

    private async Task<string> StoredAsync(RedisCluster c, RedisKey key) => await ParityKeys.StateAsync(c, key);

    private string StoredStandalone(RedisKey key)
    {
        string type = standalone.Call("TYPE", key).ToString()!;
        string value = type == "list" ? string.Join(",", standalone.Call("LRANGE", key, 0, -1).ToValueArray().Select(ParityKeys.Show)) : "";
        bool ttl = standalone.Call("PTTL", key).ToInt64() > 0;
        return $"{type}[{value}]{(ttl ? " ttl" : "")}";
    }

    public static TheoryData<string?, string[]?, long, long?, bool, bool> Cases() => new()
    {
        { "W*", null, 0, null, false, false },
        { "W*", null, 1, 3, true, false },
        { "W*", ["#", "G*"], 0, null, false, false },
        { "H*->num", ["H*->name", "#", "G*", "W*"], 0, null, false, false },
        { "H*->name", ["G*"], 0, null, false, true },
        { "H*->name", ["#"], 2, 10, true, true },
        { "nosort", ["G*", "H*->name"], 0, null, false, false },
        { "nosort", ["G*"], 1, 3, true, false },
        { null, ["G*", "#"], 0, null, false, true },
        { null, ["H*->num"], 1, 2, true, true },
        { "W*", ["Gconstant", "H*->missing", "G*->field"], 0, 4, false, false },
        { "W*", null, -5, -1, false, false },
        { "W*", null, 100, 5, false, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Sort_PatternsInOtherSlots_AsNativeStandalone(string? by, string[]? get, long offset, long? count, bool desc, bool alpha)
    {
        var (c, s) = await SetUpAsync("sort");
        await using var _ = c;
        var o = For(s, by, get, offset, count, desc, alpha);
        var native = Native(s.Key, o).ToValueArray().Select(ParityKeys.Show).ToArray();
        Assert.Equal(native, (await c.SortAsync(s.Key, o)).Select(ParityKeys.Show));
        Assert.Equal(native, c.Sort(s.Key, o).Select(ParityKeys.Show));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task SortAndStore_PatternsAndDestinationInOtherSlots_AsNativeStandalone(string? by, string[]? get, long offset, long? count, bool desc, bool alpha)
    {
        var (c, s) = await SetUpAsync("sortstore");
        await using var _ = c;
        await c.SetAsync(s.Destination, "old", expiry: TimeSpan.FromSeconds(100));
        standalone.Call("SET", s.Destination, "old", "EX", 100);
        var o = For(s, by, get, offset, count, desc, alpha);
        long native = Native(s.Key, o, s.Destination).ToInt64();
        Assert.Equal(native, await c.SortAndStoreAsync(s.Destination, s.Key, o));
        Assert.Equal(StoredStandalone(s.Destination), await StoredAsync(c, s.Destination));
    }

    [Theory]
    [InlineData("set", "nosort", false)]
    [InlineData("set", "nosort", true)]
    [InlineData("zset", "nosort", true)]
    [InlineData("zset", "W*", false)]
    [InlineData("set", "W*", true)]
    [InlineData("set", "H*->name", false)]
    public async Task SortAndStore_SetsAndSortedSets_AsNativeStandalone(string type, string by, bool desc)
    {
        var (c, s) = await SetUpAsync("sortstore-" + type, type);
        await using var _ = c;
        var o = For(s, by, ["#", "G*"], 1, 4, desc, alpha: by.StartsWith('H'));
        long native = Native(s.Key, o, s.Destination).ToInt64();
        Assert.Equal(native, c.SortAndStore(s.Destination, s.Key, o));
        Assert.Equal(StoredStandalone(s.Destination), await StoredAsync(c, s.Destination));
    }

    [Fact]
    public async Task Sort_TaggedPatternsInKeySlot_AsNativeStandalone()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var t = Tagged("sort-tagged");
        await SeedAsync(On(c), t);
        await SeedAsync(OnStandalone(), t);
        foreach (var o in new[] { For(t, "W*", ["#", "G*"], 1, 4, desc: true), For(t, "H*->name", ["H*->num"], alpha: true), For(t, "nosort", ["#"]) })
        {
            Assert.Equal(Native(t.Key, o).ToValueArray().Select(ParityKeys.Show), (await c.SortAsync(t.Key, o)).Select(ParityKeys.Show));
            Assert.Equal(Native(t.Key, o, t.Destination).ToInt64(), await c.SortAndStoreAsync(t.Destination, t.Key, o));
            Assert.Equal(StoredStandalone(t.Destination), await StoredAsync(c, t.Destination));
        }
    }

    [Fact]
    public async Task Sort_ByInKeySlot_GetElsewhere_AsNativeStandalone()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var own = Tagged("sort-mixed");
        var mixed = own with { G = Spread(c, "sort-mixed").G };
        await SeedAsync(On(c), mixed);
        await SeedAsync(OnStandalone(), mixed);
        var o = For(mixed, "W*", ["G*", "#"], 0, 5, desc: true);
        Assert.Equal(Native(mixed.Key, o).ToValueArray().Select(ParityKeys.Show), (await c.SortAsync(mixed.Key, o)).Select(ParityKeys.Show));
    }

    [Theory]
    [InlineData("list", "nosort", false, false)]
    [InlineData("list", "nosort", true, false)]
    [InlineData("list", null, false, true)]
    [InlineData("set", "nosort", false, false)]
    [InlineData("set", null, true, true)]
    [InlineData("zset", "nosort", true, false)]
    [InlineData("zset", null, false, true)]
    public async Task SortAndStore_NoPatterns_DestinationInOtherSlot_AsNativeOnTag(string type, string? by, bool desc, bool alpha)
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = Spread(c, "sortstore-plain");
        var t = Tagged("sortstore-plain");
        await SeedAsync(On(c), s, type);
        await SeedAsync(On(c), t, type);
        var so = For(s, by, null, 1, 5, desc, alpha);
        var to = For(t, by, null, 1, 5, desc, alpha);
        Assert.Equal(await c.SortAndStoreAsync(t.Destination, t.Key, to), await c.SortAndStoreAsync(s.Destination, s.Key, so));
        Assert.Equal(await StoredAsync(c, t.Destination), await StoredAsync(c, s.Destination));
        if (type != "set" || by is null)
            Assert.Equal((await c.SortAsync(t.Key, to)).Select(ParityKeys.Show), (await c.SortAsync(s.Key, so)).Select(ParityKeys.Show));
    }

    [Fact]
    public async Task Sort_NumericElementsNoOptions_AsNativeOnTag()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = ParityKeys.Spread(c, "sort-plain", 2);
        var t = ParityKeys.Tagged("sort-plain", 2);
        foreach (var k in new[] { s, t }) await c.ExecuteAsync("RPUSH", k[0], "10", "-1", "2.5", "2.5", "0x10");
        Assert.Equal((await c.SortAsync(t[0])).Select(ParityKeys.Show), (await c.SortAsync(s[0])).Select(ParityKeys.Show));
        Assert.Equal(await c.SortAndStoreAsync(t[1], t[0]), await c.SortAndStoreAsync(s[1], s[0]));
        Assert.Equal(await ParityKeys.StateAsync(c, t[1]), await ParityKeys.StateAsync(c, s[1]));
    }

    [Theory]
    [InlineData("12abc")]
    [InlineData("nan")]
    [InlineData("7 ")]
    // No overflowing weight ("1e999") here: Redis 7.0 does not clear errno before strtod, so one
    // ERANGE leaves the reference server failing every later numeric SORT (see StrtodParserTests).
    public async Task Sort_WeightNotANumber_SameErrorAsNativeStandalone(string weight)
    {
        var (c, s) = await SetUpAsync("sort-bad");
        await using var _ = c;
        await c.SetAsync(s.W + "lime", weight);
        standalone.Call("SET", s.W + "lime", weight);
        var native = Native(s.Key, For(s, "W*"));
        Assert.True(native.IsError);
        var emulated = await Assert.ThrowsAsync<RedisServerException>(async () => await c.SortAsync(s.Key, For(s, "W*")));
        Assert.Equal(native.Value.ToString(), emulated.ServerMessage);
        await Assert.ThrowsAsync<RedisServerException>(async () => await c.SortAndStoreAsync(s.Destination, s.Key, For(s, "W*")));
        Assert.False(await c.ExistsAsync(s.Destination));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" 12")]
    [InlineData("0x1p-2")]
    [InlineData("-inf")]
    [InlineData("1e-300")]
    public async Task Sort_UnusualWeights_AsNativeStandalone(string weight)
    {
        var (c, s) = await SetUpAsync("sort-weights");
        await using var _ = c;
        await c.SetAsync(s.W + "plum", weight);
        standalone.Call("SET", s.W + "plum", weight);
        var native = Native(s.Key, For(s, "W*", ["#", "W*"]));
        Assert.False(native.IsError, native.ToString());
        Assert.Equal(native.ToValueArray().Select(ParityKeys.Show), (await c.SortAsync(s.Key, For(s, "W*", ["#", "W*"]))).Select(ParityKeys.Show));
    }

    [Fact]
    public async Task Sort_KeyNotSortable_WrongTypeAsNativeStandalone()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        var s = Spread(c, "sort-wrong");
        await c.SetAsync(s.Key, "string");
        standalone.Call("SET", s.Key, "string");
        Assert.Equal("WRONGTYPE", Native(s.Key, For(s, "W*", ["G*"])).ErrorPrefix);
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await c.SortAsync(s.Key, For(s, "W*", ["G*"])));
        Assert.Empty(await c.SortAsync(ParityKeys.Spread(c, "sort-missing", 1)[0], For(s, "W*", ["G*"])));
    }
}

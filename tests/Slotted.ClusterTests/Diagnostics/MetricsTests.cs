using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.Diagnostics;

/// <summary>The "Slotted" meter: commands, durations, redirects, connections, refreshes and pending commands.</summary>
[Collection("cluster")]
public sealed class MetricsTests(ClusterFixture fixture)
{
    private static string Key(string name) => $"diag:{name}:{Guid.NewGuid():N}";

    private static int PortOf(string endPoint) => RedisClusterOptions.ParseEndPoint(endPoint).Port;

    [Fact]
    public async Task GetAsync_Measured_CountedAndTimedPerCommand()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string key = Key("count");
        await c.SetAsync(key, "v");
        using var capture = new TelemetryCapture(traces: false, "slotted.commands", "slotted.command.duration");

        for (int i = 0; i < 3; i++) await c.GetAsync(key);
        c.Get(key);

        var counted = capture.Of("slotted.commands").Where(m => Equals(m.Tag("db.operation.name"), "GET")).ToList();
        Assert.Equal(4, counted.Sum(m => m.Value));
        Assert.All(counted, m => Assert.Null(m.Tag("error.type")));
        var timed = capture.Of("slotted.command.duration").Where(m => Equals(m.Tag("db.operation.name"), "GET")).ToList();
        Assert.Equal(4, timed.Count);
        Assert.All(timed, m => Assert.InRange(m.Value, 1e-7, 30));
    }

    [Fact]
    public async Task ExecuteAsync_ErrorReplyAndUnknownCommand_CountedWithErrorTypeAndOther()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string key = Key("errors");
        await c.SetAsync(key, "v");
        using var capture = new TelemetryCapture(traces: false, "slotted.commands");

        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await c.LPushAsync(key, "x"));

        var m = Assert.Single(capture.Of("slotted.commands"));
        Assert.Equal("LPUSH", m.Tag("db.operation.name"));
        Assert.Equal("RedisWrongTypeException", m.Tag("error.type"));
    }

    [Fact]
    public void Get_SlotMovedBehindTheClient_RedirectCountedAsMoved()
    {
        using var c = RedisCluster.Connect(fixture.StartupNodes + ",topologyRefreshInterval=0");
        string key = Key("moved");
        c.Set(key, "v");
        int source = PortOf(c.GetNodeForKey(key)!);
        int target = c.SlotMap.Primaries.Select(p => PortOf(p.EndPoint)).First(p => p != source);
        var migration = new SlotMigration(fixture.Cluster, RedisCluster.GetSlot(key), source, target);
        migration.Begin();
        migration.Finish();
        try
        {
            using var capture = new TelemetryCapture(traces: false, "slotted.redirects", "slotted.commands");

            Assert.Equal("v", (string?)c.Get(key)); // sync: the redirect is handled on this thread, in this trace

            var redirects = capture.Of("slotted.redirects").ToList();
            Assert.NotEmpty(redirects);
            Assert.All(redirects, m => Assert.Equal("moved", m.Tag("kind")));
            Assert.Single(capture.Of("slotted.commands"));
        }
        finally
        {
            var back = migration.Reverse();
            back.Begin();
            back.Finish();
        }
    }

    [Fact]
    public async Task RefreshSlotMapAsync_Measured_RefreshCounted()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        using var capture = new TelemetryCapture(traces: false, "slotted.topology.refreshes") { AnyFlow = true };

        await c.RefreshSlotMapAsync();

        Assert.Contains(capture.Of("slotted.topology.refreshes"), m => Equals(m.Tag("result"), "ok"));
    }

    [Fact]
    public async Task ConnectionKilledByServer_Measured_ClosedThenOpenedCounted()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string key = Key("kill");
        await c.SetAsync(key, "v");
        int port = PortOf(c.GetNodeForKey(key)!);
        using var capture = new TelemetryCapture(traces: false, "slotted.connections.opened", "slotted.connections.closed") { AnyFlow = true };
        bool OnNode(Measured m, string instrument) => m.Instrument == instrument && Equals(m.Tag("server.port"), port);

        fixture.Cluster.RedisCli(port, "CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!capture.Measurements.Any(m => OnNode(m, "slotted.connections.closed")) && DateTime.UtcNow < deadline) await Task.Delay(20);
        RedisValue value = default;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                value = await c.GetAsync(key);
                break;
            }
            catch (RedisConnectionException)
            {
                await Task.Delay(50); // lost with the killed connection before the client noticed; the next call reconnects
            }
        }

        Assert.Equal("v", (string?)value);
        Assert.Contains(capture.Measurements, m => OnNode(m, "slotted.connections.closed"));
        Assert.Contains(capture.Measurements, m => OnNode(m, "slotted.connections.opened"));
        Assert.Equal("127.0.0.1", capture.Measurements.First(m => OnNode(m, "slotted.connections.opened")).Tag("server.address"));
    }

    [Fact]
    public async Task PendingGauge_Observed_OneMeasurementPerConnectedNode()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string key = Key("pending");
        await c.SetAsync(key, "v");
        int port = PortOf(c.GetNodeForKey(key)!);
        using var capture = new TelemetryCapture(traces: false, "slotted.commands.pending") { AnyFlow = true };

        capture.ObserveGauges();

        var gauge = capture.Of("slotted.commands.pending").Where(m => Equals(m.Tag("server.port"), port)).ToList();
        Assert.NotEmpty(gauge);
        Assert.All(gauge, m => Assert.True(m.Value >= 0));
    }
}

using System.Diagnostics;
using Slotted.ClusterTests.Infrastructure;
using Slotted.ClusterTests.MultiKey;

namespace Slotted.ClusterTests.Diagnostics;

/// <summary>The "Slotted" activity source: one client activity per routed command, pipeline, transaction and emulated multi-key call.</summary>
[Collection("cluster")]
public sealed class TracingTests(ClusterFixture fixture)
{
    private static string Key(string name) => $"diag:{name}:{Guid.NewGuid():N}";

    private static int PortOf(string endPoint) => RedisClusterOptions.ParseEndPoint(endPoint).Port;

    private static Activity Single(TelemetryCapture capture, string name) =>
        Assert.Single(capture.Activities, a => a.OperationName == name);

    [Fact]
    public async Task GetAsync_Traced_OneClientActivityNamedGetWithTheServingNode()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string key = Key("get");
        await c.SetAsync(key, "v");
        using var capture = new TelemetryCapture();

        Assert.Equal("v", (string?)await c.GetAsync(key));

        Assert.Same(capture.Root, Activity.Current);
        var get = Single(capture, "GET");
        Assert.Equal(ActivityKind.Client, get.Kind);
        Assert.Equal(capture.Root.SpanId, get.ParentSpanId);
        Assert.Equal(ActivityStatusCode.Unset, get.Status);
        Assert.Equal("redis", get.GetTagItem("db.system.name"));
        Assert.Equal("GET", get.GetTagItem("db.operation.name"));
        Assert.Equal("127.0.0.1", get.GetTagItem("server.address"));
        Assert.Equal(PortOf(c.GetNodeForKey(key)!), get.GetTagItem("server.port"));
        Assert.Equal(RedisCluster.GetSlot(key), get.GetTagItem("slotted.slot"));
        Assert.DoesNotContain(get.TagObjects, t => Equals(t.Value, key) || Equals(t.Value, "v"));
        Assert.True(get.Duration > TimeSpan.Zero);
    }

    [Fact]
    public async Task GetAsync_AwaitedUnderAnotherActivity_ThatActivityStaysCurrent()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string key = Key("await-elsewhere");
        await c.SetAsync(key, "v");
        using var capture = new TelemetryCapture();

        var pending = c.GetAsync(key);
        using var other = new Activity("caller-work").Start();
        Assert.Equal("v", (string?)await pending);

        Assert.Same(other, Activity.Current);
        Assert.Equal(capture.Root.SpanId, Single(capture, "GET").ParentSpanId);
    }

    [Fact]
    public void Get_SyncTraced_OneActivityAndTheCallersCurrentIsKept()
    {
        using var c = RedisCluster.Connect(fixture.StartupNodes);
        string key = Key("get-sync");
        c.Set(key, "v");
        using var capture = new TelemetryCapture();

        Assert.Equal("v", (string?)c.Get(key));

        Assert.Same(capture.Root, Activity.Current);
        var get = Single(capture, "GET");
        Assert.Equal(PortOf(c.GetNodeForKey(key)!), get.GetTagItem("server.port"));
    }

    [Fact]
    public async Task ExecuteAsync_ErrorReply_ActivityHasErrorStatusAndType()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string key = Key("wrongtype");
        await c.SetAsync(key, "v");
        using var capture = new TelemetryCapture();

        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await c.LPushAsync(key, "x"));

        var push = Single(capture, "LPUSH");
        Assert.Equal(ActivityStatusCode.Error, push.Status);
        Assert.Equal("RedisWrongTypeException", push.GetTagItem("error.type"));
        Assert.Equal("WRONGTYPE", push.GetTagItem("db.response.status_code"));
    }

    [Fact]
    public async Task PipelineExecuteAsync_Traced_OneActivityWithTheCommandCount()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        using var capture = new TelemetryCapture();
        var p = c.CreatePipeline();
        for (int i = 0; i < 5; i++) _ = p.SetAsync(Key("pipe"), "v");

        await p.ExecuteAsync();

        var run = Assert.Single(capture.Activities);
        Assert.Equal("PIPELINE", run.OperationName);
        Assert.Equal(5, run.GetTagItem("db.operation.batch.size"));
        Assert.Equal(ActivityStatusCode.Unset, run.Status);
    }

    [Fact]
    public async Task TransactionExecuteAsync_Traced_OneActivityOnTheSlotsNode()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string key = Key("{multi}");
        using var capture = new TelemetryCapture();
        await using var t = c.CreateTransaction(key);
        _ = t.SetAsync(key, "1");
        _ = t.GetAsync(key);

        Assert.True((await t.ExecuteAsync()).Committed);

        var run = Single(capture, "MULTI");
        Assert.Equal(2, run.GetTagItem("db.operation.batch.size"));
        Assert.Equal(PortOf(c.GetNodeForKey(key)!), run.GetTagItem("server.port"));
    }

    [Fact]
    public void MultiKeyAcrossSlots_OneEmulatedActivity_ParentOfItsRoutedSlotCommands()
    {
        using var c = RedisCluster.Connect(fixture.StartupNodes);
        var keys = ParityKeys.Spread(c, "diag-mget", 3);
        foreach (var k in keys) c.Set(k, "v");
        using var capture = new TelemetryCapture();

        // MGET sends one share per node (not routed commands): one emulated activity, no children.
        Assert.Equal(["v", "v", "v"], c.MGet(keys).Select(v => (string?)v));
        var mget = Assert.Single(capture.Activities.ToList(), a => a.GetTagItem("slotted.emulated") is true);
        Assert.Equal("MGET", mget.OperationName);

        // DEL across slots is one routed DEL per slot, each a child of the emulated activity.
        Assert.Equal(3, c.Del(keys));
        var all = capture.Activities.ToList();
        var parent = Assert.Single(all, a => a.GetTagItem("slotted.emulated") is true && a.OperationName == "DEL");
        var children = all.Where(a => a.ParentSpanId == parent.SpanId).ToList();
        Assert.Equal(3, children.Count);
        Assert.All(children, a => Assert.Equal("DEL", a.OperationName));
    }

    [Fact]
    public async Task BLPopAsync_Traced_OneActivityOnTheSlotsPrimary()
    {
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string key = Key("blpop");
        await c.RPushAsync(key, "a");
        using var capture = new TelemetryCapture();

        Assert.Equal("a", (string?)await c.BLPopAsync(key, TimeSpan.FromSeconds(1)));

        Assert.Same(capture.Root, Activity.Current);
        var pop = Single(capture, "BLPOP");
        Assert.Equal(PortOf(c.GetNodeForKey(key)!), pop.GetTagItem("server.port"));
        Assert.Equal(RedisCluster.GetSlot(key), pop.GetTagItem("slotted.slot"));
        Assert.Equal(ActivityStatusCode.Unset, pop.Status);
    }

    [Fact]
    public async Task GetAsync_NobodyListening_NoActivity()
    {
        Assert.False(ActivitySourceHasListeners());
        await using var c = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        Assert.Null(Activity.Current);
        string key = Key("quiet");

        await c.SetAsync(key, "v");
        Assert.Equal("v", (string?)c.Get(key));

        Assert.Null(Activity.Current);
    }

    private static bool ActivitySourceHasListeners() => Slotted.Diagnostics.Telemetry.Source.HasListeners();
}

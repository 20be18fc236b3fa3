using System.Net;
using System.Text;
using Slotted.Cli.Consistency;
using Slotted.FaultTests.Infrastructure;

namespace Slotted.FaultTests.Scenarios;

/// <summary>
/// Scenario 8: connections reset in the middle of replies by a <see cref="FaultProxy"/> in front of one primary.
/// The cluster announces its nodes' real ports, so the client is pointed at the proxy by hand: a few slots of the
/// proxied primary are moved to the proxy's address in the client's slot map (as a MOVED reply would), and slot-map
/// refreshes are held off for the test (MinTopologyRefreshInterval of an hour), so that every command for those
/// slots takes the normal path — router, retry loop, shared connection — through the proxy.
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Category", FaultCollection.Category)]
public sealed class ConnectionResetTests(FaultClusterFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task ResetMidReply_NoReplyToWrongCaller_UnknownOutcomesReportedNeverResent()
    {
        TimeSpan duration = Soak.Pick(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60));
        var options = new RedisClusterOptions
        {
            StartupNodes = RedisClusterOptions.Parse(fixture.StartupNodes).StartupNodes,
            TopologyRefreshInterval = TimeSpan.Zero,
            MinTopologyRefreshInterval = TimeSpan.FromHours(1),
        };
        await using RedisCluster cluster = await RedisCluster.ConnectAsync(options);
        LayoutNode primary = fixture.Layout().Primaries[0];
        using var proxy = new FaultProxy(new IPEndPoint(IPAddress.Loopback, primary.Port));
        string run = Guid.NewGuid().ToString("N")[..8];
        string[] tags = [.. Enumerable.Range(0, 4).Select(i => TestKeys.TagOwnedBy(primary, "rst" + run, i))];
        foreach (string tag in tags) cluster.Executor.Topology.ApplyMoved(RedisCluster.GetSlot(tag), proxy.EndPoint);
        Assert.Equal(proxy.EndPoint, cluster.GetNodeForKey(tags[0] + "x"));

        // Values large enough that a reset lands inside them; each one tells which key it belongs to.
        var values = new Dictionary<string, string>();
        for (int i = 0; i < 32; i++)
        {
            string key = tags[i % tags.Length] + "v" + i;
            values[key] = new StringBuilder().Insert(0, key + "|", i % 2 == 0 ? 2000 : 3).ToString();
            await cluster.SetAsync(key, values[key]);
        }

        using var stop = new CancellationTokenSource();
        long mismatches = 0, readErrors = 0, reads = 0, echoes = 0, echoErrors = 0;
        var counters = new List<Task<CounterResult>>();
        for (int w = 0; w < 8; w++)
        {
            string key = tags[w % tags.Length] + "ctr" + w;
            counters.Add(Task.Run(() => CountAsync(cluster, key, stop.Token)));
        }

        var others = new List<Task>();
        string[] keys = [.. values.Keys];
        for (int w = 0; w < 8; w++)
        {
            int seed = w;
            others.Add(Task.Run(async () =>
            {
                var random = new Random(seed);
                while (!stop.IsCancellationRequested)
                {
                    string key = keys[random.Next(keys.Length)];
                    try
                    {
                        RedisValue value = await cluster.GetAsync(key);
                        Interlocked.Increment(ref reads);
                        if ((string?)value != values[key]) Interlocked.Increment(ref mismatches);
                    }
                    catch (RedisException)
                    {
                        Interlocked.Increment(ref readErrors);
                    }
                }
            }));
            others.Add(Task.Run(async () =>
            {
                // Many callers on the one shared connection, straight to the node: each must get its own token back.
                var random = new Random(100 + seed);
                while (!stop.IsCancellationRequested)
                {
                    string token = seed + ":" + random.Next() + ":" + new string('e', random.Next(0, 20_000));
                    try
                    {
                        RedisResult echo = await cluster.Executor.ExecuteOnNodeAsync(proxy.EndPoint, ["ECHO", token], CancellationToken.None);
                        Interlocked.Increment(ref echoes);
                        if ((string?)echo.Value != token) Interlocked.Increment(ref mismatches);
                    }
                    catch (RedisException)
                    {
                        Interlocked.Increment(ref echoErrors);
                    }
                }
            }));
        }

        var faults = new Random(7);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            await Task.Delay(faults.Next(50, 150));
            proxy.ResetAfterReplyBytes(faults.Next(1, 64 * 1024));
        }

        proxy.Disarm();
        await stop.CancelAsync();
        await Task.WhenAll(others);
        CounterResult[] results = await Task.WhenAll(counters);

        // Read every counter back: it must hold every acknowledged INCR, plus at most the unknown-outcome ones.
        long unknown = 0, acknowledged = 0, notRun = 0, violations = 0;
        foreach (CounterResult r in results)
        {
            long final = (long)await cluster.GetAsync(r.Key);
            long unexplained = final - r.LastAcknowledged;
            if (unexplained < 0 || unexplained > r.UnknownSinceLast) violations++;
            violations += r.Violations;
            unknown += r.Unknown;
            acknowledged += r.Acknowledged;
            notRun += r.NotRun;
        }

        output.WriteLine($"{duration.TotalSeconds} s: proxy reset {proxy.Resets} connections ({proxy.Accepted} accepted, {proxy.BytesToClient} bytes delivered)");
        output.WriteLine($"INCR: {acknowledged} acknowledged, {unknown} unknown outcome (reported), {notRun} failed before sending; {violations} counters off");
        output.WriteLine($"GET: {reads} ({readErrors} errors); ECHO on the shared connection: {echoes} ({echoErrors} errors); {mismatches} replies to the wrong caller");
        Assert.Equal(0, mismatches);
        Assert.Equal(0, violations);
        Assert.True(proxy.Resets > 10, $"only {proxy.Resets} resets");
        Assert.True(unknown > 0, "no write ended with an unknown outcome: the resets did not hit a write in flight");
        Assert.True(acknowledged > 0 && reads > 0 && echoes > 0);
    }

    private sealed record CounterResult(string Key, long LastAcknowledged, long UnknownSinceLast, long Acknowledged, long Unknown, long NotRun, long Violations);

    // INCRs one key in sequence. Between two acknowledged INCRs the counter may only have moved by one plus the
    // number of INCRs in between whose outcome was reported unknown; more means a write was sent twice.
    private static async Task<CounterResult> CountAsync(RedisCluster cluster, string key, CancellationToken stop)
    {
        long last = 0, unknownSince = 0, acknowledged = 0, unknown = 0, notRun = 0, violations = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                long value = await cluster.IncrAsync(key);
                long unexplained = value - last - 1;
                if (unexplained < 0 || unexplained > unknownSince) violations++;
                last = value;
                unknownSince = 0;
                acknowledged++;
            }
            catch (RedisException e)
            {
                if (ConsistencyChecker.MayHaveRun(e))
                {
                    unknownSince++;
                    unknown++;
                }
                else
                {
                    notRun++;
                }
            }
        }

        return new(key, last, unknownSince, acknowledged, unknown, notRun, violations);
    }
}

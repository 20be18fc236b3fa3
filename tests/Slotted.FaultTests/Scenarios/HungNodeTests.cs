using System.Collections.Concurrent;
using System.Diagnostics;
using Slotted.FaultTests.Infrastructure;

namespace Slotted.FaultTests.Scenarios;

/// <summary>
/// Scenario 7: a primary paused with SIGSTOP (its sockets stay open, it answers nothing) for less than the node
/// timeout, then resumed with SIGCONT.
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Category", FaultCollection.Category)]
public sealed class HungNodeTests(FaultClusterFixture fixture, ITestOutputHelper output)
{
    private sealed record Call(bool OnHungNode, long StartedAt, long EndedAt, Exception? Error);

    [Fact]
    public async Task PausedPrimary_OthersKeepFlowing_ItsCallersTimeOut()
    {
        TimeSpan commandTimeout = TimeSpan.FromSeconds(1);
        TimeSpan pause = FaultClusterFixture.NodeTimeout - TimeSpan.FromMilliseconds(500); // no failover
        int rounds = Soak.Pick(1, 10);
        var options = new RedisClusterOptions
        {
            StartupNodes = RedisClusterOptions.Parse(fixture.StartupNodes).StartupNodes,
            CommandTimeout = commandTimeout,
        };
        await using RedisCluster cluster = await RedisCluster.ConnectAsync(options);
        await cluster.ExecuteAsync("PING"); // connections made and code paths compiled before the clock matters
        ClusterLayout layout = fixture.Layout();
        LayoutNode victim = layout.Primaries[0];
        string prefix = "hung:" + Guid.NewGuid().ToString("N")[..8] + ":";
        IReadOnlyList<string> hungKeys = TestKeys.OwnedBy(victim, prefix, 64);
        IReadOnlyList<string> otherKeys = [.. Enumerable.Range(0, 256).Select(i => prefix + "o" + i).Where(k => !victim.Owns(RedisCluster.GetSlot(k)))];
        var calls = new ConcurrentQueue<Call>();
        using var stop = new CancellationTokenSource();
        var workers = new List<Task>();
        for (int w = 0; w < 8; w++)
        {
            bool onHung = w % 2 == 0;
            IReadOnlyList<string> keys = onHung ? hungKeys : otherKeys;
            int seed = w;
            workers.Add(Task.Run(async () =>
            {
                var random = new Random(seed);
                while (!stop.IsCancellationRequested)
                {
                    string key = keys[random.Next(keys.Count)];
                    long started = Environment.TickCount64;
                    try
                    {
                        await cluster.SetAsync(key, started);
                        calls.Enqueue(new(onHung, started, Environment.TickCount64, null));
                    }
                    catch (RedisException e)
                    {
                        calls.Enqueue(new(onHung, started, Environment.TickCount64, e));
                    }
                }
            }));
        }

        // One synchronous caller too: it blocks its own thread and must be woken by the deadline as well.
        var syncWorker = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                long started = Environment.TickCount64;
                try
                {
                    cluster.Set(hungKeys[0], started);
                    calls.Enqueue(new(true, started, Environment.TickCount64, null));
                }
                catch (RedisException e)
                {
                    calls.Enqueue(new(true, started, Environment.TickCount64, e));
                }
            }
        });
        syncWorker.Start();
        var pauses = new List<(long From, long To)>();
        try
        {
            await Task.Delay(500);
            for (int round = 0; round < rounds; round++)
            {
                long from = Environment.TickCount64;
                fixture.Cluster.StopNode(victim.Port);
                await Task.Delay(pause);
                long to = Environment.TickCount64;
                fixture.Cluster.ContinueNode(victim.Port);
                pauses.Add((from, to));
                await Task.Delay(1500);
            }
        }
        finally
        {
            fixture.Cluster.ContinueNode(victim.Port);
            await stop.CancelAsync();
            await Task.WhenAll(workers);
            syncWorker.Join();
        }

        try
        {
            long timeoutMs = (long)commandTimeout.TotalMilliseconds;
            bool During(Call c) => pauses.Any(p => c.StartedAt >= p.From && c.StartedAt < p.To);
            bool After(Call c) => pauses.Any(p => c.StartedAt >= p.To + 500 && c.StartedAt < p.To + 1500);
            var others = calls.Where(c => !c.OnHungNode).ToList();
            var hung = calls.Where(c => c.OnHungNode).ToList();
            long slowestHung = hung.Max(c => c.EndedAt - c.StartedAt);
            output.WriteLine($"{victim.Port} paused {rounds} x {pause.TotalMilliseconds} ms; command timeout {timeoutMs} ms");
            output.WriteLine($"other primaries: {others.Count(During)} calls answered while paused, {others.Count(c => c.Error is not null)} errors in all");
            output.WriteLine($"paused primary: {hung.Count(c => c.Error is RedisTimeoutException)} timeouts, " +
                $"{hung.Count(c => c.Error is RedisConnectionException)} connection errors, " +
                $"{hung.Count(c => c.Error is not null and not RedisTimeoutException and not RedisConnectionException)} other errors, slowest call {slowestHung} ms, " +
                $"{hung.Count(c => After(c) && c.Error is null)} calls answered after it resumed");

            foreach (Call c in calls.Where(c => c.Error is not null || c.EndedAt - c.StartedAt > timeoutMs).OrderByDescending(c => c.EndedAt - c.StartedAt).Take(3))
            {
                output.WriteLine($"  slowest: {(c.OnHungNode ? "paused" : "other")} primary, started {c.StartedAt - pauses[0].From} ms after the pause, " +
                    $"took {c.EndedAt - c.StartedAt} ms: {c.Error?.GetType().Name} {c.Error?.Message}");
            }

            Assert.Empty(others.Where(c => c.Error is not null).Select(c => c.Error!.Message));
            Assert.True(others.Count(During) > 50, "commands to other primaries stopped flowing while one was paused");
            // A timeout; or, once a write blocked on the full socket for the whole timeout and the connection was
            // closed, a connection error (outcome unknown for what was written, "not sent" while reconnecting).
            Assert.All(hung.Where(c => c.Error is not null), c => Assert.True(
                c.Error is RedisTimeoutException or RedisConnectionException, c.Error!.ToString()));
            Assert.Contains(hung, c => c.Error is RedisTimeoutException);
            // Within the timeout plus scheduling delay on a loaded machine, and well short of the pause: not a hang.
            Assert.True(slowestHung <= timeoutMs + 1000, $"a call to the paused node took {slowestHung} ms");
            Assert.Contains(hung, c => After(c) && c.Error is null);
            Assert.DoesNotContain(hung, c => After(c) && c.Error is not null);
        }
        finally
        {
            fixture.Restore();
        }
    }

    [Fact]
    public async Task PausedPrimary_WriteLargerThanSocketBuffers_FailsWithinTimeoutInsteadOfBlocking()
    {
        TimeSpan commandTimeout = TimeSpan.FromSeconds(1);
        TimeSpan pause = FaultClusterFixture.NodeTimeout - TimeSpan.FromMilliseconds(500);
        var options = new RedisClusterOptions
        {
            StartupNodes = RedisClusterOptions.Parse(fixture.StartupNodes).StartupNodes,
            CommandTimeout = commandTimeout,
        };
        await using RedisCluster cluster = await RedisCluster.ConnectAsync(options);
        LayoutNode victim = fixture.Layout().Primaries[0];
        string key = TestKeys.OwnedBy(victim, "hungbig:" + Guid.NewGuid().ToString("N")[..8] + ":", 1)[0];
        await cluster.SetAsync(key, "warm");
        string value = new('x', 64 * 1024 * 1024); // far more than the loopback socket buffers hold
        fixture.Cluster.StopNode(victim.Port);
        Task resume = Task.Run(async () =>
        {
            await Task.Delay(pause);
            fixture.Cluster.ContinueNode(victim.Port); // whatever the client does: the test must not hang with it
        });
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();

            // The caller that flushes writes the bytes itself: once the paused node's buffers are full its Send
            // cannot progress, and without a send timeout it would block until the node is resumed.
            Exception? error = await Record.ExceptionAsync(async () => await cluster.SetAsync(key, value));
            TimeSpan took = watch.Elapsed;
            await resume;
            output.WriteLine($"64 MB SET to the paused {victim.Port}: {error?.GetType().Name} after {took.TotalMilliseconds:0} ms " +
                $"(command timeout {commandTimeout.TotalMilliseconds} ms, pause {pause.TotalMilliseconds} ms): {error?.Message}");
            Assert.True(took < commandTimeout + TimeSpan.FromSeconds(1), $"the call took {took.TotalMilliseconds:0} ms"); // a hang lasts the pause
            Assert.True(error is RedisTimeoutException or RedisConnectionException { OutcomeUnknown: true }, error?.ToString() ?? "no error");
            Assert.Equal("warm", (string?)await cluster.GetAsync(key)); // the cut-off SET never ran; the node is fine
        }
        finally
        {
            await resume;
            fixture.Restore();
        }
    }

    [Fact]
    public async Task PausedPrimary_ConnectingToIt_CallersGiveUpAtTheirDeadlineNotTheConnectTimeout()
    {
        TimeSpan commandTimeout = TimeSpan.FromSeconds(1);
        TimeSpan pause = FaultClusterFixture.NodeTimeout - TimeSpan.FromMilliseconds(500);
        ClusterLayout layout = fixture.Layout();
        LayoutNode victim = layout.Primaries[0];
        LayoutNode startup = layout.Primaries[1]; // so that the client holds no connection to the victim yet
        var options = new RedisClusterOptions
        {
            StartupNodes = [$"127.0.0.1:{startup.Port}"],
            CommandTimeout = commandTimeout,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        await using RedisCluster cluster = await RedisCluster.ConnectAsync(options);
        string key = TestKeys.OwnedBy(victim, "hungconnect:" + Guid.NewGuid().ToString("N")[..8] + ":", 1)[0];
        fixture.Cluster.StopNode(victim.Port);
        Task resume = Task.Run(async () =>
        {
            await Task.Delay(pause);
            fixture.Cluster.ContinueNode(victim.Port);
        });
        try
        {
            // A paused node still accepts TCP connections (the kernel does), but never answers the handshake.
            var watch = System.Diagnostics.Stopwatch.StartNew();
            Exception? error = await Record.ExceptionAsync(async () => await cluster.GetAsync(key));
            TimeSpan took = watch.Elapsed;
            output.WriteLine($"GET on the paused {victim.Port} with no connection yet: {error?.GetType().Name} after {took.TotalMilliseconds:0} ms " +
                $"(command timeout {commandTimeout.TotalMilliseconds} ms, connect timeout 5000 ms, pause {pause.TotalMilliseconds} ms): {error?.Message}");
            Assert.True(took < commandTimeout + TimeSpan.FromSeconds(1), $"the call took {took.TotalMilliseconds:0} ms"); // a hang lasts the pause
            Assert.IsAssignableFrom<RedisException>(error);
            await resume;
            Assert.True((await cluster.GetAsync(key)).IsNull); // and the node is used normally once it is back
        }
        finally
        {
            await resume;
            fixture.Restore();
        }
    }
}

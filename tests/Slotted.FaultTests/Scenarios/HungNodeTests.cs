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
        TimeSpan pause = FaultClusterFixture.NodeTimeout - TimeSpan.FromSeconds(1); // no failover
        int rounds = Soak.Pick(1, 10);
        var options = new RedisClusterOptions
        {
            StartupNodes = RedisClusterOptions.Parse(fixture.StartupNodes).StartupNodes,
            CommandTimeout = commandTimeout,
        };
        await using RedisCluster cluster = await RedisCluster.ConnectAsync(options);
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
                $"{hung.Count(c => c.Error is not null and not RedisTimeoutException)} other errors, slowest call {slowestHung} ms, " +
                $"{hung.Count(c => After(c) && c.Error is null)} calls answered after it resumed");

            Assert.Empty(others.Where(c => c.Error is not null).Select(c => c.Error!.Message));
            Assert.True(others.Count(During) > 50, "commands to other primaries stopped flowing while one was paused");
            Assert.All(hung.Where(c => c.Error is not null), c => Assert.IsType<RedisTimeoutException>(c.Error));
            Assert.Contains(hung, c => c.Error is RedisTimeoutException);
            Assert.True(slowestHung <= timeoutMs + 500, $"a call to the paused node took {slowestHung} ms");
            Assert.Contains(hung, c => After(c) && c.Error is null);
            Assert.DoesNotContain(hung, c => After(c) && c.Error is not null);
        }
        finally
        {
            fixture.Restore();
        }
    }
}

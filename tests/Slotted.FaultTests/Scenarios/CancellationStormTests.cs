using System.Globalization;
using Slotted.Connections;
using Slotted.FaultTests.Infrastructure;

namespace Slotted.FaultTests.Scenarios;

/// <summary>
/// Scenario 9: many concurrent callers, 5% of whose calls are cancelled at a random moment (before sending, while
/// in flight, or as the reply arrives). Every call that completes must get its own reply, and the client must be
/// left with one connection per node and nothing pending.
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Category", FaultCollection.Category)]
public sealed class CancellationStormTests(FaultClusterFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task FivePercentCancelled_NoMismatchedReplies_NoLeakedConnections()
    {
        int operations = Soak.Pick(1_000_000, 5_000_000);
        const int Concurrency = 64;
        const int KeyCount = 1000;
        string name = "storm-" + Guid.NewGuid().ToString("N")[..8];
        await using RedisCluster cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",name=" + name);
        string prefix = name + ":";
        for (int i = 0; i < KeyCount; i++) await cluster.SetAsync(prefix + i, Expected(i));

        long remaining = operations, completed = 0, cancelled = 0, mismatched = 0, errors = 0;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var workers = new Task[Concurrency];
        for (int w = 0; w < Concurrency; w++)
        {
            int seed = w;
            workers[w] = Task.Run(async () =>
            {
                var random = new Random(seed);
                while (Interlocked.Decrement(ref remaining) >= 0)
                {
                    int i = random.Next(KeyCount);
                    bool cancel = random.Next(100) < 5;
                    using var cts = cancel ? new CancellationTokenSource() : null;
                    try
                    {
                        ValueTask<RedisValue> call;
                        switch (cancel ? random.Next(3) : -1)
                        {
                            case 0: // cancelled before the call
                                cts!.Cancel();
                                call = cluster.GetAsync(prefix + i, cts.Token);
                                break;
                            case 1: // cancelled right after sending, racing the reply
                                call = cluster.GetAsync(prefix + i, cts!.Token);
                                cts.Cancel();
                                break;
                            case 2: // cancelled from a timer, at any point
                                cts!.CancelAfter(random.Next(0, 2));
                                call = cluster.GetAsync(prefix + i, cts.Token);
                                break;
                            default:
                                call = cluster.GetAsync(prefix + i);
                                break;
                        }

                        string? value = await call;
                        Interlocked.Increment(ref completed);
                        if (value != Expected(i)) Interlocked.Increment(ref mismatched);
                    }
                    catch (OperationCanceledException)
                    {
                        Interlocked.Increment(ref cancelled);
                    }
                    catch (RedisException)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
            });
        }

        await Task.WhenAll(workers);
        TimeSpan took = watch.Elapsed;

        // Every late reply of a cancelled call has been read and dropped: nothing stays pending on any connection.
        var endPoints = cluster.SlotMap.Primaries.Select(p => p.EndPoint).ToList();
        Poll.Until(() => endPoints.All(ep => Pending(cluster, ep) == 0), TimeSpan.FromSeconds(10), "pending replies to drain");
        var connections = fixture.Cluster.Ports.ToDictionary(p => p, p => ClientsNamed(p, name));
        output.WriteLine($"{operations} GETs x {Concurrency} callers in {took.TotalSeconds:0.0} s: {completed} answered, {cancelled} cancelled, " +
            $"{errors} errors, {mismatched} mismatched");
        output.WriteLine($"connections named {name} per node: {string.Join(", ", connections.Select(kv => $"{kv.Key}: {kv.Value}"))}");

        Assert.Equal(0, mismatched);
        Assert.Equal(0, errors);
        Assert.Equal(operations, completed + cancelled);
        Assert.InRange(cancelled, 1, operations / 10);
        // One shared connection per node used (the primaries, and the node the slot map was loaded from), none leaked.
        Assert.All(connections.Values, n => Assert.InRange(n, 0, 1));
        Assert.All(endPoints, ep => Assert.Equal(1, connections[RedisClusterOptions.ParseEndPoint(ep).Port]));

        // The connections still work, in order.
        for (int i = 0; i < 100; i++) Assert.Equal(Expected(i), (string?)await cluster.GetAsync(prefix + i));
    }

    private static string Expected(int i) => "value-" + i.ToString(CultureInfo.InvariantCulture);

    private static int Pending(RedisCluster cluster, string endPoint)
    {
        NodeConnection node = cluster.Executor.GetNode(endPoint);
        return node.IsConnected ? node.GetShared().PendingCount : 0;
    }

    private int ClientsNamed(int port, string name) =>
        fixture.Cluster.RedisCli(port, "CLIENT", "LIST").Split('\n').Count(line => line.Contains(" name=" + name + " ", StringComparison.Ordinal));
}

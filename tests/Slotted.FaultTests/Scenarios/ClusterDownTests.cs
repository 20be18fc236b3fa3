using System.Collections.Concurrent;
using Slotted.Cli.Consistency;
using Slotted.FaultTests.Infrastructure;

namespace Slotted.FaultTests.Scenarios;

/// <summary>
/// Scenario 6: a primary and its replica both killed, so that no node can take over their slots and the cluster
/// reports CLUSTERDOWN; then the primary comes back.
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Category", FaultCollection.Category)]
public sealed class ClusterDownTests(FaultClusterFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task PrimaryAndReplicaDown_TypedErrorsWithinTimeout_RefreshesRateLimited_RecoversOnceBack()
    {
        TimeSpan commandTimeout = TimeSpan.FromSeconds(2);
        TimeSpan down = Soak.Pick(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(30));
        var options = new RedisClusterOptions
        {
            StartupNodes = RedisClusterOptions.Parse(fixture.StartupNodes).StartupNodes,
            CommandTimeout = commandTimeout,
            TopologyRefreshInterval = TimeSpan.Zero,
        };
        await using RedisCluster cluster = await RedisCluster.ConnectAsync(options);
        ClusterLayout layout = fixture.Layout();
        LayoutNode victim = layout.Primaries[0];
        LayoutNode replica = layout.ReplicasOf(victim)[0];
        LayoutNode survivor = layout.Primaries[1];
        var errors = new ConcurrentQueue<ConsistencyOperation>();
        long backAt = long.MaxValue, firstSuccessAfterBack = 0, firstVictimSuccessAfterBack = 0, slowest = 0;
        var load = ConsistencyLoad.Start(cluster, workers: 4, o =>
        {
            long took = o.EndedAt - o.StartedAt;
            long seen;
            while (took > (seen = Interlocked.Read(ref slowest)) && Interlocked.CompareExchange(ref slowest, took, seen) != seen)
            {
            }

            if (o.Error is not null)
            {
                errors.Enqueue(o);
            }
            else if (o.StartedAt > Volatile.Read(ref backAt))
            {
                Interlocked.CompareExchange(ref firstSuccessAfterBack, o.EndedAt, 0);
                if (victim.Owns(RedisCluster.GetSlot(o.Key))) Interlocked.CompareExchange(ref firstVictimSuccessAfterBack, o.EndedAt, 0);
            }
        });
        try
        {
            await load.WaitForProgressAsync(500, TimeSpan.FromSeconds(10));
            long killedAt = Environment.TickCount64;
            fixture.Cluster.KillNode(replica.Port); // the replica first, so that it cannot take over
            fixture.Cluster.KillNode(victim.Port);
            Poll.Until(() => fixture.Cluster.RedisCli(survivor.Port, "CLUSTER", "INFO").Contains("cluster_state:fail", StringComparison.Ordinal),
                TimeSpan.FromSeconds(30), "the cluster to report cluster_state:fail");
            long downAt = Environment.TickCount64;
            int refreshesAtDown = cluster.Executor.Topology.RefreshCount;
            await Task.Delay(down);
            int refreshesWhileDown = cluster.Executor.Topology.RefreshCount - refreshesAtDown;

            Volatile.Write(ref backAt, Environment.TickCount64);
            fixture.Cluster.RestartNode(victim.Port);
            Poll.Until(() => Volatile.Read(ref firstVictimSuccessAfterBack) != 0 && Volatile.Read(ref firstSuccessAfterBack) != 0,
                TimeSpan.FromSeconds(30), "commands to succeed again after the primary restarted");
            await load.StopAsync();

            var byType = errors.GroupBy(o => o.Error!.GetType().Name).ToDictionary(g => g.Key, g => g.Count());
            var whileDown = errors.Where(o => o.StartedAt >= downAt && o.StartedAt < backAt).ToList();
            output.WriteLine($"killed {replica.Port} and {victim.Port}; cluster_state:fail after {downAt - killedAt} ms; down for {down.TotalSeconds} s");
            output.WriteLine($"errors: {string.Join(", ", byType.Select(kv => $"{kv.Key} {kv.Value}"))}; slowest call {slowest} ms (command timeout {commandTimeout.TotalMilliseconds} ms)");
            output.WriteLine($"{refreshesWhileDown} slot-map refreshes while down (min interval {cluster.Options.MinTopologyRefreshInterval.TotalMilliseconds} ms)");
            output.WriteLine($"after the restart: first success {firstSuccessAfterBack - backAt} ms, first on its slots {firstVictimSuccessAfterBack - backAt} ms; {load.Counts}");

            foreach (ConsistencyOperation o in errors)
            {
                output.WriteLine($"  +{o.StartedAt - killedAt} ms, {o.EndedAt - o.StartedAt} ms: {(o.IsWrite ? "INCR" : "GET")} slot {RedisCluster.GetSlot(o.Key)} " +
                    $"({(victim.Owns(RedisCluster.GetSlot(o.Key)) ? "dead shard" : "live shard")}): {o.Error!.GetType().Name}: {o.Error.Message}");
            }

            Assert.NotEmpty(whileDown);
            Assert.All(whileDown, o => Assert.True(
                o.Error is RedisClusterDownException || (o.Error is RedisConnectionException && victim.Owns(RedisCluster.GetSlot(o.Key))),
                $"{o.Key}: {o.Error!.GetType().Name}: {o.Error.Message}"));
            Assert.True(slowest <= commandTimeout.TotalMilliseconds + 1000, $"a call took {slowest} ms");
            Assert.InRange(refreshesWhileDown, 1, (int)(down / cluster.Options.MinTopologyRefreshInterval) + 2);
            Assert.True(firstVictimSuccessAfterBack - backAt < 15_000, $"recovered {firstVictimSuccessAfterBack - backAt} ms after the restart");
            Assert.Equal(0, load.Counts.Duplicated);
        }
        finally
        {
            await load.DisposeAsync();
            fixture.Restore();
        }
    }
}

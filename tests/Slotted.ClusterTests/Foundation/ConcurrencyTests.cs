using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.Foundation;

[Collection("cluster")]
public sealed class ConcurrencyTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ManyCallers_EveryReplyMatchesItsCaller()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string run = Guid.NewGuid().ToString("N");
        int mismatches = 0;
        var tasks = Enumerable.Range(0, 64).Select(t => Task.Run(async () =>
        {
            for (int i = 0; i < 1000; i++)
            {
                string key = $"conc:{run}:{t}:{i % 37}";
                string value = $"{key}={i}";
                if (i % 2 == 0)
                {
                    await cluster.SetAsync(key, value);
                    if ((string?)await cluster.GetAsync(key) != value) Interlocked.Increment(ref mismatches);
                }
                else
                {
                    // An echo of the key names the caller too, and checks replies of another type.
                    string echoed = (await cluster.ExecuteAsync("ECHO", value)).ToString()!;
                    if (echoed != value) Interlocked.Increment(ref mismatches);
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        Assert.Equal(0, mismatches);
    }

    [Fact]
    public async Task SyncCallers_StarvedThreadPool_StillComplete()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string key = $"starve:{Guid.NewGuid():N}";
        await cluster.SetAsync(key, "0");
        using var release = new ManualResetEventSlim(false);
        ThreadPool.GetMinThreads(out int minWorkers, out _);
        int blockers = Math.Max(minWorkers, ThreadPool.ThreadCount) + 4;
        int started = 0;
        for (int i = 0; i < blockers; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                Interlocked.Increment(ref started);
                release.Wait(TimeSpan.FromSeconds(30));
            }, null);
        }
        try
        {
            // Every blocker holds its thread before the calls start, so none waits in the pool's queue
            // ahead of the calls' continuations (on a busy machine the pool may first have to add threads).
            var ready = DateTime.UtcNow.AddSeconds(30);
            while (Volatile.Read(ref started) < blockers && DateTime.UtcNow < ready) await Task.Delay(20);
            Assert.Equal(blockers, Volatile.Read(ref started));
            long done = 0;
            Exception? failure = null;
            var worker = new Thread(() =>
            {
                try
                {
                    for (int i = 0; i < 200; i++)
                    {
                        cluster.Incr(key);
                        cluster.Get(key);
                        done++;
                    }
                }
                catch (Exception ex)
                {
                    failure = ex;
                }
            });
            var watch = System.Diagnostics.Stopwatch.StartNew();
            worker.Start();
            Assert.True(worker.Join(TimeSpan.FromSeconds(10)), $"sync calls stalled under starvation after {done} iterations");
            Assert.Null(failure);
            Assert.Equal(200, done);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
        }
        finally
        {
            release.Set();
        }
        Assert.Equal(200, (long)await cluster.GetAsync(key));
    }

    [Fact]
    public async Task AsyncCallers_MostPoolThreadsBlocked_StillComplete()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string key = $"starve-async:{Guid.NewGuid():N}";
        using var release = new ManualResetEventSlim(false);
        ThreadPool.GetMinThreads(out int minWorkers, out _);
        int blockers = Math.Max(1, Math.Max(minWorkers, ThreadPool.ThreadCount) - 1);
        int started = 0;
        for (int i = 0; i < blockers; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                Interlocked.Increment(ref started);
                release.Wait(TimeSpan.FromSeconds(30));
            }, null);
        }
        try
        {
            // Every blocker holds its thread before the calls start, so none waits in the pool's queue
            // ahead of the calls' continuations (on a busy machine the pool may first have to add threads).
            var ready = DateTime.UtcNow.AddSeconds(30);
            while (Volatile.Read(ref started) < blockers && DateTime.UtcNow < ready) await Task.Delay(20);
            Assert.Equal(blockers, Volatile.Read(ref started));
            var run = Task.Run(async () =>
            {
                for (int i = 0; i < 200; i++) await cluster.IncrAsync(key);
            });
            Assert.True(await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(15))) == run, "async calls stalled with most pool threads blocked");
            await run;
        }
        finally
        {
            release.Set();
        }
        Assert.Equal(200, (long)await cluster.GetAsync(key));
    }
}

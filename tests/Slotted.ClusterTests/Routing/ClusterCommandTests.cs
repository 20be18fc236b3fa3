using Slotted.ClusterTests.Infrastructure;

namespace Slotted.ClusterTests.Routing;

/// <summary>
/// The pooled command objects of the hot path: a reply that arrives after its caller gave up (a
/// cancellation or a timeout) must be dropped even when the object that waited for it already
/// serves another caller.
/// </summary>
[Collection("cluster")]
public sealed class ClusterCommandTests(ClusterFixture fixture)
{
    [Fact]
    public async Task CancelledAsync_LateReplyArrives_NeverReachesAReusedCommand()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string key = $"reuse:{Guid.NewGuid():N}";
        int slot = RedisCluster.GetSlot(key);
        await cluster.SetAsync(key, "mine");
        for (int round = 0; round < 3; round++)
        {
            using var cts = new CancellationTokenSource();
            // DEBUG SLEEP on the key's own connection: its "+OK" comes late, after the callers below queued.
            var slow = cluster.Executor.ExecuteAsync(["DEBUG", "SLEEP", "0.3"], slot, readOnly: false, cts.Token).AsTask();
            cts.CancelAfter(50);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slow);
            // The cancelled command went back to the pool; these reuse pooled objects of the same type.
            var gets = Enumerable.Range(0, 64)
                .Select(_ => cluster.Executor.ExecuteAsync(["GET", key], slot, readOnly: true, CancellationToken.None).AsTask())
                .ToArray();
            foreach (var reply in await Task.WhenAll(gets)) Assert.Equal("mine", reply.ToString());
        }
    }

    [Fact]
    public async Task TimedOutSync_LateReplyArrives_NextCallsGetTheirOwnReplies()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",commandTimeout=1000");
        string key = $"reuse-sync:{Guid.NewGuid():N}";
        int slot = RedisCluster.GetSlot(key);
        cluster.Set(key, "42");
        Assert.Throws<RedisTimeoutException>(() => cluster.Executor.Execute(["DEBUG", "SLEEP", "1.4"], slot, readOnly: false));
        // Queued behind the sleeping command, on a pooled object of the same type as the one that
        // timed out: the late "+OK" must not become this GET's reply.
        Assert.Equal("42", cluster.Executor.Execute(["GET", key], slot, readOnly: true).ToString());
        for (int i = 0; i < 100; i++)
        {
            Assert.True(cluster.Set(key, i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal(i, (long)cluster.Get(key));
        }
    }

    [Fact]
    public async Task TypedAndRawCallers_Interleaved_EachGetsItsOwnReplyType()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        string run = Guid.NewGuid().ToString("N");
        var tasks = Enumerable.Range(0, 32).Select(t => Task.Run(async () =>
        {
            for (int i = 0; i < 200; i++)
            {
                string key = $"mix:{run}:{t}:{i % 13}";
                Assert.True(await cluster.SetAsync(key, $"v{i}"));
                Assert.Equal($"v{i}", (string?)await cluster.GetAsync(key));
                Assert.Equal(1, (await cluster.ExecuteAsync("EXISTS", key)).ToInt64());
                Assert.Equal($"v{i}", (string?)cluster.Get(key));
            }
        })).ToArray();
        await Task.WhenAll(tasks);
    }

    [Fact]
    public async Task SyncMultiKey_NodesNotConnectedYet_HandshakeIsNotHeldBack()
    {
        // The per-slot commands are queued in one corked scope; a node connected from inside it
        // must still get its handshake out.
        string run = Guid.NewGuid().ToString("N");
        var keys = Enumerable.Range(0, 64).Select(i => (RedisKey)$"fresh:{run}:{i}").ToArray();
        await using (var writer = await RedisCluster.ConnectAsync(fixture.StartupNodes))
        {
            foreach (var key in keys) await writer.SetAsync(key, key.ToString());
        }
        using var cluster = RedisCluster.Connect(fixture.StartupNodes);
        var values = cluster.MGet(keys);
        Assert.Equal(keys.Select(k => k.ToString()), values.Select(v => v.ToString()));
    }
}

using System.Net;
using Slotted.FaultTests.Infrastructure;

namespace Slotted.FaultTests.Scenarios;

/// <summary>
/// A node whose port refused connections (it was down) and then listens again must be reconnected to. The node is
/// played by a <see cref="FaultProxy"/> that starts listening on the refused port and forwards to a real primary.
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Category", FaultCollection.Category)]
public sealed class NodeComesBackTests(FaultClusterFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task ConnectionRefused_ThenNodeListens_ReconnectsWithinTheBackoff()
    {
        await using RedisCluster cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        int port = FaultProxy.FreePort();
        string endPoint = "127.0.0.1:" + port;
        RedisValue[] ping = ["PING"];

        // Refused a few times (loopback refuses at once, so the connect attempt fails synchronously).
        for (int i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<RedisConnectionException>(async () => await cluster.Executor.ExecuteOnNodeAsync(endPoint, ping, CancellationToken.None));
            await Task.Delay(100);
        }

        LayoutNode primary = fixture.Layout().Primaries[0];
        using var node = new FaultProxy(new IPEndPoint(IPAddress.Loopback, primary.Port), port);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Exception? last = null;
        while (watch.Elapsed < TimeSpan.FromSeconds(6))
        {
            try
            {
                RedisResult reply = await cluster.Executor.ExecuteOnNodeAsync(endPoint, ping, CancellationToken.None);
                output.WriteLine($"{endPoint} answered {reply} {watch.ElapsedMilliseconds} ms after it started listening");
                Assert.Equal("PONG", reply.ToString());
                return;
            }
            catch (RedisConnectionException e)
            {
                last = e;
                await Task.Delay(50);
            }
        }

        Assert.Fail($"{endPoint} listens again but the client still cannot reach it after 6 s (reconnect back-off is at most 2 s): {last?.Message}");
    }
}

using System.Net;
using System.Net.Sockets;
using Slotted.ClusterTests.Infrastructure;
using Slotted.Connections;
using Slotted.Protocol;

namespace Slotted.ClusterTests.Foundation;

/// <summary>
/// How replies are read: on Linux every connection is watched by the shared epoll poller; elsewhere
/// (and with the internal <c>OwnReaderThreads</c> switch) each connection has a reader thread.
/// Both paths must give the same answers.
/// </summary>
[Collection("cluster")]
public sealed class ReadPathTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Poller_WatchesAConnectionUntilItCloses_AndDeliversItsReplies()
    {
        if (!OperatingSystem.IsLinux()) return; // the epoll poller exists on Linux only
        var (connection, key) = await OpenOwnerAsync();
        Assert.True(connection.IsPolled);
        var ping = connection.Send([(RedisValue)"PING"], Environment.TickCount64 + 5000, asking: false, CancellationToken.None);
        Assert.Equal("PONG", (await ping.Task).ToString());

        // A command the server holds (BLPOP) is failed when the client closes the connection, and the poller forgets it.
        var blocked = connection.Send([(RedisValue)"BLPOP", (RedisValue)key, (RedisValue)"0"], Environment.TickCount64 + 60_000, asking: false, CancellationToken.None);
        await Task.Delay(200);
        Assert.False(blocked.Task.IsCompleted);
        connection.Dispose();
        var error = await Assert.ThrowsAsync<RedisConnectionException>(async () => await blocked.Task);
        Assert.True(error.OutcomeUnknown);
        Assert.False(connection.IsPolled);
    }

    [Fact]
    public async Task Poller_ServerClosingTheConnection_FailsIt()
    {
        if (!OperatingSystem.IsLinux()) return; // the epoll poller exists on Linux only
        var connection = Open(ownReaderThread: false);
        var failed = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Failed += (_, ex) => failed.TrySetResult(ex);
        var reply = connection.Send([(RedisValue)"CLIENT", (RedisValue)"KILL", (RedisValue)"SKIPME", (RedisValue)"no", (RedisValue)"ID", (RedisValue)(await ClientIdAsync(connection))],
            Environment.TickCount64 + 5000, asking: false, CancellationToken.None);
        try
        {
            await reply.Task; // the server may answer before it closes the connection
        }
        catch (RedisConnectionException)
        {
        }
        var cause = await failed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.IsType<RedisConnectionException>(cause);
        Assert.False(connection.IsAlive);
        Assert.False(connection.IsPolled);
    }

    [Fact]
    public async Task OwnReaderThreads_CommandsMultiKeyAndPipelines_GiveTheSameAnswers()
    {
        var options = RedisClusterOptions.Parse(fixture.StartupNodes) with { OwnReaderThreads = true };
        await using var cluster = await RedisCluster.ConnectAsync(options);
        string prefix = $"own-reader:{Guid.NewGuid():N}:";
        var names = Enumerable.Range(0, 300).Select(i => prefix + i).ToArray();
        var keys = names.Select(n => (RedisKey)n).ToArray();
        var counters = names.Select(n => (RedisKey)(n + ":n")).ToArray();
        for (int i = 0; i < keys.Length; i += 3) Assert.True(await cluster.SetAsync(keys[i], $"v{i}"));
        var values = await cluster.MGetAsync(keys);
        for (int i = 0; i < keys.Length; i++) Assert.Equal(i % 3 == 0 ? $"v{i}" : null, (string?)values[i]);
        Assert.Equal(values.Select(v => (string?)v), cluster.MGet(keys).Select(v => (string?)v));

        var pipeline = cluster.CreatePipeline();
        var incrs = counters.Select(pipeline.IncrAsync).ToArray();
        await pipeline.ExecuteAsync();
        Assert.All(incrs, t => Assert.Equal(1, t.Result));
        Assert.Equal(keys.Length, await cluster.DelAsync(counters));
        Assert.Equal(keys.Length / 3, cluster.Del(keys));
    }

    [Fact]
    public async Task Timeout_CommandWithAnEarlierDeadlineQueuedBehindALaterOne_TimesOutAtItsOwn()
    {
        var (connection, key) = await OpenOwnerAsync();
        try
        {
            // The server holds the BLPOP (and so everything behind it on this connection) for a minute.
            var blocked = connection.Send([(RedisValue)"BLPOP", (RedisValue)key, (RedisValue)"0"], Environment.TickCount64 + 60_000, asking: false, CancellationToken.None);
            var ping = connection.Send([(RedisValue)"PING"], Environment.TickCount64 + 300, asking: false, CancellationToken.None);
            var waited = System.Diagnostics.Stopwatch.StartNew();
            await Assert.ThrowsAsync<RedisTimeoutException>(async () => await ping.Task);
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"the PING timed out only after {waited.Elapsed}");
            Assert.False(blocked.Task.IsCompleted);
        }
        finally
        {
            connection.Dispose();
        }
    }

    /// <summary>A key and a connection to the primary that serves it (so BLPOP on it blocks instead of answering MOVED).</summary>
    private async Task<(PhysicalConnection Connection, string Key)> OpenOwnerAsync()
    {
        string key = $"read-path:{Guid.NewGuid():N}";
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes);
        return (Open(ownReaderThread: false, cluster.GetNodeForKey(key)!), key);
    }

    private PhysicalConnection Open(bool ownReaderThread, string? endPoint = null)
    {
        endPoint ??= fixture.Cluster.StartupNodes.Split(',')[0];
        int port = int.Parse(endPoint[(endPoint.LastIndexOf(':') + 1)..]);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect(IPAddress.Loopback, port);
        var connection = new PhysicalConnection(new SocketTransport(socket), endPoint, RespReaderOptions.Default, ownReaderThread);
        connection.Start();
        return connection;
    }

    private static async Task<long> ClientIdAsync(PhysicalConnection connection)
    {
        var id = connection.Send([(RedisValue)"CLIENT", (RedisValue)"ID"], Environment.TickCount64 + 5000, asking: false, CancellationToken.None);
        return (await id.Task).ToInt64();
    }
}

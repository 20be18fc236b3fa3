using Slotted.Connections;
using Slotted.Routing;
using Slotted.Topology;

namespace Slotted.Tests.Routing;

public sealed class RetryStateTests : IDisposable
{
    // A refresher whose refreshes (triggered by the states under test) find no node and fail quietly.
    private readonly TopologyRefresher _topology;

    public RetryStateTests()
    {
        var options = new RedisClusterOptions { StartupNodes = ["127.0.0.1:1"], TopologyRefreshInterval = TimeSpan.Zero };
        var settings = new ConnectionSettings(options);
        _topology = new TopologyRefresher(options.StartupNodes, ep => new NodeConnection(ep, settings), options, null);
    }

    public void Dispose() => _topology.Dispose();

    [Fact]
    public void OnConnectionError_NotSent_RetryAfterRefreshWithinTheBackoff()
    {
        var state = new RetryState(Environment.TickCount64 + 5000, 16);
        var action = state.OnConnectionError(new RedisConnectionException("refused", "127.0.0.1:1"), readOnly: false, _topology);
        Assert.Equal(RetryAction.RetryAfterRefresh, action);
        Assert.InRange(state.DelayMilliseconds, 1, 500);
        Assert.False(state.Expired);
    }

    [Fact]
    public void OnConnectionError_WriteWithUnknownOutcome_Throws()
    {
        var state = new RetryState(Environment.TickCount64 + 5000, 16);
        var error = new RedisConnectionException("lost after sending", "127.0.0.1:1", outcomeUnknown: true);
        Assert.Equal(RetryAction.Throw, state.OnConnectionError(error, readOnly: false, _topology));
        Assert.Same(error, state.Error);
    }

    [Fact]
    public void OnNoOwner_RetryAfterRefresh()
    {
        var state = new RetryState(Environment.TickCount64 + 5000, 16);
        Assert.Equal(RetryAction.RetryAfterRefresh, state.OnNoOwner(42, _topology));
        Assert.IsType<RedisClusterDownException>(state.Error);
    }

    [Fact]
    public void OnReply_ClusterDownAtTheDeadline_BackoffEndsAtTheDeadlineAndExpiredGivesTheLastError()
    {
        var state = new RetryState(Environment.TickCount64 + 30, 16);
        var action = state.OnReply(RedisResult.Error("CLUSTERDOWN The cluster is down"), "127.0.0.1:1", 42, _topology);
        Assert.Equal(RetryAction.RetryAfterDelay, action);
        Assert.InRange(state.DelayMilliseconds, 0, 30); // never sleeps past the deadline
        Thread.Sleep(40);
        Assert.True(state.Expired); // the loop stops here rather than send with no time left
        Assert.IsType<RedisClusterDownException>(state.ExpiredError());
    }

    [Fact]
    public void ExpiredError_AfterRedirectsOnly_TimeoutSayingItWasNotRun()
    {
        var state = new RetryState(Environment.TickCount64 - 1, 16);
        Assert.Equal(RetryAction.Retry, state.OnReply(RedisResult.Error("MOVED 42 127.0.0.1:2"), "127.0.0.1:1", 42, _topology));
        Assert.True(state.Expired);
        var error = Assert.IsType<RedisTimeoutException>(state.ExpiredError());
        Assert.Contains("not run", error.Message, StringComparison.Ordinal);
    }
}

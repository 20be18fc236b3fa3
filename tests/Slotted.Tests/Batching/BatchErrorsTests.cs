using Slotted.Batching;

namespace Slotted.Tests.Batching;

public sealed class BatchErrorsTests
{
    [Fact]
    public void ToResult_ServerError_KeepsServerMessage()
    {
        var result = BatchErrors.ToResult(new RedisWrongTypeException("WRONGTYPE Operation against a key holding the wrong kind of value", "127.0.0.1:7000"));
        Assert.True(result.IsError);
        Assert.Equal("WRONGTYPE", result.ErrorPrefix);
        Assert.Equal("WRONGTYPE Operation against a key holding the wrong kind of value", result.Value.ToString());
    }

    [Fact]
    public void ToResult_ConnectionLostAfterWrite_ConnectionPrefixAndOutcomeInMessage()
    {
        var error = new RedisConnectionException("The connection to n:1 was lost after the command was sent; it may or may not have run.", "n:1", outcomeUnknown: true);
        var result = BatchErrors.ToResult(error);
        Assert.Equal("CONNECTION", result.ErrorPrefix);
        Assert.Contains("may or may not have run", result.Value.ToString());
    }

    [Theory]
    [InlineData("CLUSTERDOWN The cluster is down", "CLUSTERDOWN The cluster is down")]
    [InlineData("No node serves slot 5", "CLUSTERDOWN No node serves slot 5")]
    public void ToResult_ClusterDown_PrefixedOnce(string message, string expected) =>
        Assert.Equal(expected, BatchErrors.ToResult(new RedisClusterDownException(message)).Value.ToString());

    [Fact]
    public void ToResult_KindsWithoutServerPrefix_NamedByKind()
    {
        Assert.Equal("TIMEOUT", BatchErrors.ToResult(new RedisTimeoutException("late")).ErrorPrefix);
        Assert.Equal("REDIRECTLIMIT", BatchErrors.ToResult(new RedisRedirectLimitException(7, ["a:1", "b:2"], 16)).ErrorPrefix);
        Assert.Equal("CROSSSLOT", BatchErrors.ToResult(new RedisCrossSlotException("keys differ")).ErrorPrefix);
        Assert.Equal("ERR", BatchErrors.ToResult(new InvalidOperationException("odd")).ErrorPrefix);
    }
}

using Slotted.Protocol;

namespace Slotted.Tests.Protocol;

public sealed class RedirectParserTests
{
    [Theory]
    [InlineData("MOVED 3999 127.0.0.1:6381", "Moved", 3999, "127.0.0.1:6381")]
    [InlineData("ASK 3999 127.0.0.1:6381", "Ask", 3999, "127.0.0.1:6381")]
    [InlineData("MOVED 0 redis-1.example.com:7000", "Moved", 0, "redis-1.example.com:7000")]
    [InlineData("ASK 16383 10.0.0.5:65535", "Ask", 16383, "10.0.0.5:65535")]
    [InlineData("MOVED 3999 :6381", "Moved", 3999, ":6381")]
    [InlineData("ASK 12182 :7001", "Ask", 12182, ":7001")]
    [InlineData("MOVED 866 ::1:6379", "Moved", 866, "::1:6379")]
    [InlineData("MOVED 866 ?:6379", "Moved", 866, "?:6379")]
    public void TryParse_Redirect_ReturnsKindSlotAndEndPoint(string message, string kind, int slot, string endPoint)
    {
        Assert.True(RedirectParser.TryParse(message, out RedirectKind actualKind, out int actualSlot, out string actualEndPoint));
        Assert.Equal(Enum.Parse<RedirectKind>(kind), actualKind);
        Assert.Equal(slot, actualSlot);
        Assert.Equal(endPoint, actualEndPoint);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ERR unknown command")]
    [InlineData("CLUSTERDOWN The cluster is down")]
    [InlineData("TRYAGAIN Multiple keys request during rehashing of slot")]
    [InlineData("MOVED")]
    [InlineData("MOVED ")]
    [InlineData("MOVED 3999")]
    [InlineData("MOVED 3999 ")]
    [InlineData("MOVED  3999 127.0.0.1:6381")]
    [InlineData("MOVED abc 127.0.0.1:6381")]
    [InlineData("MOVED -1 127.0.0.1:6381")]
    [InlineData("MOVED +1 127.0.0.1:6381")]
    [InlineData("MOVED 16384 127.0.0.1:6381")]
    [InlineData("MOVED 99999999999 127.0.0.1:6381")]
    [InlineData("MOVED 1 127.0.0.1")]
    [InlineData("MOVED 1 127.0.0.1:")]
    [InlineData("MOVED 1 127.0.0.1:abc")]
    [InlineData("MOVED 1 127.0.0.1:0")]
    [InlineData("MOVED 1 127.0.0.1:65536")]
    [InlineData("MOVED 1 127.0.0.1:+1")]
    [InlineData("MOVED 1 127.0.0.1:6381 extra")]
    [InlineData("moved 1 127.0.0.1:6381")]
    [InlineData("ASKING 1 127.0.0.1:6381")]
    [InlineData("-MOVED 1 127.0.0.1:6381")]
    public void TryParse_NotARedirect_ReturnsFalse(string message)
    {
        Assert.False(RedirectParser.TryParse(message, out _, out int slot, out string endPoint));
        Assert.Equal(-1, slot);
        Assert.Equal("", endPoint);
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse()
    {
        Assert.False(RedirectParser.TryParse(null!, out _, out _, out _));
    }
}

namespace Slotted.Tests.Diagnostics;

/// <summary>Telemetry names an error reply's exception type without creating it; the name must be the type <see cref="ErrorMapper"/> throws.</summary>
public sealed class ErrorTypeNamesTests
{
    [Theory]
    [InlineData("WRONGTYPE Operation against a key holding the wrong kind of value")]
    [InlineData("NOSCRIPT No matching script")]
    [InlineData("READONLY You can't write against a read only replica.")]
    [InlineData("CROSSSLOT Keys in request don't hash to the same slot")]
    [InlineData("CLUSTERDOWN The cluster is down")]
    [InlineData("WRONGPASS invalid username-password pair")]
    [InlineData("NOAUTH Authentication required.")]
    [InlineData("ERR unknown command")]
    [InlineData("BUSYKEY Target key name already exists.")]
    public void TypeNameOf_ErrorPrefix_TheTypeFromServerCreates(string message)
    {
        string prefix = message.Split(' ')[0];
        Assert.Equal(ErrorMapper.FromServer(message, "127.0.0.1:7000").GetType().Name, ErrorMapper.TypeNameOf(prefix));
    }
}

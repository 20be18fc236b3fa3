using System.Text;
using Slotted.Diagnostics;

namespace Slotted.Tests.Diagnostics;

public sealed class CommandNamesTests
{
    private static byte[] Resp(params RedisValue[] parts) => Slotted.Tests.Protocol.RespWriterTests.Write(parts);

    [Theory]
    [InlineData("GET", "GET")]
    [InlineData("get", "GET")]
    [InlineData("hGetAll", "HGETALL")]
    public void Find_KnownCommand_TheTablesUpperCaseName(string sent, string expected) =>
        Assert.Equal(expected, CommandNames.Find(Resp(sent, "secret-key")));

    [Fact]
    public void Find_ContainerWithSubcommand_ContainerBarSubcommand() =>
        Assert.Equal("CONFIG|GET", CommandNames.Find(Resp("config", "get", "maxmemory")));

    [Fact]
    public void Find_ContainerWithUnknownSubcommand_Container() =>
        Assert.Equal("CLIENT", CommandNames.Find(Resp("CLIENT", "nonsense")));

    [Fact]
    public void Find_NameOnly_Name() => Assert.Equal("PING", CommandNames.Find(Resp("PING")));

    [Fact]
    public void ForMetrics_UnknownCommand_Other() => Assert.Equal("other", CommandNames.ForMetrics(Resp("FT.SEARCH", "idx", "query")));

    [Fact]
    public void ForActivity_UnknownCommand_ItsNameUpperCased() => Assert.Equal("FT.SEARCH", CommandNames.ForActivity(Resp("ft.search", "idx", "query")));

    [Fact]
    public void ForActivity_UnknownLongOrBinaryName_Other()
    {
        Assert.Equal("other", CommandNames.ForActivity(Resp(new string('x', 65))));
        Assert.Equal("other", CommandNames.ForActivity(Resp(new byte[] { 0xC3, 0xA9 })));
    }

    [Theory]
    [InlineData("")]
    [InlineData("GET key\r\n")]
    [InlineData("*1\r\n")]
    [InlineData("*1\r\n$3\r\nGE")]
    [InlineData("*1\r\n$x\r\nGET\r\n")]
    [InlineData("*1\r\n$-1\r\n")]
    public void Find_MalformedOrTruncated_Null(string resp)
    {
        Assert.Null(CommandNames.Find(Encoding.ASCII.GetBytes(resp)));
        Assert.Equal("other", CommandNames.ForActivity(Encoding.ASCII.GetBytes(resp)));
    }
}

namespace Slotted.Tests.Commands;

/// <summary>The parsed node-level replies: INFO, CLIENT LIST, SLOWLOG GET, CLIENT KILL filters.</summary>
public sealed class NodeRepliesTests
{
    private const string InfoText = "# Server\r\nredis_version:7.0.15\r\ntcp_port:7000\r\n\r\n# Stats\r\ninstantaneous_input_kbps:0.51\r\n\r\n# Keyspace\r\ndb0:keys=12,expires=1,avg_ttl=0\r\n";

    [Fact]
    public void RedisInfo_SectionsAndFields_ReadAsTextNumbersAndSubfields()
    {
        var info = new RedisInfo(InfoText);
        Assert.Equal(InfoText, info.Text);
        Assert.Equal(["Server", "Stats", "Keyspace"], info.Sections.Keys);
        Assert.Equal("7.0.15", info["redis_version"]);
        Assert.Equal("7.0.15", info.Sections["server"]["redis_version"]);
        Assert.Equal(7000, info.GetInt64("tcp_port"));
        Assert.Equal(0.51, info.GetDouble("instantaneous_input_kbps"));
        Assert.Null(info.GetInt64("redis_version"));
        Assert.Null(info["missing"]);
        Assert.False(info.TryGetValue("missing", out _));
        Assert.Equal("12", info.GetSubfields("db0")["keys"]);
        Assert.Empty(info.GetSubfields("missing"));
    }

    [Fact]
    public void ClientInfo_Line_FieldsAndTypedProperties()
    {
        var c = new ClientInfo("id=42 addr=127.0.0.1:5000 laddr=127.0.0.1:7000 fd=8 name= age=3 idle=1 flags=N db=0 cmd=client|list user=default resp=3\n");
        Assert.Equal(42, c.Id);
        Assert.Equal("127.0.0.1:5000", c.Address);
        Assert.Equal("127.0.0.1:7000", c.LocalAddress);
        Assert.Null(c.Name);
        Assert.Equal(TimeSpan.FromSeconds(3), c.Age);
        Assert.Equal("client|list", c.LastCommand);
        Assert.Equal(3, c.Protocol);
        Assert.Equal("8", c["fd"]);
        var list = ClientInfo.ParseList("id=1 name=a\nid=2 name=b\n");
        Assert.Equal(["a", "b"], list.Select(x => x.Name));
        Assert.Empty(ClientInfo.ParseList(null));
    }

    [Fact]
    public void SlowlogEntry_Reply_EveryField()
    {
        var reply = RedisResult.Array(RedisResult.Array(
            RedisResult.Integer(7), RedisResult.Integer(1_700_000_000), RedisResult.Integer(1500),
            RedisResult.Array(RedisResult.BulkString("ECHO"), RedisResult.BulkString("x")),
            RedisResult.BulkString("127.0.0.1:5000"), RedisResult.BulkString("")));
        var entry = Assert.Single(SlowlogEntry.ParseList(reply));
        Assert.Equal(7, entry.Id);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), entry.StartTime);
        Assert.Equal(TimeSpan.FromMicroseconds(1500), entry.Duration);
        Assert.Equal(["ECHO", "x"], entry.Arguments.Select(a => a.ToString()));
        Assert.Equal("127.0.0.1:5000", entry.ClientAddress);
        Assert.Null(entry.ClientName);
    }

    [Fact]
    public void ClientKillFilter_Filters_InServerSyntax()
    {
        var parts = new ClientKillFilter { Id = 5, Type = ClientType.Primary, User = "u", Address = "a:1", LocalAddress = "l:2", SkipMe = false }.ToParts();
        Assert.Equal(["CLIENT", "KILL", "ID", "5", "TYPE", "master", "USER", "u", "ADDR", "a:1", "LADDR", "l:2", "SKIPME", "no"], parts.Select(p => p.ToString()));
        Assert.Equal("replica", ClientKillFilter.ClientTypeName(ClientType.Replica));
        Assert.Throws<ArgumentException>(() => new ClientKillFilter().ToParts());
        Assert.Throws<ArgumentException>(() => new ClientKillFilter { SkipMe = true }.ToParts());
    }
}

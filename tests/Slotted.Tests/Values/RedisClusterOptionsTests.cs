using System.Net.Security;

namespace Slotted.Tests.Values;

public sealed class RedisClusterOptionsTests
{
    [Fact]
    public void Parse_NodesAndSettings_AreRead()
    {
        var o = RedisClusterOptions.Parse("127.0.0.1:7000, 127.0.0.1:7001,user=app,password=s3cret,name=svc,commandTimeout=2500,maxRedirects=5,readFrom=preferReplica,protocol=2");
        Assert.Equal(["127.0.0.1:7000", "127.0.0.1:7001"], o.StartupNodes);
        Assert.Equal("app", o.User);
        Assert.Equal("s3cret", o.Password);
        Assert.Equal("svc", o.ClientName);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), o.CommandTimeout);
        Assert.Equal(5, o.MaxRedirects);
        Assert.Equal(ReadFrom.PreferReplica, o.ReadFrom);
        Assert.Equal(2, o.Protocol);
    }

    [Fact]
    public void ToString_NeverShowsPassword()
    {
        var o = RedisClusterOptions.Parse("127.0.0.1:7000,password=s3cret");
        Assert.DoesNotContain("s3cret", o.ToString());
        Assert.Contains("password=*****", o.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("password=x")]
    [InlineData("localhost")]
    [InlineData("localhost:notaport")]
    [InlineData("localhost:70000")]
    [InlineData("127.0.0.1:7000,bogus=1")]
    [InlineData("127.0.0.1:7000,maxRedirects=0")]
    [InlineData("127.0.0.1:7000,protocol=4")]
    [InlineData("127.0.0.1:7000,readFrom=somewhere")]
    [InlineData("127.0.0.1:7000,commandTimeout=abc")]
    [InlineData("127.0.0.1:7000,tls=yes")]
    [InlineData("127.0.0.1:7000,ssl=1")]
    public void Parse_BadInput_ThrowsArgumentException(string connectionString) =>
        Assert.ThrowsAny<ArgumentException>(() => RedisClusterOptions.Parse(connectionString));

    [Fact]
    public void Validate_Defaults_MatchSeed()
    {
        var o = new RedisClusterOptions { StartupNodes = ["127.0.0.1:7000"] };
        o.Validate();
        Assert.Equal(16, o.MaxRedirects);
        Assert.Equal(ReadFrom.Primary, o.ReadFrom);
        Assert.Equal(3, o.Protocol);
    }

    [Fact]
    public void Parse_IPv6Node_IsAccepted()
    {
        var o = RedisClusterOptions.Parse("[::1]:7000");
        Assert.Equal(("::1", 7000), RedisClusterOptions.ParseEndPoint(o.StartupNodes[0]));
    }

    [Theory]
    [InlineData("127.0.0.1:7000,tls=true", true)]
    [InlineData("127.0.0.1:7000,ssl=true", true)]
    [InlineData("127.0.0.1:7000,TLS=True", true)]
    [InlineData("127.0.0.1:7000,ssl=false", false)]
    [InlineData("127.0.0.1:7000", false)]
    public void Parse_TlsOrSsl_SetsTls(string connectionString, bool tls)
    {
        var o = RedisClusterOptions.Parse(connectionString);
        Assert.Equal(tls, o.Tls);
        Assert.Null(o.TlsOptions);
        Assert.Equal(tls, o.ToString().Contains(",tls=true", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_TlsOptionsWithoutTls_ThrowsArgumentException()
    {
        var o = RedisClusterOptions.Parse("127.0.0.1:7000") with { TlsOptions = new SslClientAuthenticationOptions() };
        var error = Assert.Throws<ArgumentException>(o.Validate);
        Assert.Equal(nameof(RedisClusterOptions.TlsOptions), error.ParamName);
        (o with { Tls = true }).Validate();
    }
}

namespace Slotted.Tests.Values;

public sealed class RedisScriptTests
{
    [Fact]
    public void Sha1_KnownScript_MatchesRedis()
    {
        // redis-cli SCRIPT LOAD "return 1" answers e0e1f9fabfc9d4800c877a703b823ac0578ff8db.
        Assert.Equal("e0e1f9fabfc9d4800c877a703b823ac0578ff8db", new RedisScript("return 1").Sha1);
    }

    [Fact]
    public void Sha1_NonAscii_HashesUtf8Bytes()
    {
        var script = new RedisScript("return 'h\u00e9'");
        Assert.Equal(40, script.Sha1.Length);
        Assert.NotEqual(new RedisScript("return 'he'").Sha1, script.Sha1);
        Assert.Equal(script.Sha1, RedisScript.ComputeSha1("return 'h\u00e9'"));
    }

    [Fact]
    public void Constructor_EmptyScript_Throws()
    {
        Assert.Throws<ArgumentException>(() => new RedisScript(""));
        Assert.Throws<ArgumentNullException>(() => new RedisScript(null!));
    }
}

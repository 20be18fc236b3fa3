using System.Text;
using Slotted.Topology;

namespace Slotted.Tests.Topology;

public sealed class HashSlotTests
{
    [Fact]
    public void Crc16_StandardVector_Is0x31C3() =>
        Assert.Equal(0x31C3, HashSlot.Crc16(Encoding.ASCII.GetBytes("123456789")));

    [Fact]
    public void Get_StandardVector_IsCrcModulo16384() =>
        Assert.Equal(0x31C3 % 16384, HashSlot.Get("123456789"));

    [Fact]
    public void Get_SameHashTag_SameSlot() =>
        Assert.Equal(HashSlot.Get("{user1000}.following"), HashSlot.Get("{user1000}.followers"));

    [Fact]
    public void Get_HashTag_HashesOnlyTheTag() =>
        Assert.Equal(HashSlot.Get("user1000"), HashSlot.Get("{user1000}.following"));

    [Fact]
    public void Get_EmptyTagFirst_HashesWholeKey() =>
        Assert.Equal(HashSlot.Crc16(Encoding.ASCII.GetBytes("foo{}{bar}")) % 16384, HashSlot.Get("foo{}{bar}"));

    [Fact]
    public void Get_NestedBraces_MatchesTagContent() =>
        Assert.Equal(HashSlot.Crc16(Encoding.ASCII.GetBytes("{bar")) % 16384, HashSlot.Get("foo{{bar}}zap"));

    [Fact]
    public void Get_UnclosedBrace_HashesWholeKey() =>
        Assert.Equal(HashSlot.Crc16(Encoding.ASCII.GetBytes("foo{bar")) % 16384, HashSlot.Get("foo{bar"));

    [Fact]
    public void Get_StringAndBytes_Agree()
    {
        string key = "ключ{tag}";
        Assert.Equal(HashSlot.Get(key), HashSlot.Get(new RedisKey(Encoding.UTF8.GetBytes(key))));
    }

    [Fact]
    public void Get_LongKey_Works()
    {
        string key = new('x', 10_000);
        Assert.Equal(HashSlot.Get(Encoding.ASCII.GetBytes(key)), HashSlot.Get(key));
    }

    [Fact]
    public void Get_NullKey_Throws() => Assert.Throws<ArgumentNullException>(() => HashSlot.Get(new RedisKey((string?)null)));

    [Theory]
    [InlineData("foo", 12182)]
    [InlineData("bar", 5061)]
    [InlineData("a", 15495)]
    public void Get_KnownKeys_MatchClusterKeyslot(string key, int slot) => Assert.Equal(slot, HashSlot.Get(key));
}

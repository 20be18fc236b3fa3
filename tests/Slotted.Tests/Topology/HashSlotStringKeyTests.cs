using System.Text;
using Slotted.Topology;

namespace Slotted.Tests.Topology;

/// <summary>String keys are hashed from their chars when ASCII: the slot must equal that of the UTF-8 bytes, hash tags included.</summary>
public sealed class HashSlotStringKeyTests
{
    [Theory]
    [InlineData("{")]
    [InlineData("}")]
    [InlineData("{}")]
    [InlineData("{}x")]
    [InlineData("x{}y{a}")]
    [InlineData("{a}{b}")]
    [InlineData("a{b")]
    [InlineData("a}b{c}")]
    [InlineData("{{a}}")]
    [InlineData("user:{1000}:x")]
    [InlineData("\u007f\u0001")]
    [InlineData("é{é}")]
    [InlineData("{ü}x")]
    public void Get_StringKey_SameSlotAsItsUtf8Bytes(string key) =>
        Assert.Equal(HashSlot.Get(Encoding.UTF8.GetBytes(key)), HashSlot.Get((RedisKey)key));

    [Fact]
    public void Get_RandomAsciiKeysWithBraces_SameSlotAsBytes()
    {
        var random = new Random(12345);
        const string alphabet = "ab{}:{}0123456789xyz\u007f";
        for (int n = 0; n < 20_000; n++)
        {
            var chars = new char[random.Next(0, 24)];
            for (int i = 0; i < chars.Length; i++) chars[i] = alphabet[random.Next(alphabet.Length)];
            string key = new(chars);
            Assert.Equal(HashSlot.Get(Encoding.UTF8.GetBytes(key)), HashSlot.Get((RedisKey)key));
        }
    }
}

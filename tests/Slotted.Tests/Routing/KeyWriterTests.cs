using System.Buffers;
using System.Text;
using Slotted.Routing;
using Slotted.Topology;

namespace Slotted.Tests.Routing;

public sealed class KeyWriterTests
{
    [Theory]
    [InlineData("foo")]
    [InlineData("{user1000}.following")]
    [InlineData("ключ-ü-😀")]
    [InlineData("")]
    public void Write_StringKey_WritesBulkAndReturnsItsSlot(string key)
    {
        var buffer = new ArrayBufferWriter<byte>();
        int slot = KeyWriter.Write(buffer, key);
        byte[] utf8 = Encoding.UTF8.GetBytes(key);
        Assert.Equal(HashSlot.Get(utf8), slot);
        Assert.Equal(Encoding.ASCII.GetBytes($"${utf8.Length}\r\n").Concat(utf8).Concat("\r\n"u8.ToArray()).ToArray(), buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Write_LongStringKey_SameAsBytes()
    {
        string key = new('k', 5000);
        var fromString = new ArrayBufferWriter<byte>();
        var fromBytes = new ArrayBufferWriter<byte>();
        int a = KeyWriter.Write(fromString, key);
        int b = KeyWriter.Write(fromBytes, Encoding.UTF8.GetBytes(key));
        Assert.Equal(a, b);
        Assert.Equal(fromBytes.WrittenSpan.ToArray(), fromString.WrittenSpan.ToArray());
    }

    [Fact]
    public void Write_NullKey_Throws() =>
        Assert.Throws<ArgumentNullException>(() => KeyWriter.Write(new ArrayBufferWriter<byte>(), default));
}

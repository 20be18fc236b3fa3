using Slotted.ClusterTests.Infrastructure;
using Slotted.ClusterTests.ReadFrom;
using static Slotted.ClusterTests.Commands.CommandTest;

namespace Slotted.ClusterTests.Commands;

[Collection("cluster")]
public sealed class BitFieldCommandsTests(ClusterFixture fixture)
{
    private static readonly BitFieldType U2 = BitFieldType.Unsigned(2);
    private static readonly BitFieldType U8 = BitFieldType.Unsigned(8);
    private static readonly BitFieldType I8 = BitFieldType.Signed(8);

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task BitField_GetSetIncrBy_OneReplyPerOperation(int protocol)
    {
        await using var cluster = await ConnectAsync(fixture, protocol);
        string key = Key("bitfield");
        // The example of https://redis.io/docs/latest/commands/bitfield/.
        Assert.Equal([1, 0], await cluster.BitFieldAsync(key, BitFieldOperation.IncrBy(BitFieldType.Signed(5), 100, 1), BitFieldOperation.Get(BitFieldType.Unsigned(4), 0)));

        string bytes = Key("bitfield-bytes");
        Assert.Equal([0, 0, 200], cluster.BitField(bytes,
            BitFieldOperation.Set(U8, 0, 0x41),
            BitFieldOperation.Set(U8, BitFieldOffset.Multiplied(1), 0x42),
            BitFieldOperation.IncrBy(U8, BitFieldOffset.Multiplied(2), 200)));
        Assert.Equal("AB\u00c8", System.Text.Encoding.Latin1.GetString((byte[])(await cluster.GetAsync(bytes))!));
        Assert.Equal([0x42, -56, 0x41 << 8 | 0x42, 0], await cluster.BitFieldAsync(bytes, [
            BitFieldOperation.Get(U8, 8),
            BitFieldOperation.Get(I8, BitFieldOffset.Multiplied(2)),
            BitFieldOperation.Get(BitFieldType.Unsigned(16), 0),
            BitFieldOperation.Get(U8, 1000)], CancellationToken.None));
        // SET returns the old value, INCRBY the new one; a negative increment subtracts.
        Assert.Equal([-56, 5, 4], await cluster.BitFieldAsync(bytes, BitFieldOperation.Set(I8, 16, 5), BitFieldOperation.Get(I8, 16), BitFieldOperation.IncrBy(I8, 16, -1)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task BitField_Overflow_WrapSaturateFail(int protocol)
    {
        await using var cluster = await ConnectAsync(fixture, protocol);
        string key = Key("bitfield-overflow");
        // The overflow example of https://redis.io/docs/latest/commands/bitfield/: u2 wraps 3 → 0, saturates at 3.
        long?[][] expected = [[1, 1], [2, 2], [3, 3], [0, 3]];
        foreach (var step in expected)
        {
            Assert.Equal(step, await cluster.BitFieldAsync(key,
                BitFieldOperation.IncrBy(U2, 100, 1),
                BitFieldOperation.IncrBy(U2, 102, 1, BitFieldOverflow.Saturate)));
        }
        // FAIL leaves the field alone and answers null; the behaviour is per operation, so a later WRAP one wraps again.
        Assert.Equal([null, 0, 1, null, 3], cluster.BitField(key,
            BitFieldOperation.IncrBy(U2, 102, 1, BitFieldOverflow.Fail),
            BitFieldOperation.Get(U2, 100),
            BitFieldOperation.IncrBy(U2, 100, 5),
            BitFieldOperation.Set(U2, 100, 4, BitFieldOverflow.Fail),
            BitFieldOperation.Get(U2, 102)));
        // SET answers the old value (here 0) and saturates 1000 to 127; INCRBY saturates at -128, then FAIL refuses to go lower.
        Assert.Equal([1, 0, 127, -128, null], await cluster.BitFieldAsync(key,
            BitFieldOperation.Set(U2, 100, 6),
            BitFieldOperation.Set(I8, 200, 1000, BitFieldOverflow.Saturate),
            BitFieldOperation.Get(I8, 200),
            BitFieldOperation.IncrBy(I8, 200, -1000, BitFieldOverflow.Saturate),
            BitFieldOperation.IncrBy(I8, 200, -1, BitFieldOverflow.Fail)));
        Assert.Equal([2], await cluster.BitFieldReadOnlyAsync(key, BitFieldOperation.Get(U2, 100)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task BitField_WidestTypes_FullRange(int protocol)
    {
        await using var cluster = await ConnectAsync(fixture, protocol);
        string key = Key("bitfield-wide");
        var i64 = BitFieldType.Signed(64);
        var u63 = BitFieldType.Unsigned(63);
        Assert.Equal([0, long.MinValue, 0, long.MaxValue, -1], await cluster.BitFieldAsync(key,
            BitFieldOperation.Set(i64, 0, long.MinValue),
            BitFieldOperation.Get(i64, 0),
            BitFieldOperation.Set(u63, 64, long.MaxValue),
            BitFieldOperation.Get(u63, 64),
            BitFieldOperation.Get(BitFieldType.Signed(1), 0)));
        Assert.Equal([long.MaxValue, -1], cluster.BitFieldReadOnly(key,
            BitFieldOperation.Get(u63, 64),
            BitFieldOperation.Get(BitFieldType.Signed(63), 64)));
        // The last bit an offset may name: 2^32 - 1 (a 512 MB string would follow, so only read it).
        Assert.Equal([0], await cluster.BitFieldReadOnlyAsync(key, BitFieldOperation.Get(BitFieldType.Unsigned(1), (1L << 32) - 1)));
    }

    [Fact]
    public async Task BitFieldReadOnly_ReadFromReplica_ServedByTheReplica()
    {
        await using var cluster = await RedisCluster.ConnectAsync(fixture.StartupNodes + ",readFrom=preferReplica");
        string key = Key("bitfield-ro");
        await cluster.BitFieldAsync(key, BitFieldOperation.Set(U8, 0, 7));
        var (_, replica) = await ReadFromReplicaTests.PortsForAsync(cluster, key);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        long before = NodeStats.CommandStat(fixture.Cluster, replica, "bitfield_ro");
        long?[] last = [];
        // The replica's connection opens in the background; until then reads go to the primary.
        while (DateTime.UtcNow < deadline && (NodeStats.CommandStat(fixture.Cluster, replica, "bitfield_ro") == before || last is not [7]))
        {
            last = await cluster.BitFieldReadOnlyAsync(key, BitFieldOperation.Get(U8, 0));
            await Task.Delay(10);
        }
        Assert.Equal([7], last);
        Assert.True(NodeStats.CommandStat(fixture.Cluster, replica, "bitfield_ro") > before);
        // BITFIELD is a write even with only GETs: the replica never gets one.
        long writesBefore = NodeStats.CommandStat(fixture.Cluster, replica, "bitfield");
        Assert.Equal([7], cluster.BitField(key, BitFieldOperation.Get(U8, 0)));
        Assert.Equal(writesBefore, NodeStats.CommandStat(fixture.Cluster, replica, "bitfield"));
    }

    [Fact]
    public async Task BadInput_TypedErrorsBeforeAnythingIsSent()
    {
        await using var cluster = await ConnectAsync(fixture);
        string key = Key("bitfield-bad");

        // Widths and offsets out of range: ArgumentOutOfRangeException, when the value is made.
        Assert.Throws<ArgumentOutOfRangeException>(() => BitFieldType.Signed(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BitFieldType.Signed(65));
        Assert.Throws<ArgumentOutOfRangeException>(() => BitFieldType.Unsigned(64));
        Assert.Throws<ArgumentOutOfRangeException>(() => BitFieldOffset.Bits(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BitFieldOffset.Multiplied(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BitFieldOperation.Get(U8, 1L << 32));
        Assert.Throws<ArgumentOutOfRangeException>(() => BitFieldOperation.Get(U8, BitFieldOffset.Multiplied(1L << 29)));
        Assert.Throws<ArgumentOutOfRangeException>(() => BitFieldOperation.Set(U8, BitFieldOffset.Multiplied(long.MaxValue), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BitFieldOperation.IncrBy(U8, 0, 1, (BitFieldOverflow)3));

        // A missing type, operation list or operation, or a write in BITFIELD_RO: ArgumentException.
        Assert.Throws<ArgumentException>(() => BitFieldOperation.Get(default, 0));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.BitFieldAsync(key));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.BitFieldAsync(key, default(BitFieldOperation)));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cluster.BitFieldReadOnlyAsync(key, BitFieldOperation.Get(U8, 0), BitFieldOperation.Set(U8, 0, 1)));
        Assert.Throws<ArgumentException>(() => cluster.BitFieldReadOnly(key, BitFieldOperation.IncrBy(U8, 0, 1)));
        Assert.Throws<ArgumentException>(() => cluster.BitField(""));

        // Nulls: ArgumentNullException.
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cluster.BitFieldAsync(key, null!, CancellationToken.None));
        Assert.Throws<ArgumentNullException>(() => cluster.BitField((string)null!, BitFieldOperation.Get(U8, 0)));
        Assert.False(await cluster.ExistsAsync(key));

        // The server's own refusal is typed too: a key of another type.
        string list = Key("bitfield-list");
        await cluster.ExecuteAsync("RPUSH", list, "x");
        await Assert.ThrowsAsync<RedisWrongTypeException>(async () => await cluster.BitFieldAsync(list, BitFieldOperation.Get(U8, 0)));
    }
}

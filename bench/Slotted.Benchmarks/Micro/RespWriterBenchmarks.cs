using System.Buffers;
using BenchmarkDotNet.Attributes;
using Slotted.Protocol;
using Slotted.Routing;

namespace Slotted.Benchmarks.Micro;

/// <summary>Writing commands: SET key value (32-byte value) and GET key, from an argument array and the way the typed hot path writes them (constant prefix, key encoded once).</summary>
[MemoryDiagnoser]
public class RespWriterBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly RedisValue[] _setParts = ["SET", "user:1000:session", new byte[32]];
    private readonly RedisValue[] _getParts = ["GET", "user:1000:session"];
    private readonly RedisKey _key = "user:1000:session";
    private readonly RedisValue _value = new byte[32];

    [Benchmark]
    public int SetFromParts()
    {
        _buffer.ResetWrittenCount();
        RespWriter.WriteCommand(_buffer, _setParts);
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public int GetFromParts()
    {
        _buffer.ResetWrittenCount();
        RespWriter.WriteCommand(_buffer, _getParts);
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public int SetHotPath()
    {
        _buffer.ResetWrittenCount();
        RespWriter.WriteRaw(_buffer, "*3\r\n$3\r\nSET\r\n"u8);
        int slot = KeyWriter.Write(_buffer, _key);
        RespWriter.WriteBulk(_buffer, _value);
        return _buffer.WrittenCount + slot;
    }
}

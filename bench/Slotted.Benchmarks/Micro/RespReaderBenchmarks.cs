using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Slotted.Protocol;

namespace Slotted.Benchmarks.Micro;

/// <summary>Parsing the replies a cache workload sees most: +OK, a 32-byte bulk string, an integer, a nil, and a 100-element array (MGET).</summary>
[MemoryDiagnoser]
public class RespReaderBenchmarks
{
    private static readonly byte[] Ok = "+OK\r\n"u8.ToArray();
    private static readonly byte[] Bulk32 = Encoding.ASCII.GetBytes("$32\r\n" + new string('v', 32) + "\r\n");
    private static readonly byte[] Integer = ":1234567\r\n"u8.ToArray();
    private static readonly byte[] Nil = "_\r\n"u8.ToArray();
    private static readonly byte[] Array100 = Encoding.ASCII.GetBytes("*100\r\n" + string.Concat(Enumerable.Repeat("$32\r\n" + new string('v', 32) + "\r\n", 100)));
    private readonly RespReaderOptions _options = RespReaderOptions.Default;

    [Benchmark]
    public RedisResult? SimpleStringOk() => Read(Ok);

    [Benchmark]
    public RedisResult? BulkString32() => Read(Bulk32);

    [Benchmark]
    public RedisResult? Integer64() => Read(Integer);

    [Benchmark]
    public RedisResult? Resp3Null() => Read(Nil);

    [Benchmark]
    public RedisResult? ArrayOf100Bulk() => Read(Array100);

    private RedisResult? Read(byte[] frame)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(frame));
        RespReader.TryRead(ref reader, _options, out var result);
        return result;
    }
}

using System.Text;
using BenchmarkDotNet.Attributes;
using Slotted.Topology;

namespace Slotted.Benchmarks.Micro;

/// <summary>CRC16 slot of typical keys: a plain string key, a hash-tagged key, and a key given as bytes.</summary>
[MemoryDiagnoser]
public class HashSlotBenchmarks
{
    private readonly RedisKey _plain = "user:1000:session";
    private readonly RedisKey _tagged = "{user1000}.following";
    private readonly byte[] _bytes = Encoding.UTF8.GetBytes("user:1000:session");

    [Benchmark]
    public int StringKey() => HashSlot.Get(_plain);

    [Benchmark]
    public int HashTaggedKey() => HashSlot.Get(_tagged);

    [Benchmark]
    public int ByteKey() => HashSlot.Get(_bytes);
}

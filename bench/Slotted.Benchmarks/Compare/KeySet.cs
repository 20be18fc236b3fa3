using System.Text;
using Slotted.Topology;

namespace Slotted.Benchmarks.Compare;

/// <summary>
/// One key per hash slot ("bench:N" for the first N that lands in each slot), ordered by slot, so
/// cycling through the set touches every slot and every node evenly. Both clients use the same
/// key names and the same 32-byte value.
/// </summary>
internal sealed class KeySet
{
    public const int ValueSize = 32;
    public const int MGetWidth = 100;

    public KeySet()
    {
        var names = new string?[HashSlot.Count];
        int filled = 0;
        Span<byte> buffer = stackalloc byte[32];
        for (int n = 0; filled < HashSlot.Count; n++)
        {
            string name = "bench:" + n;
            int slot = HashSlot.Get(buffer[..Encoding.ASCII.GetBytes(name, buffer)]);
            if (names[slot] is not null) continue;
            names[slot] = name;
            filled++;
        }
        Names = names!;
        Value = new byte[ValueSize];
        for (int i = 0; i < Value.Length; i++) Value[i] = (byte)('a' + i % 26);
    }

    /// <summary>Key names, index = slot.</summary>
    public string[] Names { get; }

    public int Count => Names.Length;

    public byte[] Value { get; }

    /// <summary>The key indexes of MGET call number <paramref name="call"/>: 100 keys a stride apart, so every call spans all slot ranges (and all nodes).</summary>
    public int[][] MGetGroups(int groups)
    {
        var result = new int[groups][];
        int stride = Count / MGetWidth;
        for (int g = 0; g < groups; g++)
        {
            var keys = new int[MGetWidth];
            for (int i = 0; i < MGetWidth; i++) keys[i] = (g * 7 + i * stride) % Count;
            result[g] = keys;
        }
        return result;
    }
}

using System.Globalization;
using System.Text;
using Slotted.Topology;

namespace Slotted.MultiKey;

/// <summary>
/// A short hash tag for every slot, so the emulations can make scratch keys in a chosen slot (the
/// destination's, or the node that merges HyperLogLogs) whatever the user's key looks like. The
/// table is found once by hashing hexadecimal counters until every slot is covered (about 170,000
/// CRC16s, a few milliseconds).
/// </summary>
internal static class SlotTags
{
    private static readonly Lazy<string[]> Table = new(Build);

    /// <summary>A tag (lowercase hex, no braces) whose CRC16 maps to <paramref name="slot"/>.</summary>
    public static string ForSlot(int slot) => Table.Value[slot];

    /// <summary>A fresh scratch key in <paramref name="slot"/>: <c>{tag}:slotted:tmp:guid</c>.</summary>
    public static RedisKey TempKey(int slot) => "{" + ForSlot(slot) + "}:slotted:tmp:" + Guid.NewGuid().ToString("N");

    private static string[] Build()
    {
        var table = new string[HashSlot.Count];
        int found = 0;
        Span<byte> buffer = stackalloc byte[16];
        for (int i = 0; found < HashSlot.Count; i++)
        {
            string tag = i.ToString("x", CultureInfo.InvariantCulture);
            int n = Encoding.ASCII.GetBytes(tag, buffer);
            int slot = HashSlot.Crc16(buffer[..n]) & (HashSlot.Count - 1);
            if (table[slot] is null)
            {
                table[slot] = tag;
                found++;
            }
        }
        return table;
    }
}

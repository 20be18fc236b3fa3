using System.Globalization;

namespace Slotted.FaultTests.Infrastructure;

/// <summary>Keys chosen by the node or slot they land on.</summary>
public static class TestKeys
{
    /// <summary>The first <paramref name="count"/> keys <c>{prefix}N</c> whose slots <paramref name="node"/> serves.</summary>
    public static IReadOnlyList<string> OwnedBy(LayoutNode node, string prefix, int count)
    {
        var keys = new List<string>(count);
        for (int i = 0; keys.Count < count; i++)
        {
            string key = prefix + i.ToString(CultureInfo.InvariantCulture);
            if (node.Owns(RedisCluster.GetSlot(key))) keys.Add(key);
        }

        return keys;
    }

    /// <summary>A hash tag (with braces) whose slot <paramref name="node"/> serves, different for each <paramref name="index"/>.</summary>
    public static string TagOwnedBy(LayoutNode node, string prefix, int index = 0)
    {
        int found = 0;
        for (int i = 0; ; i++)
        {
            string tag = "{" + prefix + i.ToString(CultureInfo.InvariantCulture) + "}";
            if (node.Owns(RedisCluster.GetSlot(tag)) && found++ == index) return tag;
        }
    }
}

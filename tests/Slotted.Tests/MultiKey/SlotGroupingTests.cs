using Slotted.MultiKey;
using Slotted.Topology;

namespace Slotted.Tests.MultiKey;

public sealed class SlotGroupingTests
{
    [Fact]
    public void BySlot_SpreadKeys_GroupsInFirstAppearanceOrderAndKeepsPositions()
    {
        RedisKey[] keys = ["{a}1", "{b}1", "{a}2", "{c}1", "{b}2", "{a}1"];
        var groups = SlotGrouping.BySlot(keys);
        Assert.Equal(3, groups.Count);
        Assert.Equal(HashSlot.Get("a"), groups[0].Slot);
        Assert.Equal([0, 2, 5], groups[0].Indexes);
        Assert.Equal(["{a}1", "{a}2", "{a}1"], groups[0].Keys.Select(k => (string)k!));
        Assert.Equal([1, 4], groups[1].Indexes);
        Assert.Equal([3], groups[2].Indexes);
    }

    [Fact]
    public void BySlot_EveryPositionAppearsExactlyOnce()
    {
        var keys = Enumerable.Range(0, 500).Select(i => (RedisKey)$"key:{i}").ToArray();
        var groups = SlotGrouping.BySlot(keys);
        var positions = groups.SelectMany(g => g.Indexes).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, 500), positions);
        foreach (var g in groups)
        {
            for (int i = 0; i < g.Indexes.Count; i++)
            {
                Assert.Equal(keys[g.Indexes[i]], g.Keys[i]);
                Assert.Equal(g.Slot, HashSlot.Get(g.Keys[i]));
            }
        }
    }

    [Fact]
    public void TryGetSingleSlot_SameTag_True_DifferentSlots_False()
    {
        Assert.True(SlotGrouping.TryGetSingleSlot(["{t}a", "{t}b"], out int slot));
        Assert.Equal(HashSlot.Get("t"), slot);
        Assert.False(SlotGrouping.TryGetSingleSlot(["{t}a", "{u}b"], out _));
        Assert.True(SlotGrouping.TryGetSingleSlot("{t}dst", ["{t}a"], out _));
        Assert.False(SlotGrouping.TryGetSingleSlot("{u}dst", ["{t}a"], out _));
    }
}

using Slotted.MultiKey;
using Slotted.Topology;

namespace Slotted.Tests.MultiKey;

public sealed class SlotTagsTests
{
    [Fact]
    public void ForSlot_EverySlot_TagHashesToThatSlot()
    {
        for (int slot = 0; slot < HashSlot.Count; slot++)
        {
            string tag = SlotTags.ForSlot(slot);
            Assert.DoesNotContain('{', tag);
            Assert.DoesNotContain('}', tag);
            Assert.Equal(slot, HashSlot.Get("{" + tag + "}anything"));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5461)]
    [InlineData(16383)]
    public void TempKey_IsInTheSlotAndUnique(int slot)
    {
        var a = SlotTags.TempKey(slot);
        var b = SlotTags.TempKey(slot);
        Assert.Equal(slot, HashSlot.Get(a));
        Assert.NotEqual(a, b);
        Assert.Contains(":slotted:tmp:", (string)a!);
    }
}

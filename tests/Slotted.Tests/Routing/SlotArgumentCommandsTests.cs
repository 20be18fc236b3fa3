using Slotted.Routing;

namespace Slotted.Tests.Routing;

/// <summary>Commands routed by a slot argument: CLUSTER COUNTKEYSINSLOT and GETKEYSINSLOT.</summary>
public sealed class SlotArgumentCommandsTests
{
    private static bool TryPlan(RedisValue[] parts, out CommandPlan plan) =>
        SlotArgumentCommands.TryPlan(CommandTable.Find(parts)!, parts, out plan);

    [Theory]
    [InlineData("COUNTKEYSINSLOT")]
    [InlineData("countkeysinslot")]
    [InlineData("GETKEYSINSLOT")]
    public void TryPlan_SlotArgument_RoutedToThatSlotAsRead(string sub)
    {
        Assert.True(TryPlan(["cluster", sub, "16383", 10], out var plan));
        Assert.Equal(16383, plan.Slot);
        Assert.True(plan.ReadOnly);
        Assert.Null(plan.FanOut);
        Assert.True(TryPlan(["CLUSTER", sub, 0, 10], out plan));
        Assert.Equal(0, plan.Slot);
    }

    [Theory]
    [InlineData("INFO")]
    [InlineData("KEYSLOT")]
    [InlineData("NODES")]
    public void TryPlan_OtherClusterCommands_NotRoutedBySlot(string sub) =>
        Assert.False(TryPlan(["CLUSTER", sub, "12"], out _));

    [Fact]
    public void TryPlan_SlotMissing_LeftToTheServer() =>
        Assert.False(TryPlan(["CLUSTER", "COUNTKEYSINSLOT"], out _));

    [Theory]
    [InlineData("16384")]
    [InlineData("-1")]
    [InlineData("99999999999")]
    public void TryPlan_SlotOutOfRange_ArgumentOutOfRangeException(string slot) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TryPlan(["CLUSTER", "COUNTKEYSINSLOT", slot], out _));

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("")]
    public void TryPlan_SlotNotAnInteger_ArgumentException(string slot)
    {
        var ex = Assert.Throws<ArgumentException>(() => TryPlan(["CLUSTER", "GETKEYSINSLOT", slot, 1], out _));
        Assert.Contains("CLUSTER GETKEYSINSLOT", ex.Message, StringComparison.Ordinal);
    }
}

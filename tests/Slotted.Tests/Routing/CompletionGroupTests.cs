using Slotted.Routing;

namespace Slotted.Tests.Routing;

public sealed class CompletionGroupTests
{
    [Fact]
    public void WhenAll_BeforeLastSignal_IsPending()
    {
        var group = new CompletionGroup(3);
        group.Signal();
        group.Signal();
        Assert.False(group.WhenAll.IsCompleted);
        group.Signal();
        Assert.True(group.WhenAll.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task WhenAll_SignalsFromManyThreads_CompletesOnce()
    {
        var group = new CompletionGroup(1000);
        var wait = group.WhenAll;
        Parallel.For(0, 1000, _ => group.Signal());
        await wait;
        Assert.True(wait.IsCompletedSuccessfully);
    }

    [Fact]
    public void Constructor_ZeroCommands_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => new CompletionGroup(0));
}

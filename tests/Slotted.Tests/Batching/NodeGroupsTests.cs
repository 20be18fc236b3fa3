using Slotted.Batching;

namespace Slotted.Tests.Batching;

public sealed class NodeGroupsTests
{
    [Fact]
    public void Add_CommandsForThreeNodes_OneGroupEachInCallerOrder()
    {
        var groups = new NodeGroups();
        string[] nodes = ["127.0.0.1:7000", "127.0.0.1:7001", "127.0.0.1:7002"];
        for (int i = 0; i < 30; i++) groups.Add(nodes[i * 7 % 3], i);

        Assert.Equal(3, groups.Count);
        foreach (var group in groups.Groups)
        {
            var work = group.Work.ToArray();
            Assert.Equal(10, work.Length);
            Assert.Equal(work.Order(), work);
            Assert.All(work, w => Assert.Equal(group.EndPoint, nodes[w * 7 % 3]));
        }
    }

    [Fact]
    public void Add_SameEndPointAsOtherStringInstance_SameGroup()
    {
        var groups = new NodeGroups();
        groups.Add("127.0.0.1:7000", 0);
        groups.Add(new string("127.0.0.1:7000".AsSpan()), 1);
        groups.Add("LOCALHOST:7000", 2);
        groups.Add("localhost:7000", 3);

        Assert.Equal(2, groups.Count);
        Assert.Equal([0, 1], groups[0].Work.ToArray());
        Assert.Equal([2, 3], groups[1].Work.ToArray());
    }

    [Fact]
    public void Add_AskingOnOneCommand_FlagsOnlyThatOne()
    {
        var groups = new NodeGroups();
        for (int i = 0; i < 40; i++) groups.Add("n:1", i, asking: i == 33);

        var flags = groups[0].AskingFlags();
        Assert.NotNull(flags);
        Assert.Equal(40, flags.Length);
        for (int i = 0; i < 40; i++) Assert.Equal(i == 33, flags[i]);
    }

    [Fact]
    public void AskingFlags_NoAsking_Null()
    {
        var groups = new NodeGroups();
        for (int i = 0; i < 100; i++) groups.Add("n:1", i);
        Assert.Null(groups[0].AskingFlags());
        Assert.Equal(100, groups[0].Count);
    }

    [Fact]
    public void Add_AskingBeforeGrowth_FlagsKeptAfterGrowth()
    {
        var groups = new NodeGroups();
        groups.Add("n:1", 0, asking: true);
        for (int i = 1; i < 100; i++) groups.Add("n:1", i);
        var flags = groups[0].AskingFlags()!;
        Assert.True(flags[0]);
        Assert.DoesNotContain(true, flags[1..]);
    }
}

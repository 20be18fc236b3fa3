namespace Slotted.Tests.Commands;

/// <summary>The CLUSTER INFO and CLUSTER NODES parsers, on lines taken from a Redis 7.0 cluster (https://redis.io/docs/latest/commands/cluster-nodes/).</summary>
public sealed class ClusterRepliesTests
{
    private const string Source = "0a76f58997688a68aebab1cd48b88708f58cf98e";
    private const string Target = "54ec9f9a5d3f317ebae31cbd1b552b265bb0c185";

    // `redis-cli -p 7800 cluster nodes` with slot 100 open from 7800 to 7801 (7801's own line shows the other side).
    private const string NodesText =
        "3c790ef00bcec47f3a4ce1e2b3c998f61684296f 127.0.0.1:7803@17803 slave 0a76f58997688a68aebab1cd48b88708f58cf98e 0 1795577793666 1 connected\n" +
        "0f12094577953e174cd87edc660187fe89c95ce7 127.0.0.1:7805@17805 slave a3223010128f0a6630ecd6f3ce83d019b22def4f 0 1795577793000 3 connected\n" +
        "0a76f58997688a68aebab1cd48b88708f58cf98e 127.0.0.1:7800@17800 myself,master - 0 1795577794000 1 connected 0-5460 [100->-54ec9f9a5d3f317ebae31cbd1b552b265bb0c185]\n" +
        "54ec9f9a5d3f317ebae31cbd1b552b265bb0c185 127.0.0.1:7801@17801 master - 0 1795577793565 2 connected 5461-10922\n" +
        "a3223010128f0a6630ecd6f3ce83d019b22def4f 127.0.0.1:7802@17802 master - 0 1795577792660 3 connected 10923-16383\n" +
        "64591b5f87442797995f92ddd5f4b44bcf7d8dc1 127.0.0.1:7804@17804 slave 54ec9f9a5d3f317ebae31cbd1b552b265bb0c185 0 1795577792559 2 connected\n";

    private const string InfoText =
        "cluster_state:ok\r\ncluster_slots_assigned:16384\r\ncluster_slots_ok:16384\r\ncluster_slots_pfail:0\r\ncluster_slots_fail:0\r\n" +
        "cluster_known_nodes:6\r\ncluster_size:3\r\ncluster_current_epoch:6\r\ncluster_my_epoch:1\r\ncluster_stats_messages_ping_sent:13\r\n" +
        "total_cluster_links_buffer_limit_exceeded:0\r\n";

    [Fact]
    public void ClusterInfo_Reply_TypedFieldsAndIndexer()
    {
        var info = new ClusterInfo(InfoText);
        Assert.Equal(InfoText, info.Text);
        Assert.Equal("ok", info.State);
        Assert.True(info.IsOk);
        Assert.Equal(16384, info.SlotsAssigned);
        Assert.Equal(16384, info.SlotsOk);
        Assert.Equal(0, info.SlotsPFail);
        Assert.Equal(0, info.SlotsFail);
        Assert.Equal(6, info.KnownNodes);
        Assert.Equal(3, info.Size);
        Assert.Equal(6, info.CurrentEpoch);
        Assert.Equal(1, info.MyEpoch);
        Assert.Equal("13", info["cluster_stats_messages_ping_sent"]);
        Assert.Equal(0, info.GetInt64("total_cluster_links_buffer_limit_exceeded"));
        Assert.Equal(11, info.Fields.Count);
        Assert.Null(info["missing"]);
    }

    [Fact]
    public void ClusterInfo_FailingCluster_NotOkAndCountsRead()
    {
        var info = new ClusterInfo("cluster_state:fail\ncluster_slots_assigned:16384\ncluster_slots_ok:10923\ncluster_slots_pfail:0\ncluster_slots_fail:5461\n");
        Assert.Equal("fail", info.State);
        Assert.False(info.IsOk);
        Assert.Equal(5461, info.SlotsFail);
        Assert.Equal(10923, info.SlotsOk);
        Assert.Null(info.Size);
    }

    [Fact]
    public void ClusterNodes_RealReply_OneEntryPerLineAndMyself()
    {
        var nodes = new ClusterNodesInfo(NodesText);
        Assert.Equal(NodesText, nodes.Text);
        Assert.Equal(6, nodes.Nodes.Count);
        Assert.Equal(Source, nodes.Myself!.Id);
        Assert.Equal(3, nodes.Nodes.Count(n => n.IsPrimary));
        Assert.Equal(3, nodes.Nodes.Count(n => n.IsReplica));
        Assert.Equal("127.0.0.1:7801", nodes.Find(Target)!.EndPoint);
        Assert.Null(nodes.Find("nope"));
    }

    [Fact]
    public void ClusterNodeInfo_MigratingPrimary_EveryField()
    {
        var node = ClusterNodeInfo.Parse($"{Source} 127.0.0.1:7800@17800 myself,master - 0 1795577794000 1 connected 0-5460 [100->-{Target}]");
        Assert.Equal(Source, node.Id);
        Assert.Equal("127.0.0.1:7800@17800", node.Address);
        Assert.Equal("127.0.0.1", node.Host);
        Assert.Equal(7800, node.Port);
        Assert.Equal(17800, node.BusPort);
        Assert.Null(node.Hostname);
        Assert.Equal("127.0.0.1:7800", node.EndPoint);
        Assert.Equal(["master", "myself"], node.Flags.Order(StringComparer.Ordinal));
        Assert.True(node.IsMyself);
        Assert.True(node.IsPrimary);
        Assert.False(node.IsReplica);
        Assert.Null(node.PrimaryId);
        Assert.Equal(0, node.PingSent);
        Assert.Equal(1795577794000, node.PongReceived);
        Assert.Equal(1, node.ConfigEpoch);
        Assert.Equal("connected", node.LinkState);
        Assert.True(node.IsConnected);
        Assert.Equal([(0, 5460)], node.SlotRanges);
        Assert.Equal([(100, Target)], node.MigratingSlots);
        Assert.Empty(node.ImportingSlots);
    }

    [Fact]
    public void ClusterNodeInfo_ImportingPrimary_ImportEntry()
    {
        var node = ClusterNodeInfo.Parse($"{Target} 127.0.0.1:7801@17801 myself,master - 0 1795577793000 2 connected 5461-10922 [100-<-{Source}]");
        Assert.Equal([(5461, 10922)], node.SlotRanges);
        Assert.Equal([(100, Source)], node.ImportingSlots);
        Assert.Empty(node.MigratingSlots);
    }

    [Fact]
    public void ClusterNodeInfo_Replica_PrimaryIdAndNoSlots()
    {
        var node = ClusterNodeInfo.Parse($"3c790ef00bcec47f3a4ce1e2b3c998f61684296f 127.0.0.1:7803@17803 slave {Source} 0 1795577793666 1 connected\r\n");
        Assert.True(node.IsReplica);
        Assert.False(node.IsPrimary);
        Assert.Equal(Source, node.PrimaryId);
        Assert.Empty(node.SlotRanges);
        Assert.Equal($"3c790ef00bcec47f3a4ce1e2b3c998f61684296f 127.0.0.1:7803@17803 slave {Source} 0 1795577793666 1 connected", node.Line);
    }

    [Fact]
    public void ClusterNodeInfo_FailedPrimaryWithSingleSlotsAndHostname_FlagsAndRanges()
    {
        var node = ClusterNodeInfo.Parse($"{Target} 10.0.0.2:6379@16379,cache-2.example master,fail - 1795577790000 1795577780000 7 disconnected 5 7-9 16383");
        Assert.True(node.IsFailing);
        Assert.False(node.IsPossiblyFailing);
        Assert.False(node.IsConnected);
        Assert.Equal("disconnected", node.LinkState);
        Assert.Equal("cache-2.example", node.Hostname);
        Assert.Equal("10.0.0.2:6379", node.EndPoint);
        Assert.Equal(16379, node.BusPort);
        Assert.Equal(1795577790000, node.PingSent);
        Assert.Equal(7, node.ConfigEpoch);
        Assert.Equal([(5, 5), (7, 9), (16383, 16383)], node.SlotRanges);
    }

    [Fact]
    public void ClusterNodeInfo_OtherFlags_Read()
    {
        var node = ClusterNodeInfo.Parse($"{Target} :0@0 slave,fail?,nofailover,noaddr {Source} 0 0 0 disconnected");
        Assert.True(node.IsPossiblyFailing);
        Assert.False(node.IsFailing);
        Assert.True(node.IsNoFailover);
        Assert.True(node.HasNoAddress);
        Assert.Equal("", node.Host);
        Assert.Equal(0, node.Port);
        Assert.True(ClusterNodeInfo.Parse($"{Target} 127.0.0.1:7806@17806 handshake - 0 0 0 connected").IsInHandshake);
        var none = ClusterNodeInfo.Parse($"{Target} 127.0.0.1:7806@17806 noflags - 0 0 0 connected");
        Assert.Equal(["noflags"], none.Flags);
        Assert.False(none.IsPrimary || none.IsReplica);
    }

    [Fact]
    public void ClusterNodeInfo_Ipv6AndAuxFields_HostPortAndHostname()
    {
        var node = ClusterNodeInfo.Parse($"{Target} ::1:7000@17000,node-a,shard-id=abc master - 0 0 1 connected 0-16383");
        Assert.Equal("::1", node.Host);
        Assert.Equal(7000, node.Port);
        Assert.Equal("[::1]:7000", node.EndPoint);
        Assert.Equal("node-a", node.Hostname);
        var noName = ClusterNodeInfo.Parse($"{Target} 127.0.0.1:7000@17000, master - 0 0 1 connected");
        Assert.Null(noName.Hostname);
    }

    [Theory]
    [InlineData("abc 127.0.0.1:7000@17000 master - 0 0 1")]
    [InlineData("abc 127.0.0.1@17000 master - 0 0 1 connected")]
    [InlineData("abc 127.0.0.1:7000@17000 master - x 0 1 connected")]
    [InlineData("abc 127.0.0.1:7000@17000 master - 0 0 1 connected 5-x")]
    [InlineData("abc 127.0.0.1:7000@17000 master - 0 0 1 connected [5=>-abc]")]
    [InlineData("abc 127.0.0.1:7000@17000 master - 0 0 1 connected [5->-abc")]
    public void ClusterNodeInfo_MalformedLine_FormatException(string line) =>
        Assert.Throws<FormatException>(() => ClusterNodeInfo.Parse(line));
}

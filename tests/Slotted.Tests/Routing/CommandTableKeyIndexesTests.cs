using System.Text;
using Slotted.Routing;

namespace Slotted.Tests.Routing;

// Expected indexes were checked against COMMAND GETKEYS of Redis 7.0.15.
public sealed class CommandTableKeyIndexesTests
{
    private static (bool Ok, int[] Indexes) Extract(string line, bool includeNotKey = false) =>
        Extract(Split(line), includeNotKey);

    private static (bool Ok, int[] Indexes) Extract(RedisValue[] parts, bool includeNotKey = false)
    {
        CommandInfo info = CommandTable.Find(parts) ?? throw new InvalidOperationException("unknown command");
        var indexes = new List<int>();
        bool ok = CommandTable.TryGetKeyIndexes(info, parts, indexes, includeNotKey);
        return (ok, [.. indexes]);
    }

    private static void AssertKeys(int[] expected, (bool Ok, int[] Indexes) actual)
    {
        Assert.True(actual.Ok, "keys not determined");
        Assert.Equal(expected, actual.Indexes);
    }

    private static void AssertFallback((bool Ok, int[] Indexes) actual)
    {
        Assert.False(actual.Ok, $"extracted [{string.Join(',', actual.Indexes)}]");
        Assert.Empty(actual.Indexes);
    }

    private static RedisValue[] Split(string line) =>
        [.. line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => (RedisValue)p)];

    [Theory]
    [InlineData("GET k1", new[] { 1 })]
    [InlineData("get k1", new[] { 1 })]
    [InlineData("SET k1 v EX 10", new[] { 1 })]
    [InlineData("GETEX k1 PERSIST", new[] { 1 })]
    [InlineData("MSET k1 v1 k2 v2 k3 v3", new[] { 1, 3, 5 })]
    [InlineData("MGET k1 k2 k3", new[] { 1, 2, 3 })]
    [InlineData("DEL k1 k2", new[] { 1, 2 })]
    [InlineData("BLPOP l1 l2 0", new[] { 1, 2 })]
    [InlineData("BITOP AND d1 s1 s2", new[] { 2, 3, 4 })]
    [InlineData("LMOVE l1 l2 LEFT RIGHT", new[] { 1, 2 })]
    [InlineData("LCS k1 k2", new[] { 1, 2 })]
    public void TryGetKeyIndexes_FixedAndRangeSpecs_FindsKeys(string line, int[] expected)
    {
        AssertKeys(expected, Extract(line));
    }

    [Theory]
    [InlineData("EVAL script 2 k1 k2 a1", new[] { 3, 4 })]
    [InlineData("EVAL script 0 a1", new int[0])]
    [InlineData("EVALSHA abc 1 k1 a1", new[] { 3 })]
    [InlineData("FCALL f 2 k1 k2 a1", new[] { 3, 4 })]
    [InlineData("FCALL_RO f 1 k1", new[] { 3 })]
    [InlineData("ZUNIONSTORE dst 2 z1 z2 WEIGHTS 1 2", new[] { 1, 3, 4 })]
    [InlineData("ZINTER 2 z1 z2", new[] { 2, 3 })]
    [InlineData("SINTERCARD 2 s1 s2 LIMIT 3", new[] { 2, 3 })]
    [InlineData("LMPOP 2 l1 l2 LEFT", new[] { 2, 3 })]
    [InlineData("ZMPOP 1 z1 MIN COUNT 2", new[] { 2 })]
    [InlineData("BLMPOP 0 2 l1 l2 RIGHT", new[] { 3, 4 })]
    [InlineData("BZMPOP 0 1 z1 MAX", new[] { 3 })]
    public void TryGetKeyIndexes_KeyNumSpecs_FindsKeys(string line, int[] expected)
    {
        AssertKeys(expected, Extract(line));
    }

    [Theory]
    [InlineData("XREAD COUNT 2 STREAMS s1 s2 0 0", new[] { 4, 5 })]
    [InlineData("XREAD STREAMS s1 0", new[] { 2 })]
    [InlineData("xread block 0 streams s1 $", new[] { 4 })]
    [InlineData("XREADGROUP GROUP g c COUNT 1 STREAMS s1 s2 > >", new[] { 7, 8 })]
    [InlineData("XREADGROUP GROUP streams c STREAMS s1 >", new[] { 5 })]
    [InlineData("GEORADIUS g1 0 0 10 km STORE d1", new[] { 1, 7 })]
    [InlineData("GEORADIUS g1 0 0 10 km STOREDIST d1", new[] { 1, 7 })]
    [InlineData("GEORADIUS g1 0 0 10 km WITHDIST", new[] { 1 })]
    [InlineData("GEORADIUSBYMEMBER g1 m 10 km STORE d1", new[] { 1, 6 })]
    public void TryGetKeyIndexes_KeywordSpecs_FindsKeysAfterKeyword(string line, int[] expected)
    {
        AssertKeys(expected, Extract(line));
    }

    [Theory]
    [InlineData("OBJECT ENCODING k1", new[] { 2 })]
    [InlineData("object encoding k1", new[] { 2 })]
    [InlineData("MEMORY USAGE k1 SAMPLES 5", new[] { 2 })]
    [InlineData("XINFO STREAM s1 FULL", new[] { 2 })]
    [InlineData("XGROUP CREATE s1 g $", new[] { 2 })]
    public void TryGetKeyIndexes_Subcommands_IndexesIntoWholeCall(string line, int[] expected)
    {
        AssertKeys(expected, Extract(line));
    }

    [Theory]
    [InlineData("PING")]
    [InlineData("INFO")]
    [InlineData("INFO memory")]
    [InlineData("CLIENT LIST")]
    [InlineData("CONFIG GET maxmemory")]
    [InlineData("DBSIZE")]
    public void TryGetKeyIndexes_KeylessCommands_Empty(string line)
    {
        AssertKeys(Array.Empty<int>(), Extract(line));
    }

    [Theory]
    [InlineData("SORT s1")]
    [InlineData("SORT s1 BY w_* GET o_* STORE d1")]
    [InlineData("SORT_RO s1")]
    [InlineData("MIGRATE host 6379 k1 0 5000")]
    [InlineData("MIGRATE host 6379 x 0 5000 KEYS k1 k2")]
    public void TryGetKeyIndexes_IncompleteSpecs_False(string line)
    {
        AssertFallback(Extract(line));
    }

    [Theory]
    [InlineData("EVAL script two k1")]
    [InlineData("EVAL script -1 k1")]
    [InlineData("EVAL script 3 k1 k2")]
    [InlineData("EVAL script 99999999999999999999 k1")]
    [InlineData("EVAL script")]
    [InlineData("ZUNIONSTORE dst 1.5 z1")]
    [InlineData("LMPOP 5 l1 LEFT")]
    [InlineData("GET")]
    [InlineData("OBJECT ENCODING")]
    public void TryGetKeyIndexes_MalformedArguments_False(string line)
    {
        AssertFallback(Extract(line));
    }

    [Fact]
    public void TryGetKeyIndexes_VariableRangeWithNoArguments_EmptyAndTrue()
    {
        // The server rejects these for arity; the router may send them anywhere to get that error.
        AssertKeys(Array.Empty<int>(), Extract("MGET"));
        AssertKeys(Array.Empty<int>(), Extract("XREAD COUNT 1 STREAMS"));
    }

    [Fact]
    public void TryGetKeyIndexes_Failure_LeavesEarlierEntriesAlone()
    {
        RedisValue[] parts = Split("ZUNIONSTORE dst 3 z1 z2");
        var indexes = new List<int> { 42 };

        Assert.False(CommandTable.TryGetKeyIndexes(CommandTable.Find(parts)!, parts, indexes));
        Assert.Equal([42], indexes);
    }

    [Fact]
    public void TryGetKeyIndexes_Success_Appends()
    {
        RedisValue[] parts = Split("MGET a b");
        var indexes = new List<int> { 42 };

        Assert.True(CommandTable.TryGetKeyIndexes(CommandTable.Find(parts)!, parts, indexes));
        Assert.Equal([42, 1, 2], indexes);
    }

    [Fact]
    public void TryGetKeyIndexes_ShardChannels_OnlyWhenNotKeyIncluded()
    {
        AssertKeys(Array.Empty<int>(), Extract("SPUBLISH ch1 msg"));
        AssertKeys(new[] { 1 }, Extract("SPUBLISH ch1 msg", includeNotKey: true));
        AssertKeys(new[] { 1, 2 }, Extract("SSUBSCRIBE ch1 ch2", includeNotKey: true));
        AssertKeys(Array.Empty<int>(), Extract("SUNSUBSCRIBE", includeNotKey: true));
    }

    [Fact]
    public void TryGetKeyIndexes_BinaryAndNumericArguments_Handled()
    {
        RedisValue[] parts =
        [
            Encoding.ASCII.GetBytes("xread"), Encoding.ASCII.GetBytes("count"), 5L,
            Encoding.ASCII.GetBytes("Streams"), new byte[] { 0xFF, 0x00 }, Encoding.ASCII.GetBytes("0"),
        ];
        AssertKeys(new[] { 4 }, Extract(parts));

        RedisValue[] eval = ["EVAL", "return 1", 2L, "k1", "k2"];
        AssertKeys(new[] { 3, 4 }, Extract(eval));
    }

    [Fact]
    public void TryGetKeyIndexes_KeywordInOtherCase_NonAsciiLookalikeIgnored()
    {
        // U+017F (long s) upper-cases to 'S' in .NET, but Redis compares ASCII only.
        AssertKeys(Array.Empty<int>(), Extract("XREAD COUNT 1 \u017FTREAMS s1 0"));
        AssertKeys(new[] { 4 }, Extract("XREAD COUNT 1 sTrEaMs s1 0"));
    }

    [Fact]
    public void TryGetKeyIndexes_CommonCommands_NoAllocationBeyondList()
    {
        RedisValue[] get = Split("GET k1");
        RedisValue[] xread = [.. Split("XREAD COUNT 2 STREAMS").Select(v => (RedisValue)v.ToByteArray()), "s1", "s2", "0", "0"];
        RedisValue[] eval = Split("EVAL script 2 k1 k2 a1");
        var indexes = new List<int>(16);
        static void Run(RedisValue[] parts, List<int> indexes)
        {
            indexes.Clear();
            CommandTable.TryGetKeyIndexes(CommandTable.Find(parts)!, parts, indexes);
        }
        Run(get, indexes);
        Run(xread, indexes);
        Run(eval, indexes);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            Run(get, indexes);
            Run(xread, indexes);
            Run(eval, indexes);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}

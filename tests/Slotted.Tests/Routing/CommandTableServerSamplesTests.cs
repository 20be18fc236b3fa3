using System.Text.Json;
using Slotted.Routing;

namespace Slotted.Tests.Routing;

/// <summary>
/// Key extraction against what the server's COMMAND GETKEYS said for a sample call of every command
/// (recorded by scripts/generate-command-table.py into server-getkeys.jsonl).
/// </summary>
public sealed class CommandTableServerSamplesTests
{
    private static readonly IReadOnlyList<(RedisValue[] Call, int[] Keys)> Samples = Load();

    private static List<(RedisValue[] Call, int[] Keys)> Load()
    {
        var samples = new List<(RedisValue[], int[])>();
        foreach (string line in EmbeddedTestData.ReadLines("server-getkeys.jsonl"))
        {
            using JsonDocument doc = JsonDocument.Parse(line);
            RedisValue[] call = [.. doc.RootElement.GetProperty("call").EnumerateArray().Select(e => (RedisValue)e.GetString())];
            int[] keys = [.. doc.RootElement.GetProperty("keys").EnumerateArray().Select(e => e.GetInt32())];
            samples.Add((call, keys));
        }
        return samples;
    }

    [Fact]
    public void Samples_Recorded_CoverMostCommandsWithKeys()
    {
        Assert.True(Samples.Count > 400, $"only {Samples.Count} samples");
        Assert.True(Samples.Count(s => s.Keys.Length > 0) > 250);
    }

    [Fact]
    public void TryGetKeyIndexes_EverySample_MatchesServerOrFallsBackWhenIncomplete()
    {
        var mismatches = new List<string>();
        var indexes = new List<int>();
        foreach ((RedisValue[] call, int[] expected) in Samples)
        {
            string text = string.Join(' ', call.Select(v => v.ToString()));
            CommandInfo? info = CommandTable.Find(call);
            if (info is null)
            {
                mismatches.Add($"{text}: not found");
                continue;
            }
            indexes.Clear();
            bool ok = CommandTable.TryGetKeyIndexes(info, call, indexes);
            if (info.KeysIncomplete)
            {
                if (ok) mismatches.Add($"{text}: incomplete keys, yet extracted [{string.Join(',', indexes)}]");
            }
            else if (!ok || !indexes.SequenceEqual(expected))
            {
                mismatches.Add($"{text}: got {(ok ? string.Join(',', indexes) : "false")}, server [{string.Join(',', expected)}]");
            }
        }
        Assert.Empty(mismatches);
    }

    [Fact]
    public void TryGetKeyIndexes_SamplesAsBytes_SameAsStrings()
    {
        var fromStrings = new List<int>();
        var fromBytes = new List<int>();
        foreach ((RedisValue[] call, _) in Samples)
        {
            RedisValue[] bytes = [.. call.Select(v => (RedisValue)v.ToByteArray())];
            CommandInfo? info = CommandTable.Find(call);
            Assert.Same(info, CommandTable.Find(bytes));
            if (info is null) continue;
            fromStrings.Clear();
            fromBytes.Clear();
            Assert.Equal(CommandTable.TryGetKeyIndexes(info, call, fromStrings), CommandTable.TryGetKeyIndexes(info, bytes, fromBytes));
            Assert.Equal(fromStrings, fromBytes);
        }
    }
}

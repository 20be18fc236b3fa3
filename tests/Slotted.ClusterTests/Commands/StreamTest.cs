namespace Slotted.ClusterTests.Commands;

/// <summary>Helpers for the stream tests: block times, and entries as text so arrays compare by content.</summary>
internal static class StreamTest
{
    /// <summary>A block time that passes quickly (the read returns empty).</summary>
    public static readonly TimeSpan Short = TimeSpan.FromMilliseconds(200);

    /// <summary>A block time a test never waits out (another client wakes the read first).</summary>
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    /// <summary><c>id:f=v,f=v</c>, or <c>id:(deleted)</c>.</summary>
    public static string Text(StreamEntry entry) =>
        entry.IsDeleted ? $"{entry.Id}:(deleted)" : $"{entry.Id}:{string.Join(",", entry.Values.Select(v => $"{v.Name}={v.Value}"))}";

    public static string[] Text(IEnumerable<StreamEntry> entries) => entries.Select(Text).ToArray();

    /// <summary><c>key=[entries]</c> per stream.</summary>
    public static string[] Text(IEnumerable<StreamReadResult> results) =>
        results.Select(r => $"{r.Key}=[{string.Join(" ", Text(r.Entries))}]").ToArray();
}

namespace Slotted;

/// <summary>
/// XINFO STREAM ... FULL: the stream's counters with its entries and every group's pending list and
/// consumers (https://redis.io/docs/latest/commands/xinfo-stream/). Meant for inspection: it can be
/// large, and COUNT limits the entries and pending lists it carries.
/// </summary>
public sealed class StreamFullInfo
{
    internal StreamFullInfo(Dictionary<string, RedisResult> fields)
    {
        Stream = new StreamInfo(fields);
        Entries = fields.TryGetValue("entries", out var entries) ? StreamReplies.Entries(entries) : [];
        Groups = fields.TryGetValue("groups", out var groups) ? StreamReplies.FullGroups(groups) : [];
    }

    /// <summary>
    /// The counters XINFO STREAM also gives (length, radix tree, group count, last and max deleted ids,
    /// entries added); <see cref="StreamInfo.FirstEntry"/> and <see cref="StreamInfo.LastEntry"/> are not
    /// part of the FULL reply and stay null: use <see cref="Entries"/>.
    /// </summary>
    public StreamInfo Stream { get; }

    /// <summary>The stream's entries, oldest first (up to the call's COUNT).</summary>
    public IReadOnlyList<StreamEntry> Entries { get; }

    /// <summary>The consumer groups, each with its pending list and consumers.</summary>
    public IReadOnlyList<StreamFullGroup> Groups { get; }
}

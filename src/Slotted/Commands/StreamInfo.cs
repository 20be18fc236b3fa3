namespace Slotted;

/// <summary>
/// XINFO STREAM's description of a stream (https://redis.io/docs/latest/commands/xinfo-stream/).
/// Fields added by later Redis versions are null on servers that do not send them.
/// </summary>
public sealed class StreamInfo
{
    internal StreamInfo(Dictionary<string, RedisResult> fields)
    {
        Length = StreamReplies.Int64(fields, "length") ?? 0;
        RadixTreeKeys = StreamReplies.Int64(fields, "radix-tree-keys") ?? 0;
        RadixTreeNodes = StreamReplies.Int64(fields, "radix-tree-nodes") ?? 0;
        // XINFO STREAM gives the number of groups; ... FULL gives the groups themselves.
        Groups = fields.TryGetValue("groups", out var groups) ? (groups.IsAggregate ? groups.Length : groups.IsNull ? 0 : groups.ToInt64()) : 0;
        LastGeneratedId = StreamReplies.Value(fields, "last-generated-id");
        MaxDeletedEntryId = StreamReplies.Value(fields, "max-deleted-entry-id");
        EntriesAdded = StreamReplies.Int64(fields, "entries-added");
        RecordedFirstEntryId = StreamReplies.Value(fields, "recorded-first-entry-id");
        FirstEntry = fields.TryGetValue("first-entry", out var first) && !first.IsNull ? StreamReplies.Entry(first) : null;
        LastEntry = fields.TryGetValue("last-entry", out var last) && !last.IsNull ? StreamReplies.Entry(last) : null;
    }

    /// <summary>The number of entries.</summary>
    public long Length { get; }

    /// <summary>The number of keys in the stream's radix tree.</summary>
    public long RadixTreeKeys { get; }

    /// <summary>The number of nodes in the stream's radix tree.</summary>
    public long RadixTreeNodes { get; }

    /// <summary>The number of consumer groups.</summary>
    public long Groups { get; }

    /// <summary>The id of the last entry added (deleted or not).</summary>
    public RedisValue LastGeneratedId { get; }

    /// <summary>The highest id ever deleted (Redis 7.0+).</summary>
    public RedisValue MaxDeletedEntryId { get; }

    /// <summary>How many entries were ever added (Redis 7.0+).</summary>
    public long? EntriesAdded { get; }

    /// <summary>The id of the first entry recorded (Redis 7.2+).</summary>
    public RedisValue RecordedFirstEntryId { get; }

    /// <summary>The oldest entry; null when the stream is empty.</summary>
    public StreamEntry? FirstEntry { get; }

    /// <summary>The newest entry; null when the stream is empty.</summary>
    public StreamEntry? LastEntry { get; }
}

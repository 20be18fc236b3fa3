namespace Slotted;

/// <summary>The entries XREAD or XREADGROUP returned for one stream.</summary>
/// <param name="Key">The stream.</param>
/// <param name="Entries">Its entries, oldest first.</param>
public readonly record struct StreamReadResult(RedisKey Key, StreamEntry[] Entries);

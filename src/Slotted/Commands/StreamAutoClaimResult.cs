namespace Slotted;

/// <summary>XAUTOCLAIM's reply (https://redis.io/docs/latest/commands/xautoclaim/).</summary>
/// <param name="NextStartId">The start id for the next call; <c>0-0</c> when the whole pending list was scanned.</param>
/// <param name="Entries">The entries claimed by the consumer.</param>
/// <param name="DeletedIds">Pending ids whose entries no longer exist in the stream; Redis removed them from the pending list.</param>
public sealed record StreamAutoClaimResult(RedisValue NextStartId, StreamEntry[] Entries, RedisValue[] DeletedIds);

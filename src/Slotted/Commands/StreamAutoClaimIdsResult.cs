namespace Slotted;

/// <summary>XAUTOCLAIM's reply with JUSTID (https://redis.io/docs/latest/commands/xautoclaim/).</summary>
/// <param name="NextStartId">The start id for the next call; <c>0-0</c> when the whole pending list was scanned.</param>
/// <param name="Ids">The ids of the entries claimed by the consumer.</param>
/// <param name="DeletedIds">Pending ids whose entries no longer exist in the stream; Redis removed them from the pending list.</param>
public sealed record StreamAutoClaimIdsResult(RedisValue NextStartId, RedisValue[] Ids, RedisValue[] DeletedIds);

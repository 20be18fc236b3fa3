namespace Slotted;

/// <summary>
/// A stream and the id to read after, as XREAD and XREADGROUP take them. For XREAD, <c>0</c> reads from
/// the start and <c>$</c> (blocking only) waits for entries added after the call; for XREADGROUP,
/// <c>&gt;</c> reads entries never delivered to the group and any other id reads the consumer's
/// pending history after it (https://redis.io/docs/latest/commands/xread/, /xreadgroup/).
/// </summary>
/// <param name="Key">The stream.</param>
/// <param name="Id">Read entries with ids greater than this one.</param>
public readonly record struct StreamPosition(RedisKey Key, RedisValue Id);

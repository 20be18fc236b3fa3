namespace Slotted;

/// <summary>One field of a hash and its value.</summary>
/// <param name="Name">The field name.</param>
/// <param name="Value">The field's value.</param>
public readonly record struct HashEntry(RedisValue Name, RedisValue Value);

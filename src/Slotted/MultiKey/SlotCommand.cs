namespace Slotted.MultiKey;

/// <summary>One sub-command of an emulation and the slot it is routed by.</summary>
internal readonly record struct SlotCommand(RedisValue[] Parts, int Slot);

namespace Slotted.Routing;

/// <summary>Where a command goes: one slot (-1: any node), or every node of <see cref="FanOut"/> with replies combined by <see cref="ResponsePolicy"/>.</summary>
internal readonly record struct CommandPlan(int Slot, bool ReadOnly, IReadOnlyList<string>? FanOut, ResponsePolicy ResponsePolicy);

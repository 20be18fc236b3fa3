namespace Slotted.Routing;

/// <summary>Where a command goes: one slot (-1: any node), or every node of <see cref="FanOut"/> with replies combined by <see cref="ResponsePolicy"/>; <see cref="Blocking"/> commands need a connection of their own.</summary>
internal readonly record struct CommandPlan(int Slot, bool ReadOnly, IReadOnlyList<string>? FanOut, ResponsePolicy ResponsePolicy, bool Blocking = false);

using Slotted.Topology;

namespace Slotted.Routing;

/// <summary>
/// Commands routed by a hash slot given as an argument instead of a key: they answer about the keys
/// of that slot held by the node they reach, so only the node that serves the slot (or one of its
/// replicas, which hold the same keys) answers right. The command table lists them as keyless, and
/// any other node would answer 0 or nothing. Each is read-only.
/// </summary>
internal static class SlotArgumentCommands
{
    // Command-table entry → index of the slot in the call (parts[0] is "CLUSTER").
    private static readonly (CommandInfo Info, int SlotIndex)[] Table =
    [
        (Command("CLUSTER|COUNTKEYSINSLOT"), 2), // https://redis.io/docs/latest/commands/cluster-countkeysinslot/
        (Command("CLUSTER|GETKEYSINSLOT"), 2),   // https://redis.io/docs/latest/commands/cluster-getkeysinslot/
    ];

    private static CommandInfo Command(string name) =>
        CommandTable.Find(name) ?? throw new InvalidOperationException($"{name} is missing from the command table.");

    /// <summary>
    /// The plan of <paramref name="parts"/> when <paramref name="info"/> is routed by a slot argument:
    /// that slot, read-only. False for every other command, and for a call too short to hold the slot
    /// (the server then reports the wrong number of arguments).
    /// </summary>
    /// <exception cref="ArgumentException">The slot argument is not an integer.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The slot is outside 0..16383.</exception>
    public static bool TryPlan(CommandInfo info, ReadOnlySpan<RedisValue> parts, out CommandPlan plan)
    {
        foreach (var (command, index) in Table)
        {
            if (!ReferenceEquals(info, command)) continue;
            if (parts.Length <= index) break;
            plan = new CommandPlan(ParseSlot(parts[index], info.Name), ReadOnly: true, null, info.ResponsePolicy);
            return true;
        }
        plan = default;
        return false;
    }

    /// <summary>A slot argument as a number in 0..16383.</summary>
    /// <exception cref="ArgumentException">Not an integer.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Outside 0..16383.</exception>
    public static int ParseSlot(RedisValue value, string command)
    {
        if (!value.TryParseInt64(out long slot))
            throw new ArgumentException($"The slot argument of {command.Replace('|', ' ')} must be an integer in 0..{HashSlot.Count - 1}; got '{value}'.", "args");
        return CheckSlot(slot, "args");
    }

    /// <summary>Checks that <paramref name="slot"/> is a hash slot (0..16383).</summary>
    /// <exception cref="ArgumentOutOfRangeException">It is not.</exception>
    public static int CheckSlot(long slot, string paramName)
    {
        if (slot is < 0 or >= HashSlot.Count)
            throw new ArgumentOutOfRangeException(paramName, slot, $"A hash slot is in 0..{HashSlot.Count - 1}.");
        return (int)slot;
    }
}

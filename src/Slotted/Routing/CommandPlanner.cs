using Slotted.Topology;

namespace Slotted.Routing;

/// <summary>
/// Decides where an arbitrary command goes from the command table: its keys' slot (all keys must
/// share one), the slot it names as an argument (<see cref="SlotArgumentCommands"/>: CLUSTER
/// COUNTKEYSINSLOT, GETKEYSINSLOT), or for keyless commands the nodes its <c>request_policy</c> names. Keys the key
/// specs cannot find are asked of the server with <c>COMMAND GETKEYS</c>.
/// </summary>
internal static class CommandPlanner
{
    public static async ValueTask<CommandPlan> PlanAsync(ClusterExecutor executor, RedisValue[] parts, CancellationToken cancellationToken)
    {
        var info = CommandTable.Find(parts);
        if (info is null) return new CommandPlan(-1, false, null, ResponsePolicy.Default);
        if (TryPlanLocally(executor, info, parts, out var plan)) return plan;
        var reply = await executor.ExecuteAsync(GetKeysParts(parts), -1, readOnly: true, cancellationToken).ConfigureAwait(false);
        return FromGetKeys(executor, info, reply);
    }

    public static CommandPlan Plan(ClusterExecutor executor, RedisValue[] parts)
    {
        var info = CommandTable.Find(parts);
        if (info is null) return new CommandPlan(-1, false, null, ResponsePolicy.Default);
        if (TryPlanLocally(executor, info, parts, out var plan)) return plan;
        return FromGetKeys(executor, info, executor.Execute(GetKeysParts(parts), -1, readOnly: true));
    }

    /// <summary>
    /// Plans without any I/O when the command table alone can find the keys (almost every command);
    /// false when the server must be asked with <c>COMMAND GETKEYS</c> (then use <see cref="PlanAsync"/>).
    /// </summary>
    /// <exception cref="RedisCrossSlotException">The keys hash to different slots.</exception>
    /// <exception cref="ArgumentException">A slot argument is not an integer in 0..16383.</exception>
    public static bool TryPlan(ClusterExecutor executor, RedisValue[] parts, out CommandPlan plan)
    {
        var info = CommandTable.Find(parts);
        if (info is null)
        {
            plan = new CommandPlan(-1, false, null, ResponsePolicy.Default);
            return true;
        }
        return TryPlanLocally(executor, info, parts, out plan);
    }

    // A slot argument (SlotArgumentCommands), else the keys the command table finds.
    private static bool TryPlanLocally(ClusterExecutor executor, CommandInfo info, RedisValue[] parts, out CommandPlan plan)
    {
        if (SlotArgumentCommands.TryPlan(info, parts, out plan)) return true;
        var indexes = new List<int>();
        if (CommandTable.TryGetKeyIndexes(info, parts, indexes, RoutesByNotKey(info)))
        {
            plan = FromIndexes(executor, info, parts, indexes);
            return true;
        }
        plan = default;
        return false;
    }

    // SPUBLISH / SSUBSCRIBE / SUNSUBSCRIBE name shard channels, not keys (their only key specs are
    // flagged not_key), yet the key-specs reference says they pick the cluster slot like keys do.
    private static bool RoutesByNotKey(CommandInfo info) => !info.HasKeys && info.KeySpecs.Count != 0;

    private static RedisValue[] GetKeysParts(RedisValue[] parts)
    {
        var getKeys = new RedisValue[parts.Length + 2];
        getKeys[0] = "COMMAND";
        getKeys[1] = "GETKEYS";
        parts.CopyTo(getKeys, 2);
        return getKeys;
    }

    private static CommandPlan FromIndexes(ClusterExecutor executor, CommandInfo info, RedisValue[] parts, List<int> indexes)
    {
        if (indexes.Count == 0) return Keyless(executor, info);
        int slot = -1;
        foreach (int i in indexes)
        {
            if (parts[i].IsNull) throw new ArgumentNullException(nameof(parts), $"Argument {i} of {parts[0]} is a key and cannot be null.");
            slot = CheckSlot(slot, HashSlot.Get(parts[i]), parts[0]);
        }
        return new CommandPlan(slot, info.IsReadOnly, null, info.ResponsePolicy, info.IsBlocking);
    }

    private static CommandPlan FromGetKeys(ClusterExecutor executor, CommandInfo info, RedisResult reply)
    {
        if (reply.IsError)
        {
            // Redis answers GETKEYS for a keyless call with an error: route it as keyless.
            if ((reply.ToString() ?? "").Contains("no key arguments", StringComparison.OrdinalIgnoreCase)) return Keyless(executor, info);
            throw ErrorMapper.FromServer(reply.ToString() ?? "", null);
        }
        if (reply.Length == 0) return Keyless(executor, info);
        int slot = -1;
        foreach (var key in reply.Elements) slot = CheckSlot(slot, HashSlot.Get(key.Value), info.Name);
        return new CommandPlan(slot, info.IsReadOnly, null, info.ResponsePolicy, info.IsBlocking);
    }

    private static int CheckSlot(int slot, int keySlot, RedisValue command)
    {
        if (slot >= 0 && keySlot != slot)
            throw new RedisCrossSlotException($"The keys of {command} hash to different slots ({slot} and {keySlot}); use a {{hash tag}} to keep them in one slot.");
        return keySlot;
    }

    private static CommandPlan Keyless(ClusterExecutor executor, CommandInfo info)
    {
        var map = executor.Topology.Current;
        switch (info.RequestPolicy)
        {
            case RequestPolicy.AllShards:
            {
                var nodes = new List<string>();
                foreach (var primary in map.Primaries) nodes.Add(primary.EndPoint);
                return new CommandPlan(-1, info.IsReadOnly, nodes, info.ResponsePolicy);
            }
            case RequestPolicy.AllNodes:
            {
                var nodes = new List<string>();
                foreach (var node in map.Nodes) nodes.Add(node.EndPoint);
                return new CommandPlan(-1, info.IsReadOnly, nodes, info.ResponsePolicy);
            }
            default:
                return new CommandPlan(-1, info.IsReadOnly, null, info.ResponsePolicy);
        }
    }
}

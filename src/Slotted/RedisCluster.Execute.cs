using Slotted.Routing;
using Slotted.Topology;

namespace Slotted;

public sealed partial class RedisCluster
{
    /// <summary>
    /// Runs any Redis command, routed by its keys as the server's own command metadata describes them
    /// (key specs, with <c>COMMAND GETKEYS</c> where they are incomplete). Keyless commands go where
    /// their <c>request_policy</c> tip says — every node, every primary, or any one node — and their
    /// replies are combined as their <c>response_policy</c> says.
    /// </summary>
    /// <param name="command">The command name, e.g. <c>"OBJECT"</c>; a subcommand goes first in <paramref name="args"/>.</param>
    /// <param name="args">The arguments; strings, numbers and byte arrays convert implicitly.</param>
    /// <exception cref="RedisServerException">The server answered with an error (its prefix and message kept).</exception>
    /// <exception cref="RedisCrossSlotException">The command's keys hash to different slots.</exception>
    /// <exception cref="RedisBlockedCommandException">The command is not allowed on a cluster client.</exception>
    /// <exception cref="ArgumentException">
    /// A command routed by a slot argument (CLUSTER COUNTKEYSINSLOT, CLUSTER GETKEYSINSLOT: sent to the
    /// node that serves that slot) names a slot that is not an integer in 0..16383
    /// (<see cref="ArgumentOutOfRangeException"/> when out of range).
    /// </exception>
    public ValueTask<RedisResult> ExecuteAsync(string command, params RedisValue[] args) => ExecuteAsync(command, args, CancellationToken.None);

    /// <inheritdoc cref="ExecuteAsync(string, RedisValue[])"/>
    public async ValueTask<RedisResult> ExecuteAsync(string command, IReadOnlyList<RedisValue> args, CancellationToken cancellationToken)
    {
        var parts = BuildParts(command, args);
        var plan = await CommandPlanner.PlanAsync(_executor, parts, cancellationToken).ConfigureAwait(false);
        RedisResult reply;
        if (plan.FanOut is { } nodes)
        {
            var replies = await FanOut.SendAsync(_executor, nodes, parts, cancellationToken).ConfigureAwait(false);
            reply = ResponseAggregator.Aggregate(plan.ResponsePolicy, nodes, RepliesOrThrow(parts, replies));
        }
        else if (BlocksFor(plan, parts) is { } blockTime)
        {
            return await RunBlockingAsync(parts, plan.Slot, blockTime, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            reply = await _executor.ExecuteAsync(parts, plan.Slot, plan.ReadOnly, cancellationToken).ConfigureAwait(false);
        }
        return ThrowIfError(reply);
    }

    /// <summary>The synchronous twin of <see cref="ExecuteAsync(string, RedisValue[])"/>.</summary>
    public RedisResult Execute(string command, params RedisValue[] args)
    {
        var parts = BuildParts(command, args);
        var plan = CommandPlanner.Plan(_executor, parts);
        if (plan.FanOut is { } nodes)
        {
            var replies = FanOut.Send(_executor, nodes, parts);
            return ThrowIfError(ResponseAggregator.Aggregate(plan.ResponsePolicy, nodes, RepliesOrThrow(parts, replies)));
        }
        if (BlocksFor(plan, parts) is { } blockTime) return RunBlocking(parts, plan.Slot, blockTime);
        return ThrowIfError(_executor.Execute(parts, plan.Slot, plan.ReadOnly));
    }

    // Error replies stay in place for the response policy to judge (SCRIPT KILL succeeds when one node
    // does); a node that could not answer at all fails the call, naming the node.
    private static RedisResult[] RepliesOrThrow(RedisValue[] parts, NodeReply[] replies)
    {
        var results = new RedisResult[replies.Length];
        Dictionary<string, RedisException>? errors = null;
        for (int i = 0; i < replies.Length; i++)
        {
            if (replies[i].Error is { } error) (errors ??= new(StringComparer.OrdinalIgnoreCase))[replies[i].EndPoint] = error;
            else results[i] = replies[i].Reply!;
        }
        if (errors is null) return results;
        var answered = new Dictionary<string, RedisResult>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in replies) if (r.Reply is not null) answered[r.EndPoint] = r.Reply;
        throw new RedisFanOutException(FanOut.CommandName(parts), errors, answered);
    }

    // A command that may block (BLPOP, XREAD BLOCK, ...) would stall every caller sharing the node's
    // connection: it gets a connection of its own for as long as it blocks.
    private static TimeSpan? BlocksFor(CommandPlan plan, RedisValue[] parts)
    {
        if (!plan.Blocking || plan.Slot < 0) return null;
        var blockTime = BlockingTimeout.Of(parts);
        return blockTime == TimeSpan.Zero ? null : blockTime;
    }

    internal static RedisValue[] BuildParts(string command, IReadOnlyList<RedisValue>? args)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var parts = new RedisValue[words.Length + (args?.Count ?? 0)];
        for (int i = 0; i < words.Length; i++) parts[i] = words[i];
        for (int i = 0; i < (args?.Count ?? 0); i++)
        {
            if (args![i].IsNull) throw new ArgumentNullException(nameof(args), $"Argument {i} of {command} is null; send RedisValue.EmptyString for an empty value.");
            parts[words.Length + i] = args[i];
        }
        BlockedCommands.ThrowIfBlocked(parts);
        return parts;
    }

    internal static RedisResult ThrowIfError(RedisResult reply)
    {
        if (reply.IsError) throw ErrorMapper.FromServer(reply.Value.ToString() ?? "", null);
        return reply;
    }

    /// <summary>Runs a command whose key the caller knows (the typed methods' path).</summary>
    internal ValueTask<RedisResult> RunAsync(RedisValue[] parts, RedisKey key, bool readOnly, CancellationToken cancellationToken) =>
        RunAsync(parts, key, readOnly, ReplyDecoders.Checked, cancellationToken);

    /// <summary>
    /// Runs a command whose key the caller knows and gives the caller <paramref name="decoder"/> of
    /// the reply (server errors thrown by the decoder): no async state machine between the caller
    /// and the pooled command, so a typed method written as
    /// <c>RunAsync(parts, key, readOnly, ReplyDecoders.Int64, ct)</c> allocates nothing of its own.
    /// </summary>
    internal ValueTask<T> RunAsync<T>(RedisValue[] parts, RedisKey key, bool readOnly, Func<RedisResult, T> decoder, CancellationToken cancellationToken)
    {
        Guard.Key(key);
        return _executor.ExecuteAsync(parts, HashSlot.Get(key), readOnly, decoder, cancellationToken);
    }

    /// <summary>The synchronous twin of <see cref="RunAsync(RedisValue[], RedisKey, bool, CancellationToken)"/>.</summary>
    internal RedisResult Run(RedisValue[] parts, RedisKey key, bool readOnly) => Run(parts, key, readOnly, ReplyDecoders.Checked);

    /// <summary>The synchronous twin of <see cref="RunAsync{T}(RedisValue[], RedisKey, bool, Func{RedisResult, T}, CancellationToken)"/>.</summary>
    internal T Run<T>(RedisValue[] parts, RedisKey key, bool readOnly, Func<RedisResult, T> decoder)
    {
        Guard.Key(key);
        return _executor.Execute(parts, HashSlot.Get(key), readOnly, decoder);
    }

    /// <summary>Runs a command on keys that must share one slot (checked before sending).</summary>
    internal ValueTask<RedisResult> RunAsync(RedisValue[] parts, IReadOnlyList<RedisKey> keys, bool readOnly, CancellationToken cancellationToken) =>
        _executor.ExecuteAsync(parts, SameSlot(keys), readOnly, ReplyDecoders.Checked, cancellationToken);

    /// <summary>The synchronous twin of <see cref="RunAsync(RedisValue[], IReadOnlyList{RedisKey}, bool, CancellationToken)"/>.</summary>
    internal RedisResult Run(RedisValue[] parts, IReadOnlyList<RedisKey> keys, bool readOnly) =>
        _executor.Execute(parts, SameSlot(keys), readOnly, ReplyDecoders.Checked);

    internal static int SameSlot(IReadOnlyList<RedisKey> keys)
    {
        Guard.Keys(keys);
        int slot = HashSlot.Get(keys[0]);
        for (int i = 1; i < keys.Count; i++)
        {
            if (HashSlot.Get(keys[i]) != slot)
                throw new RedisCrossSlotException($"Keys '{keys[0]}' (slot {slot}) and '{keys[i]}' (slot {HashSlot.Get(keys[i])}) are in different slots; use a {{hash tag}} to keep them together.");
        }
        return slot;
    }
}

using Slotted.Topology;

namespace Slotted.MultiKey;

/// <summary>
/// SINTER / SUNION / SDIFF (+STORE), SINTERCARD and SMOVE across slots. Each slot's keys are first
/// combined by the server itself (SINTER / SUNION, or SDIFF for the first key's slot), all slots
/// at once; the partial results are then combined here. Because every key goes through a native
/// command, type errors are the server's own (WRONGTYPE when any key is not a set).
/// </summary>
internal static class SetEmulation
{
    public static async ValueTask<List<RedisValue>> CombineAsync(MultiKeyRunner run, SetOperation operation, IReadOnlyList<RedisKey> keys, bool readOnly)
    {
        Guard.Keys(keys);
        var groups = SlotGrouping.BySlot(keys);
        var commands = new SlotCommand[groups.Count];
        for (int i = 0; i < commands.Length; i++)
        {
            string command = operation switch
            {
                SetOperation.Inter => "SINTER",
                SetOperation.Union => "SUNION",
                _ => i == 0 ? "SDIFF" : "SUNION", // group 0 holds the first key, first
            };
            commands[i] = new(KeyspaceEmulation.WithKeys(command, groups[i].Keys), groups[i].Slot);
        }
        var replies = await run.RunAllAsync(commands, readOnly).ConfigureAwait(false);
        var sets = new RedisValue[replies.Length][];
        for (int i = 0; i < sets.Length; i++) sets[i] = replies[i].ToValueArray();
        if (sets.Length == 1) return [.. sets[0]];
        return operation switch
        {
            SetOperation.Inter => SetAlgebra.Intersect(sets),
            SetOperation.Union => SetAlgebra.Union(sets),
            _ => SetAlgebra.Difference(sets[0], sets[1..]),
        };
    }

    public static async ValueTask<long> StoreAsync(MultiKeyRunner run, SetOperation operation, RedisKey destination, IReadOnlyList<RedisKey> keys)
    {
        Guard.Key(destination, nameof(destination));
        Guard.Keys(keys);
        if (SlotGrouping.TryGetSingleSlot(destination, keys, out int slot))
        {
            var parts = new RedisValue[keys.Count + 2];
            parts[0] = operation switch { SetOperation.Inter => "SINTERSTORE", SetOperation.Union => "SUNIONSTORE", _ => "SDIFFSTORE" };
            parts[1] = destination;
            for (int i = 0; i < keys.Count; i++) parts[i + 2] = keys[i];
            return (await run.RunAsync(parts, slot, readOnly: false).ConfigureAwait(false)).ToInt64();
        }
        var members = await CombineAsync(run, operation, keys, readOnly: false).ConfigureAwait(false);
        await DestinationWriter.ReplaceWithSetAsync(run, destination, members).ConfigureAwait(false);
        return members.Count;
    }

    public static async ValueTask<long> InterCardAsync(MultiKeyRunner run, IReadOnlyList<RedisKey> keys, long limit)
    {
        Guard.Keys(keys);
        if (limit < 0) throw new ArgumentOutOfRangeException(nameof(limit), "The limit cannot be negative (0 means no limit).");
        if (SlotGrouping.TryGetSingleSlot(keys, out int slot))
        {
            var parts = new RedisValue[keys.Count + (limit > 0 ? 4 : 2)];
            parts[0] = "SINTERCARD";
            parts[1] = keys.Count;
            for (int i = 0; i < keys.Count; i++) parts[i + 2] = keys[i];
            if (limit > 0)
            {
                parts[^2] = "LIMIT";
                parts[^1] = limit;
            }
            return (await run.RunAsync(parts, slot, readOnly: true).ConfigureAwait(false)).ToInt64();
        }
        long count = (await CombineAsync(run, SetOperation.Inter, keys, readOnly: true).ConfigureAwait(false)).Count;
        return limit > 0 ? Math.Min(count, limit) : count;
    }

    /// <summary>
    /// SMOVE between slots: the types are checked first as the server does (a missing source moves
    /// nothing; a source or destination of another type is WRONGTYPE), then SREM from the source and,
    /// only if the member was there, SADD to the destination (SADD back to the source if that fails).
    /// </summary>
    public static async ValueTask<bool> MoveAsync(MultiKeyRunner run, RedisKey source, RedisKey destination, RedisValue member)
    {
        Guard.Key(source, nameof(source));
        Guard.Key(destination, nameof(destination));
        Guard.Value(member, nameof(member));
        int s = HashSlot.Get(source), d = HashSlot.Get(destination);
        if (s == d) return (await run.RunAsync(["SMOVE", source, destination, member], s, readOnly: false).ConfigureAwait(false)).ToInt64() == 1;
        var types = await run.RunAllAsync([new(["TYPE", source], s), new(["TYPE", destination], d)], readOnly: false).ConfigureAwait(false);
        string sourceType = types[0].ToString() ?? "none", destinationType = types[1].ToString() ?? "none";
        if (sourceType == "none") return false;
        if (sourceType != "set" || destinationType is not ("none" or "set"))
            throw ErrorMapper.FromServer("WRONGTYPE Operation against a key holding the wrong kind of value", null);
        if ((await run.RunAsync(["SREM", source, member], s, readOnly: false).ConfigureAwait(false)).ToInt64() == 0) return false;
        RedisResult added;
        try
        {
            added = run.IsSync
                ? run.Executor.Execute(["SADD", destination, member], d, readOnly: false)
                : await run.Executor.ExecuteAsync(["SADD", destination, member], d, readOnly: false, CancellationToken.None).ConfigureAwait(false);
        }
        catch (RedisException ex) when (ex is RedisTimeoutException || ex is RedisConnectionException { OutcomeUnknown: true })
        {
            throw;
        }
        catch (RedisException)
        {
            await run.RunAsync(["SADD", source, member], s, readOnly: false).ConfigureAwait(false);
            throw;
        }
        if (added.IsError)
        {
            await run.RunAsync(["SADD", source, member], s, readOnly: false).ConfigureAwait(false);
            RedisCluster.ThrowIfError(added);
        }
        return true;
    }
}

using Slotted.Connections;

namespace Slotted;

// Lua scripting (Redis docs, "Scripting with Lua"). A script's keys must share one hash slot, which
// decides the node; a script without keys runs on any primary. The script cache is per node and not
// replicated, so SCRIPT LOAD and SCRIPT FLUSH go to every node, primaries and replicas, as their
// request_policy tip (all_nodes) says — EVALSHA_RO may run on a replica.
public sealed partial class RedisCluster
{
    /// <summary>
    /// EVAL: runs a Lua script. <paramref name="keys"/> (KEYS[1..]) must share one hash slot, which picks
    /// the node; without keys the script runs on any primary. The reply is the script's return value.
    /// Prefer <see cref="RedisScript"/> for scripts run more than once (only the SHA1 is sent).
    /// </summary>
    /// <exception cref="RedisCrossSlotException">The keys hash to different slots (nothing was sent).</exception>
    /// <exception cref="RedisServerException">The script raised an error.</exception>
    public async ValueTask<RedisResult> EvalAsync(string script, IReadOnlyList<RedisKey>? keys = null, IReadOnlyList<RedisValue>? args = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(script);
        return ThrowIfError(await _executor.ExecuteAsync(ScriptParts("EVAL", script, keys, args), ScriptSlot(keys), readOnly: false, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The synchronous twin of <see cref="EvalAsync"/>.</summary>
    public RedisResult Eval(string script, IReadOnlyList<RedisKey>? keys = null, IReadOnlyList<RedisValue>? args = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(script);
        return ThrowIfError(_executor.Execute(ScriptParts("EVAL", script, keys, args), ScriptSlot(keys), readOnly: false));
    }

    /// <summary>
    /// EVAL_RO (Redis 7+): runs a script that may only read. The server refuses writes from it, and
    /// with <see cref="ReadFrom.PreferReplica"/> or <see cref="ReadFrom.Any"/> it may run on a replica.
    /// </summary>
    public async ValueTask<RedisResult> EvalReadOnlyAsync(string script, IReadOnlyList<RedisKey>? keys = null, IReadOnlyList<RedisValue>? args = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(script);
        return ThrowIfError(await _executor.ExecuteAsync(ScriptParts("EVAL_RO", script, keys, args), ScriptSlot(keys), readOnly: true, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The synchronous twin of <see cref="EvalReadOnlyAsync"/>.</summary>
    public RedisResult EvalReadOnly(string script, IReadOnlyList<RedisKey>? keys = null, IReadOnlyList<RedisValue>? args = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(script);
        return ThrowIfError(_executor.Execute(ScriptParts("EVAL_RO", script, keys, args), ScriptSlot(keys), readOnly: true));
    }

    /// <summary>
    /// EVALSHA: runs a script cached on the node by its SHA1. A node that does not have it answers
    /// NOSCRIPT, thrown as <see cref="RedisNoScriptException"/>; <see cref="RedisScript"/> handles that for you.
    /// </summary>
    public async ValueTask<RedisResult> EvalShaAsync(string sha1, IReadOnlyList<RedisKey>? keys = null, IReadOnlyList<RedisValue>? args = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sha1);
        return ThrowIfError(await _executor.ExecuteAsync(ScriptParts("EVALSHA", sha1, keys, args), ScriptSlot(keys), readOnly: false, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The synchronous twin of <see cref="EvalShaAsync"/>.</summary>
    public RedisResult EvalSha(string sha1, IReadOnlyList<RedisKey>? keys = null, IReadOnlyList<RedisValue>? args = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(sha1);
        return ThrowIfError(_executor.Execute(ScriptParts("EVALSHA", sha1, keys, args), ScriptSlot(keys), readOnly: false));
    }

    /// <summary>EVALSHA_RO (Redis 7+): <see cref="EvalShaAsync"/> for read-only scripts, which may run on replicas.</summary>
    public async ValueTask<RedisResult> EvalShaReadOnlyAsync(string sha1, IReadOnlyList<RedisKey>? keys = null, IReadOnlyList<RedisValue>? args = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sha1);
        return ThrowIfError(await _executor.ExecuteAsync(ScriptParts("EVALSHA_RO", sha1, keys, args), ScriptSlot(keys), readOnly: true, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The synchronous twin of <see cref="EvalShaReadOnlyAsync"/>.</summary>
    public RedisResult EvalShaReadOnly(string sha1, IReadOnlyList<RedisKey>? keys = null, IReadOnlyList<RedisValue>? args = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(sha1);
        return ThrowIfError(_executor.Execute(ScriptParts("EVALSHA_RO", sha1, keys, args), ScriptSlot(keys), readOnly: true));
    }

    /// <summary>RedisScript's path: EVALSHA(_RO), and on NOSCRIPT once more with the source (EVAL(_RO) caches it on that node).</summary>
    internal async ValueTask<RedisResult> EvaluateAsync(RedisScript script, IReadOnlyList<RedisKey>? keys, IReadOnlyList<RedisValue>? args, bool readOnly, CancellationToken cancellationToken)
    {
        int slot = PreparedScriptSlot(keys);
        var reply = await _executor.ExecuteAsync(ScriptParts(readOnly ? "EVALSHA_RO" : "EVALSHA", script.Sha1, keys, args), slot, readOnly, cancellationToken).ConfigureAwait(false);
        if (reply.ErrorPrefix == "NOSCRIPT")
            reply = await _executor.ExecuteAsync(ScriptParts(readOnly ? "EVAL_RO" : "EVAL", script.Script, keys, args), slot, readOnly, cancellationToken).ConfigureAwait(false);
        return ThrowIfError(reply);
    }

    /// <summary>The synchronous twin of <see cref="EvaluateAsync(RedisScript, IReadOnlyList{RedisKey}?, IReadOnlyList{RedisValue}?, bool, CancellationToken)"/>.</summary>
    internal RedisResult Evaluate(RedisScript script, IReadOnlyList<RedisKey>? keys, IReadOnlyList<RedisValue>? args, bool readOnly)
    {
        int slot = PreparedScriptSlot(keys);
        var reply = _executor.Execute(ScriptParts(readOnly ? "EVALSHA_RO" : "EVALSHA", script.Sha1, keys, args), slot, readOnly);
        if (reply.ErrorPrefix == "NOSCRIPT")
            reply = _executor.Execute(ScriptParts(readOnly ? "EVAL_RO" : "EVAL", script.Script, keys, args), slot, readOnly);
        return ThrowIfError(reply);
    }

    /// <summary>
    /// SCRIPT LOAD on every node, primaries and replicas (the script cache is per node and not
    /// replicated; EVALSHA_RO may run on a replica). Returns the script's SHA1. A replica that cannot be
    /// reached is skipped — a node that restarts comes back with an empty cache anyway, which
    /// <see cref="RedisScript"/> copes with — but every primary must take it.
    /// </summary>
    public async ValueTask<string> ScriptLoadAsync(string script, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(script);
        var replies = await EveryNodeAsync(["SCRIPT", "LOAD", script], primariesOnly: false, cancellationToken).ConfigureAwait(false);
        return replies[0].ToString() ?? "";
    }

    /// <summary>The synchronous twin of <see cref="ScriptLoadAsync"/>.</summary>
    public string ScriptLoad(string script)
    {
        ArgumentException.ThrowIfNullOrEmpty(script);
        return EveryNode(["SCRIPT", "LOAD", script], primariesOnly: false)[0].ToString() ?? "";
    }

    /// <summary>SCRIPT EXISTS of one script: true only when every primary has it cached.</summary>
    public async ValueTask<bool> ScriptExistsAsync(string sha1, CancellationToken cancellationToken = default) =>
        (await ScriptExistsAsync([sha1], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>The synchronous twin of <see cref="ScriptExistsAsync(string, CancellationToken)"/>.</summary>
    public bool ScriptExists(string sha1) => ScriptExists([sha1])[0];

    /// <summary>SCRIPT EXISTS: for each SHA1, true only when every primary has it cached (the replies are ANDed, as the command's response_policy says).</summary>
    public async ValueTask<bool[]> ScriptExistsAsync(IReadOnlyList<string> sha1s, CancellationToken cancellationToken = default) =>
        AndAll(await AskEveryNodeAsync(ExistsParts(sha1s), cancellationToken, primariesOnly: true).ConfigureAwait(false), sha1s.Count);

    /// <summary>The synchronous twin of <see cref="ScriptExistsAsync(IReadOnlyList{string}, CancellationToken)"/>.</summary>
    public bool[] ScriptExists(IReadOnlyList<string> sha1s) => AndAll(AskEveryNode(ExistsParts(sha1s), primariesOnly: true), sha1s.Count);

    /// <summary>SCRIPT FLUSH on every node, primaries and replicas (unreachable replicas skipped).</summary>
    public async ValueTask ScriptFlushAsync(ScriptFlushMode mode = ScriptFlushMode.Default, CancellationToken cancellationToken = default) =>
        await EveryNodeAsync(FlushParts("SCRIPT", mode), primariesOnly: false, cancellationToken).ConfigureAwait(false);

    /// <summary>The synchronous twin of <see cref="ScriptFlushAsync"/>.</summary>
    public void ScriptFlush(ScriptFlushMode mode = ScriptFlushMode.Default) => EveryNode(FlushParts("SCRIPT", mode), primariesOnly: false);

    /// <summary>
    /// SCRIPT KILL on every node: stops a read-only script that runs too long. True when a script was
    /// killed somewhere, false when none was running (NOTBUSY is not an error here). Sent on an
    /// exclusive connection, because a node does not read more commands from the connection whose
    /// script it is running — this client's own shared connection, if the script is this client's.
    /// </summary>
    /// <exception cref="RedisServerException">UNKILLABLE: the script has written; only SHUTDOWN NOSAVE stops it.</exception>
    public ValueTask<bool> ScriptKillAsync(CancellationToken cancellationToken = default) => KillAsync(["SCRIPT", "KILL"], cancellationToken);

    /// <summary>The synchronous twin of <see cref="ScriptKillAsync"/>.</summary>
    public bool ScriptKill() => Kill(["SCRIPT", "KILL"]);

    internal static RedisValue[] ScriptParts(string command, string scriptOrNameOrSha, IReadOnlyList<RedisKey>? keys, IReadOnlyList<RedisValue>? args)
    {
        int keyCount = keys?.Count ?? 0, argCount = args?.Count ?? 0;
        var parts = new RedisValue[3 + keyCount + argCount];
        parts[0] = command;
        parts[1] = scriptOrNameOrSha;
        parts[2] = keyCount;
        for (int i = 0; i < keyCount; i++) parts[3 + i] = keys![i];
        for (int i = 0; i < argCount; i++)
        {
            if (args![i].IsNull) throw new ArgumentNullException(nameof(args), $"Argument {i} is null; Redis has no null argument (send an empty string).");
            parts[3 + keyCount + i] = args[i];
        }
        return parts;
    }

    /// <summary>The slot of a script's keys (all must share it), or -1 (any primary) without keys.</summary>
    internal static int ScriptSlot(IReadOnlyList<RedisKey>? keys) => keys is null || keys.Count == 0 ? -1 : SameSlot(keys);

    /// <summary>
    /// Like <see cref="ScriptSlot"/>, but a keyless script is pinned to a slot of a primary taken in
    /// turn, so its EVALSHA and the EVAL after a NOSCRIPT reach the same node. Left to "any primary",
    /// each would take its own turn and the node that answered NOSCRIPT might never get the script.
    /// </summary>
    private int PreparedScriptSlot(IReadOnlyList<RedisKey>? keys)
    {
        int slot = ScriptSlot(keys);
        if (slot >= 0) return slot;
        var shards = SlotMap.Shards;
        for (int i = 0; i < shards.Count; i++)
        {
            var shard = shards[(int)((uint)Interlocked.Increment(ref _scriptRotation) % (uint)shards.Count)];
            if (shard.SlotRanges.Count > 0) return shard.SlotRanges[0].Start;
        }
        return -1;
    }

    private int _scriptRotation;

    private static RedisValue[] ExistsParts(IReadOnlyList<string> sha1s)
    {
        ArgumentNullException.ThrowIfNull(sha1s);
        if (sha1s.Count == 0) throw new ArgumentException("At least one SHA1 is required.", nameof(sha1s));
        var parts = new RedisValue[2 + sha1s.Count];
        parts[0] = "SCRIPT";
        parts[1] = "EXISTS";
        for (int i = 0; i < sha1s.Count; i++)
        {
            ArgumentException.ThrowIfNullOrEmpty(sha1s[i], nameof(sha1s));
            parts[2 + i] = sha1s[i];
        }
        return parts;
    }

    private static bool[] AndAll(RedisResult[] replies, int count)
    {
        var result = new bool[count];
        Array.Fill(result, true);
        foreach (var reply in replies)
            for (int i = 0; i < count; i++) result[i] &= i < reply.Length && reply[i].ToInt64() == 1;
        return result;
    }

    private static RedisValue[] FlushParts(string command, ScriptFlushMode mode) => mode switch
    {
        ScriptFlushMode.Default => [command, "FLUSH"],
        ScriptFlushMode.Sync => [command, "FLUSH", "SYNC"],
        ScriptFlushMode.Async => [command, "FLUSH", "ASYNC"],
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    /// <summary>
    /// Runs a command on every primary (and every replica unless <paramref name="primariesOnly"/>); a
    /// replica that cannot be reached is skipped, any other failure is thrown. Replies of the nodes
    /// that answered, primaries first.
    /// </summary>
    private async ValueTask<List<RedisResult>> EveryNodeAsync(RedisValue[] parts, bool primariesOnly, CancellationToken cancellationToken)
    {
        var (nodes, primaryCount) = PrimariesThenReplicas(primariesOnly);
        var tasks = new Task<RedisResult>[nodes.Count];
        for (int i = 0; i < nodes.Count; i++) tasks[i] = _executor.ExecuteOnNodeAsync(nodes[i], parts, cancellationToken).AsTask();
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (RedisConnectionException)
        {
            // Sorted out below: only replicas may be missing.
        }
        var replies = new List<RedisResult>();
        for (int i = 0; i < tasks.Length; i++)
        {
            if (tasks[i].IsFaulted && i >= primaryCount && tasks[i].Exception!.InnerException is RedisConnectionException) continue;
            var reply = await tasks[i].ConfigureAwait(false);
            if (reply.IsError) throw ErrorMapper.FromServer(reply.Value.ToString() ?? "", nodes[i]);
            replies.Add(reply);
        }
        return replies;
    }

    /// <summary>The synchronous twin of <see cref="EveryNodeAsync"/>.</summary>
    private List<RedisResult> EveryNode(RedisValue[] parts, bool primariesOnly)
    {
        var (nodes, primaryCount) = PrimariesThenReplicas(primariesOnly);
        var replies = new List<RedisResult>();
        for (int i = 0; i < nodes.Count; i++)
        {
            RedisResult reply;
            try
            {
                reply = _executor.ExecuteOnNode(nodes[i], parts);
            }
            catch (RedisConnectionException) when (i >= primaryCount)
            {
                continue;
            }
            if (reply.IsError) throw ErrorMapper.FromServer(reply.Value.ToString() ?? "", nodes[i]);
            replies.Add(reply);
        }
        return replies;
    }

    private (List<string> Nodes, int PrimaryCount) PrimariesThenReplicas(bool primariesOnly)
    {
        var nodes = NodeEndPoints(primariesOnly: true);
        int primaryCount = nodes.Count;
        if (!primariesOnly)
            foreach (var node in SlotMap.Nodes)
                if (!node.IsPrimary && !nodes.Contains(node.EndPoint)) nodes.Add(node.EndPoint);
        return (nodes, primaryCount);
    }

    /// <summary>SCRIPT KILL / FUNCTION KILL on every node, each on an exclusive connection; NOTBUSY counts as "nothing to kill".</summary>
    private async ValueTask<bool> KillAsync(RedisValue[] parts, CancellationToken cancellationToken)
    {
        var (nodes, primaryCount) = PrimariesThenReplicas(primariesOnly: false);
        var tasks = new Task<bool>[nodes.Count];
        for (int i = 0; i < nodes.Count; i++) tasks[i] = KillOnNodeAsync(nodes[i], parts, i >= primaryCount, cancellationToken);
        bool killed = false;
        foreach (bool k in await Task.WhenAll(tasks).ConfigureAwait(false)) killed |= k;
        return killed;
    }

    private async Task<bool> KillOnNodeAsync(string endPoint, RedisValue[] parts, bool isReplica, CancellationToken cancellationToken)
    {
        var node = _executor.GetNode(endPoint);
        PhysicalConnection connection;
        try
        {
            connection = await node.LeaseAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RedisConnectionException) when (isReplica)
        {
            return false;
        }
        RedisResult reply;
        try
        {
            reply = await connection.Send(parts, Environment.TickCount64 + _executor.CommandTimeoutMilliseconds, asking: false, cancellationToken).Task.ConfigureAwait(false);
        }
        catch
        {
            node.Return(connection, clean: false);
            throw;
        }
        node.Return(connection, clean: true);
        return KillReply(reply, endPoint);
    }

    private bool Kill(RedisValue[] parts)
    {
        var (nodes, primaryCount) = PrimariesThenReplicas(primariesOnly: false);
        bool killed = false;
        for (int i = 0; i < nodes.Count; i++)
        {
            var node = _executor.GetNode(nodes[i]);
            PhysicalConnection connection;
            try
            {
                connection = node.Lease();
            }
            catch (RedisConnectionException) when (i >= primaryCount)
            {
                continue;
            }
            RedisResult reply;
            try
            {
                reply = connection.Send(parts, Environment.TickCount64 + _executor.CommandTimeoutMilliseconds, asking: false, CancellationToken.None).Wait(nodes[i]);
            }
            catch
            {
                node.Return(connection, clean: false);
                throw;
            }
            node.Return(connection, clean: true);
            killed |= KillReply(reply, nodes[i]);
        }
        return killed;
    }

    private static bool KillReply(RedisResult reply, string endPoint)
    {
        if (!reply.IsError) return true;
        if (reply.ErrorPrefix == "NOTBUSY") return false;
        throw ErrorMapper.FromServer(reply.Value.ToString() ?? "", endPoint);
    }
}

using Slotted.Connections;

namespace Slotted.Routing;

/// <summary>
/// The one way a command reaches several nodes: written to every node first, then the replies
/// collected, so the nodes work in parallel and the slowest one sets the pace. Both the typed
/// node-level commands (PING, INFO, CONFIG ...) and <c>ExecuteAsync</c>'s request-policy fan-out use
/// it. No redirects are followed (these commands are not about slots); a connection lost before the
/// command was written is retried once on that node, anything else is that node's error.
/// </summary>
internal static class FanOut
{
    /// <summary>Sends <paramref name="parts"/> to every node of <paramref name="endPoints"/> in parallel; one <see cref="NodeReply"/> each, in order.</summary>
    public static ValueTask<NodeReply[]> SendAsync(ClusterExecutor executor, IReadOnlyList<string> endPoints, RedisValue[] parts, CancellationToken cancellationToken) =>
        SendAsync(executor, endPoints, Same(parts, endPoints.Count), cancellationToken);

    /// <summary>Sends <c>parts[i]</c> to <c>endPoints[i]</c>, all in parallel (SCAN: one cursor per node).</summary>
    public static async ValueTask<NodeReply[]> SendAsync(ClusterExecutor executor, IReadOnlyList<string> endPoints, IReadOnlyList<RedisValue[]> parts, CancellationToken cancellationToken)
    {
        foreach (var p in parts) BlockedCommands.ThrowIfBlocked(p);
        var tasks = new Task<RedisResult>[endPoints.Count];
        for (int i = 0; i < tasks.Length; i++) tasks[i] = SendOneAsync(executor, endPoints[i], parts[i], cancellationToken);
        await ((Task)Task.WhenAll(tasks)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
        var replies = new NodeReply[tasks.Length];
        for (int i = 0; i < tasks.Length; i++)
        {
            var task = tasks[i];
            if (task.IsCompletedSuccessfully) replies[i] = new NodeReply(endPoints[i], task.Result, null);
            else if (task.Exception?.InnerException is RedisException error) replies[i] = new NodeReply(endPoints[i], null, error);
            else await task.ConfigureAwait(false); // cancellation or a bug: let it surface as itself
        }
        return replies;
    }

    /// <summary>The synchronous twin of <see cref="SendAsync(ClusterExecutor, IReadOnlyList{string}, RedisValue[], CancellationToken)"/>.</summary>
    public static NodeReply[] Send(ClusterExecutor executor, IReadOnlyList<string> endPoints, RedisValue[] parts) =>
        Send(executor, endPoints, Same(parts, endPoints.Count));

    /// <summary>
    /// The synchronous twin of <see cref="SendAsync(ClusterExecutor, IReadOnlyList{string}, IReadOnlyList{RedisValue[]}, CancellationToken)"/>:
    /// every command is written before the first reply is awaited, and the calling thread waits for
    /// each reply itself (no thread-pool hop).
    /// </summary>
    public static NodeReply[] Send(ClusterExecutor executor, IReadOnlyList<string> endPoints, IReadOnlyList<RedisValue[]> parts)
    {
        foreach (var p in parts) BlockedCommands.ThrowIfBlocked(p);
        long deadline = Environment.TickCount64 + executor.CommandTimeoutMilliseconds;
        var pending = new PendingCommand?[endPoints.Count];
        var replies = new NodeReply[endPoints.Count];
        for (int i = 0; i < pending.Length; i++)
        {
            try
            {
                pending[i] = executor.GetNode(endPoints[i]).GetShared().Send(parts[i], deadline, asking: false, CancellationToken.None);
            }
            catch (RedisException error)
            {
                replies[i] = new NodeReply(endPoints[i], null, error);
            }
        }
        for (int i = 0; i < pending.Length; i++)
        {
            string endPoint = endPoints[i];
            try
            {
                if (pending[i] is { } command) replies[i] = new NodeReply(endPoint, command.Wait(endPoint), null);
                else if (IsRetryable(replies[i].Error)) replies[i] = new NodeReply(endPoint, executor.ExecuteOnNode(endPoint, parts[i]), null);
            }
            catch (RedisConnectionException error) when (pending[i] is not null && IsRetryable(error))
            {
                replies[i] = SendOneRetry(executor, endPoint, parts[i]);
            }
            catch (RedisException error)
            {
                replies[i] = new NodeReply(endPoint, null, error);
            }
        }
        return replies;
    }

    /// <summary>
    /// Sends to the nodes <paramref name="target"/> selects and converts each reply; a dictionary by
    /// node ("host:port"). Throws <see cref="RedisFanOutException"/> naming every node that failed.
    /// </summary>
    public static async ValueTask<IReadOnlyDictionary<string, T>> RunAsync<T>(ClusterExecutor executor, TargetNodes target, RedisValue[] parts,
        Func<RedisResult, T> convert, CancellationToken cancellationToken)
    {
        var endPoints = target.Resolve(executor.Topology.Current);
        return Collect(CommandName(parts), await SendAsync(executor, endPoints, parts, cancellationToken).ConfigureAwait(false), convert);
    }

    /// <summary>The synchronous twin of <see cref="RunAsync"/>.</summary>
    public static IReadOnlyDictionary<string, T> Run<T>(ClusterExecutor executor, TargetNodes target, RedisValue[] parts, Func<RedisResult, T> convert) =>
        Collect(CommandName(parts), Send(executor, target.Resolve(executor.Topology.Current), parts), convert);

    /// <summary>Converts each reply; error replies, lost nodes and replies of an unexpected shape become <see cref="RedisFanOutException"/>.</summary>
    public static IReadOnlyDictionary<string, T> Collect<T>(string command, NodeReply[] replies, Func<RedisResult, T> convert)
    {
        var results = new Dictionary<string, T>(replies.Length, StringComparer.OrdinalIgnoreCase);
        Dictionary<string, RedisException>? errors = null;
        foreach (var (endPoint, reply, error) in replies)
        {
            RedisException? failure = error;
            if (failure is null && reply!.IsError) failure = ErrorMapper.FromServer(reply.Value.ToString() ?? "", endPoint);
            if (failure is null)
            {
                try
                {
                    results[endPoint] = convert(reply!);
                    continue;
                }
                catch (Exception ex) when (ex is InvalidCastException or FormatException or OverflowException or IndexOutOfRangeException or ArgumentException)
                {
                    failure = new RedisException($"{endPoint} answered {command} with an unexpected reply ({reply!.Type}): {ex.Message}", ex);
                }
            }
            (errors ??= new Dictionary<string, RedisException>(StringComparer.OrdinalIgnoreCase))[endPoint] = failure;
        }
        if (errors is null) return results;
        var answered = new Dictionary<string, RedisResult>(StringComparer.OrdinalIgnoreCase);
        foreach (var (endPoint, reply, error) in replies)
        {
            if (error is null && !errors.ContainsKey(endPoint)) answered[endPoint] = reply!;
        }
        throw new RedisFanOutException(command, errors, answered);
    }

    /// <summary>"CONFIG SET", "PING": the command and, for a container command, its subcommand.</summary>
    public static string CommandName(RedisValue[] parts)
    {
        var info = CommandTable.Find(parts);
        if (info is not null) return info.Name.Replace('|', ' ');
        return (parts[0].ToString() ?? "").ToUpperInvariant();
    }

    private static RedisValue[][] Same(RedisValue[] parts, int count)
    {
        var all = new RedisValue[count][];
        Array.Fill(all, parts);
        return all;
    }

    private static async Task<RedisResult> SendOneAsync(ClusterExecutor executor, string endPoint, RedisValue[] parts, CancellationToken cancellationToken)
    {
        try
        {
            return await executor.ExecuteOnNodeAsync(endPoint, parts, cancellationToken).ConfigureAwait(false);
        }
        catch (RedisConnectionException error) when (IsRetryable(error))
        {
            return await executor.ExecuteOnNodeAsync(endPoint, parts, cancellationToken).ConfigureAwait(false);
        }
    }

    private static NodeReply SendOneRetry(ClusterExecutor executor, string endPoint, RedisValue[] parts)
    {
        try
        {
            return new NodeReply(endPoint, executor.ExecuteOnNode(endPoint, parts), null);
        }
        catch (RedisException error)
        {
            return new NodeReply(endPoint, null, error);
        }
    }

    // Only a command that provably was not written is sent again (a stale connection found dead at send time).
    private static bool IsRetryable(RedisException? error) =>
        error is RedisConnectionException { OutcomeUnknown: false } and not RedisAuthenticationException;
}

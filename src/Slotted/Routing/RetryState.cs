using Slotted.Diagnostics;
using Slotted.Protocol;
using Slotted.Topology;

namespace Slotted.Routing;

/// <summary>What the retry loop does next.</summary>
internal enum RetryAction
{
    /// <summary>The reply is final (a value or an error the caller should see).</summary>
    Return,
    /// <summary>Send again at once (MOVED, ASK).</summary>
    Retry,
    /// <summary>Wait <see cref="RetryState.DelayMilliseconds"/>, then send again (TRYAGAIN, CLUSTERDOWN, LOADING, MASTERDOWN).</summary>
    RetryAfterDelay,
    /// <summary>
    /// The slot map is probably stale (a node unreachable, a slot without owner): send again as soon as a refresh
    /// brings a new map, at the latest after <see cref="RetryState.DelayMilliseconds"/>.
    /// </summary>
    RetryAfterRefresh,
    /// <summary>Give up with <see cref="RetryState.Error"/>.</summary>
    Throw,
}

/// <summary>
/// The retry state machine for one command, shared by the async and sync loops. A MOVED, ASK,
/// TRYAGAIN, CLUSTERDOWN, LOADING or MASTERDOWN reply proves the command did not run, so it is sent
/// again; a connection lost after the command was written is "outcome unknown" and only read-only
/// commands are sent again. Redirects are bounded by the budget, waiting by the command deadline.
/// </summary>
internal struct RetryState
{
    private List<string>? _tried;

    public RetryState(long deadline, int maxRedirects)
    {
        Deadline = deadline;
        MaxRedirects = maxRedirects;
    }

    public long Deadline { get; }
    public int MaxRedirects { get; }
    public int Redirects { get; private set; }
    public int Attempt { get; private set; }
    public string? AskTarget { get; private set; }
    public int DelayMilliseconds { get; private set; }
    public Exception? Error { get; private set; }

    /// <summary>True for the error replies that prove the command did not run and that the retry loop handles (MOVED, ASK, TRYAGAIN, CLUSTERDOWN, MASTERDOWN, LOADING).</summary>
    public static bool IsRetryable(RedisResult reply)
    {
        if (reply.Type != RedisResultType.Error) return false;
        string message = reply.Value.ToString() ?? "";
        return message.StartsWith("MOVED ", StringComparison.Ordinal) || message.StartsWith("ASK ", StringComparison.Ordinal)
            || StartsWithWord(message, "TRYAGAIN") || StartsWithWord(message, "CLUSTERDOWN")
            || StartsWithWord(message, "MASTERDOWN") || StartsWithWord(message, "LOADING");
    }

    private static bool StartsWithWord(string message, string word) =>
        message.StartsWith(word, StringComparison.Ordinal) && (message.Length == word.Length || message[word.Length] == ' ');

    /// <summary>
    /// True once the deadline has passed. The loop then stops instead of sending again: a command sent with no
    /// time left would time out at once, and a write would end with an unknown outcome although it never had to run.
    /// </summary>
    public readonly bool Expired => Environment.TickCount64 >= Deadline;

    /// <summary>The error for a command whose deadline passed before it could be sent again: the last one it met.</summary>
    public readonly Exception ExpiredError() =>
        Error ?? new RedisTimeoutException($"The command was redirected {Redirects} times and the command timeout ran out before it could be sent again; it was not run.");

    public RetryAction OnReply(RedisResult reply, string endPoint, int slot, TopologyRefresher topology)
    {
        AskTarget = null;
        if (reply.Type != RedisResultType.Error) return RetryAction.Return;
        string message = reply.Value.ToString() ?? "";
        string prefix = reply.ErrorPrefix ?? "";
        switch (prefix)
        {
            case "MOVED" or "ASK":
                if (!RedirectParser.TryParse(message, out var kind, out int redirectSlot, out string target)) return RetryAction.Return;
                if (target.StartsWith(':')) target = RedisClusterOptions.ParseEndPoint(endPoint).Host + target;
                if (!CountRedirect(endPoint, redirectSlot)) return RetryAction.Throw;
                Error = null;
                Telemetry.Redirect(kind == RedirectKind.Moved);
                if (kind == RedirectKind.Moved)
                {
                    topology.ApplyMoved(redirectSlot, target);
                    topology.Trigger();
                }
                else
                {
                    AskTarget = target;
                }
                return RetryAction.Retry;
            case "TRYAGAIN":
                if (!CountRedirect(endPoint, slot)) return RetryAction.Throw;
                return Counted(Backoff(new RedisServerException(message, endPoint)), "tryagain");
            case "CLUSTERDOWN" or "MASTERDOWN" or "LOADING":
                topology.Trigger();
                return Counted(Backoff(prefix == "CLUSTERDOWN"
                    ? new RedisClusterDownException($"{message} (from {endPoint}); the cluster stayed down for the whole command timeout.")
                    : new RedisServerException(message, endPoint)), prefix switch { "CLUSTERDOWN" => "clusterdown", "MASTERDOWN" => "masterdown", _ => "loading" });
            default:
                return RetryAction.Return;
        }
    }

    public RetryAction OnConnectionError(RedisConnectionException error, bool readOnly, TopologyRefresher topology)
    {
        AskTarget = null;
        topology.Trigger();
        if (error.OutcomeUnknown && !readOnly || error is RedisAuthenticationException)
        {
            Error = error;
            return RetryAction.Throw;
        }
        return Counted(AfterRefresh(Backoff(error)), "connection");
    }

    public RetryAction OnNoOwner(int slot, TopologyRefresher topology)
    {
        topology.Trigger();
        return Counted(AfterRefresh(Backoff(new RedisClusterDownException($"No node serves slot {slot}; the cluster stayed without an owner for it for the whole command timeout."))), "clusterdown");
    }

    /// <summary>Counts a decision to send again after a back-off in <c>slotted.retries</c>.</summary>
    private static RetryAction Counted(RetryAction action, string reason)
    {
        if (action is RetryAction.RetryAfterDelay or RetryAction.RetryAfterRefresh) Telemetry.Retry(reason);
        return action;
    }

    private static RetryAction AfterRefresh(RetryAction action) => action == RetryAction.RetryAfterDelay ? RetryAction.RetryAfterRefresh : action;

    private bool CountRedirect(string endPoint, int slot)
    {
        (_tried ??= []).Add(endPoint);
        Redirects++;
        if (Redirects <= MaxRedirects) return true;
        Error = new RedisRedirectLimitException(slot, _tried, MaxRedirects);
        return false;
    }

    private RetryAction Backoff(Exception error)
    {
        Error = error;
        long left = Deadline - Environment.TickCount64;
        if (left <= 0) return RetryAction.Throw;
        DelayMilliseconds = (int)Math.Min(left, Math.Min(500, 10 << Math.Min(Attempt, 6)));
        Attempt++;
        return RetryAction.RetryAfterDelay;
    }
}

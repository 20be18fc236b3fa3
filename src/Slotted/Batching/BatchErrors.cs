namespace Slotted.Batching;

/// <summary>
/// Puts a client-side failure in a batch's result list as an error reply, so the list keeps one
/// entry per command in the caller's order. Server errors keep their own message; client errors get
/// a first word saying their kind, as a server error would: <c>CONNECTION</c> (lost or unreachable;
/// the message says whether the command may have run), <c>TIMEOUT</c>, <c>REDIRECTLIMIT</c>,
/// <c>CLUSTERDOWN</c>, <c>CROSSSLOT</c>, <c>CANCELED</c>, else <c>ERR</c>. The typed exception itself
/// is what the command's task faults with.
/// </summary>
internal static class BatchErrors
{
    public static RedisResult ToResult(Exception error) => error switch
    {
        RedisServerException server => RedisResult.Error(server.ServerMessage),
        RedisConnectionException => Prefixed("CONNECTION", error.Message),
        RedisTimeoutException => Prefixed("TIMEOUT", error.Message),
        RedisRedirectLimitException => Prefixed("REDIRECTLIMIT", error.Message),
        RedisClusterDownException => Prefixed("CLUSTERDOWN", error.Message),
        RedisCrossSlotException => Prefixed("CROSSSLOT", error.Message),
        OperationCanceledException => Prefixed("CANCELED", error.Message),
        _ => Prefixed("ERR", error.Message),
    };

    private static RedisResult Prefixed(string prefix, string message) =>
        RedisResult.Error(message.StartsWith(prefix + " ", StringComparison.Ordinal) ? message : prefix + " " + message);
}

namespace Slotted;

/// <summary>The one table that maps a server error's prefix to the exception type callers catch.</summary>
internal static class ErrorMapper
{
    public static RedisException FromServer(string message, string? endPoint)
    {
        int sp = message.IndexOf(' ');
        string prefix = sp < 0 ? message : message[..sp];
        return prefix switch
        {
            "WRONGTYPE" => new RedisWrongTypeException(message, endPoint),
            "NOSCRIPT" => new RedisNoScriptException(message, endPoint),
            "READONLY" => new RedisReadOnlyException(message, endPoint),
            "CROSSSLOT" => new RedisCrossSlotException(endPoint is null ? message : $"{message} (from {endPoint})"),
            "CLUSTERDOWN" => new RedisClusterDownException(endPoint is null ? message : $"{message} (from {endPoint})"),
            "WRONGPASS" or "NOAUTH" => new RedisAuthenticationException(message, endPoint),
            _ => new RedisServerException(message, endPoint),
        };
    }

    /// <summary>The name of the exception type <see cref="FromServer"/> gives for an error with this prefix (for telemetry, without creating it).</summary>
    public static string TypeNameOf(string prefix) => prefix switch
    {
        "WRONGTYPE" => nameof(RedisWrongTypeException),
        "NOSCRIPT" => nameof(RedisNoScriptException),
        "READONLY" => nameof(RedisReadOnlyException),
        "CROSSSLOT" => nameof(RedisCrossSlotException),
        "CLUSTERDOWN" => nameof(RedisClusterDownException),
        "WRONGPASS" or "NOAUTH" => nameof(RedisAuthenticationException),
        _ => nameof(RedisServerException),
    };
}

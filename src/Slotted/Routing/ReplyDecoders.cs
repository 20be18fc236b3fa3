namespace Slotted.Routing;

/// <summary>
/// What a routed command's caller gets from its reply, applied on the caller's side after the
/// reply arrived (never on the reader thread). The cached delegates keep typed calls allocation-free.
/// </summary>
internal static class ReplyDecoders
{
    /// <summary>The reply as it came, error replies included (fan-out, pipelines and the executor's own callers).</summary>
    public static Func<RedisResult, RedisResult> Raw { get; } = static r => r;

    /// <summary>The reply, with a server error thrown as its typed exception (the typed methods' path).</summary>
    public static Func<RedisResult, RedisResult> Checked { get; } = static r => ThrowIfError(r);

    /// <summary>The scalar value (GET and friends); null replies give <see cref="RedisValue.Null"/>.</summary>
    public static Func<RedisResult, RedisValue> Value { get; } = static r => ThrowIfError(r).Value;

    /// <summary>True unless the reply is null (SET with a condition that prevented the write).</summary>
    public static Func<RedisResult, bool> NotNull { get; } = static r => !ThrowIfError(r).IsNull;

    /// <summary>The reply as an integer.</summary>
    public static Func<RedisResult, long> Int64 { get; } = static r => ThrowIfError(r).ToInt64();

    /// <summary>The reply as a boolean (RESP3 booleans, integer 1/0, OK).</summary>
    public static Func<RedisResult, bool> Boolean { get; } = static r => ThrowIfError(r).ToBoolean();

    /// <summary>The reply as a double.</summary>
    public static Func<RedisResult, double> Double { get; } = static r => ThrowIfError(r).ToDouble();

    public static RedisResult ThrowIfError(RedisResult reply)
    {
        if (reply.IsError) throw ErrorMapper.FromServer(reply.Value.ToString() ?? "", null);
        return reply;
    }
}

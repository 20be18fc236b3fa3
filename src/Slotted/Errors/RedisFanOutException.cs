using System.Text;

namespace Slotted;

/// <summary>
/// A command sent to several nodes (PING, INFO, CONFIG SET, KEYS, FLUSHALL ...) failed on at least
/// one of them. Every failing node is named with its own error in <see cref="Errors"/> (typed as
/// usual: <see cref="RedisConnectionException"/>, <see cref="RedisTimeoutException"/>,
/// <see cref="RedisServerException"/> ...), and the replies of the nodes that did answer are kept in
/// <see cref="Replies"/>, so a caller that can live with a partial answer still has it. One exception
/// rather than an <see cref="AggregateException"/>: it can be caught as a <see cref="RedisException"/>
/// like any other failure, and its message lists the nodes.
/// </summary>
public sealed class RedisFanOutException : RedisException
{
    /// <summary>Creates the error.</summary>
    /// <param name="command">The command, for example "CONFIG SET".</param>
    /// <param name="errors">The error of each failing node, by "host:port".</param>
    /// <param name="replies">The raw reply of each node that answered, by "host:port".</param>
    public RedisFanOutException(string command, IReadOnlyDictionary<string, RedisException> errors, IReadOnlyDictionary<string, RedisResult> replies)
        : base(Describe(command, errors, replies), errors.Count == 1 ? First(errors) : null)
    {
        Command = command;
        Errors = errors;
        Replies = replies;
    }

    /// <summary>The command that was sent, for example "CONFIG SET".</summary>
    public string Command { get; }

    /// <summary>Each failing node ("host:port") and its error.</summary>
    public IReadOnlyDictionary<string, RedisException> Errors { get; }

    /// <summary>Each node ("host:port") that answered, with its raw reply.</summary>
    public IReadOnlyDictionary<string, RedisResult> Replies { get; }

    private static RedisException? First(IReadOnlyDictionary<string, RedisException> errors)
    {
        foreach (var error in errors.Values) return error;
        return null;
    }

    private static string Describe(string command, IReadOnlyDictionary<string, RedisException> errors, IReadOnlyDictionary<string, RedisResult> replies)
    {
        var sb = new StringBuilder();
        sb.Append(command).Append(" failed on ").Append(errors.Count).Append(" of ").Append(errors.Count + replies.Count).Append(errors.Count == 1 ? " node: " : " nodes: ");
        bool first = true;
        foreach (var (endPoint, error) in errors)
        {
            if (!first) sb.Append("; ");
            first = false;
            sb.Append(endPoint).Append(": ").Append(error is RedisServerException server ? server.ServerMessage : error.Message);
        }
        return sb.ToString();
    }
}

using Slotted.Connections;
using Slotted.Routing;

namespace Slotted.MultiKey;

/// <summary>
/// One node's share of a multi-slot MGET: several single-slot commands written back to back and
/// answered to this one waiter (reply i has token i). It completes once — when the last reply
/// arrives, or at the first connection loss, timeout or cancellation — and signals its call's
/// <see cref="CompletionGroup"/>. Replies that did arrive stay readable; the call resends the rest.
/// </summary>
internal sealed class NodeShare : ReplyWaiter
{
    private readonly RedisResult?[] _replies;
    private readonly CompletionGroup _group;
    private int _remaining;
    private int _done;
    private Exception? _error;

    public NodeShare(int count, CompletionGroup group)
    {
        _replies = new RedisResult?[count];
        _remaining = count;
        _group = group;
    }

    public int Count => _replies.Length;

    /// <summary>Why the share ended before every reply came (null when all came); read after the group completed.</summary>
    public Exception? Error => Volatile.Read(ref _error);

    /// <summary>The reply to command <paramref name="index"/>, or null when none came.</summary>
    public RedisResult? Reply(int index) => Volatile.Read(ref _replies[index]);

    public override void OnReply(RedisResult reply, int token)
    {
        if (Volatile.Read(ref _done) != 0) return;
        Volatile.Write(ref _replies[token], reply);
        if (Interlocked.Decrement(ref _remaining) == 0) Complete(null);
    }

    public override void OnConnectionLost(RedisConnectionException error, int token) => Complete(error);

    public override void OnTimeout(RedisTimeoutException error, int token) => Complete(error);

    public override bool IsWaiting(int token) => Volatile.Read(ref _done) == 0 && Volatile.Read(ref _replies[token]) is null;

    /// <summary>Ends the share without its replies: the call was cancelled, or the share could not be sent.</summary>
    public void Complete(Exception? error)
    {
        if (Interlocked.CompareExchange(ref _done, 1, 0) != 0) return;
        Volatile.Write(ref _error, error);
        _group.Signal();
    }
}

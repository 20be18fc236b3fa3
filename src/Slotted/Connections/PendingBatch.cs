namespace Slotted.Connections;

/// <summary>
/// Several commands written to one connection in one go, waiting for their replies as a single
/// object: the connection's queue holds this batch once per command, and the reader stores each
/// reply in order; the batch completes when the last one has arrived. When the batch fails first
/// (connection lost, deadline, cancellation), the replies that did arrive are kept and
/// <see cref="Delivered"/> says how many, so the caller knows exactly which commands were answered.
/// </summary>
internal sealed class PendingBatch : PendingCommand
{
    private readonly RedisResult?[] _replies;
    private int _delivered;

    /// <param name="commands">The commands, in the order they are written (each with its name first).</param>
    /// <param name="asking">Per command, whether to write ASKING before it; null when none need it.</param>
    /// <param name="deadline">Environment.TickCount64 after which the unanswered commands time out.</param>
    public PendingBatch(RedisValue[][] commands, bool[]? asking, long deadline)
        : base(deadline)
    {
        if (commands.Length == 0) throw new ArgumentException("A batch needs at least one command.", nameof(commands));
        if (asking is not null && asking.Length != commands.Length) throw new ArgumentException("One ASKING flag per command.", nameof(asking));
        Commands = commands;
        Asking = asking;
        _replies = new RedisResult?[commands.Length];
    }

    public RedisValue[][] Commands { get; }

    public bool[]? Asking { get; }

    public int Count => _replies.Length;

    /// <summary>How many replies have arrived (the first <c>Delivered</c> commands are answered).</summary>
    public int Delivered => Volatile.Read(ref _delivered);

    /// <summary>The reply to command <paramref name="index"/>; only valid below <see cref="Delivered"/>.</summary>
    public RedisResult Reply(int index) => _replies[index] ?? throw new InvalidOperationException($"Command {index} of the batch has no reply.");

    /// <summary>Called by the reader once per reply, in order; completes the batch with the last one.</summary>
    public override bool TrySetResult(RedisResult result)
    {
        // Only the connection's reader delivers replies, one at a time, so no interlocking is needed
        // between deliveries; the volatile write publishes the reply before the count.
        int index = _delivered;
        if (index >= _replies.Length) return false;
        _replies[index] = result;
        Volatile.Write(ref _delivered, index + 1);
        return index + 1 == _replies.Length && base.TrySetResult(RedisResult.Ok);
    }
}

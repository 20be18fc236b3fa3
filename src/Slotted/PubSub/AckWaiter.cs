namespace Slotted.PubSub;

/// <summary>
/// One (un)subscribe command waiting for its confirmations: Redis answers with one frame per channel,
/// in order, or with one error for the whole command. Completed on the reader thread; continuations
/// run on the thread pool, and a synchronous waiter is woken directly.
/// </summary>
internal sealed class AckWaiter
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<RedisValue> _remaining;

    public AckWaiter(PubSubFrameKind verb, IReadOnlyList<RedisValue> channels)
    {
        Verb = verb;
        Channels = channels;
        _remaining = [.. channels];
    }

    /// <summary>The confirmation kind expected (subscribe, psubscribe, ssubscribe or an unsubscribe).</summary>
    public PubSubFrameKind Verb { get; }

    /// <summary>The channels the command named.</summary>
    public IReadOnlyList<RedisValue> Channels { get; }

    public Task Task => _done.Task;

    public bool IsCompleted => _done.Task.IsCompleted;

    /// <summary>Takes one confirmation when it is for this command; true when it was.</summary>
    public bool TryAck(PubSubFrameKind verb, RedisValue channel)
    {
        if (verb != Verb || _done.Task.IsCompleted) return false;
        int i = _remaining.IndexOf(channel);
        if (i < 0) return false;
        _remaining.RemoveAt(i);
        if (_remaining.Count == 0) _done.TrySetResult();
        return true;
    }

    public void Fail(Exception error) => _done.TrySetException(error);

    /// <summary>Waits for the confirmations until <paramref name="deadline"/> (Environment.TickCount64).</summary>
    public async ValueTask WaitAsync(long deadline, string endPoint, bool sync, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64));
        if (sync)
        {
            bool completed;
            try
            {
                completed = _done.Task.Wait(timeout, cancellationToken);
            }
            catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
                throw;
            }
            if (!completed) throw NodeConnectionTimeout(endPoint);
            return;
        }
        try
        {
            await _done.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw NodeConnectionTimeout(endPoint);
        }
    }

    private static RedisTimeoutException NodeConnectionTimeout(string endPoint) =>
        new($"{endPoint} did not confirm the subscription within the command timeout.", endPoint);
}

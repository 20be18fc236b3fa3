namespace Slotted.Batching;

/// <summary>
/// The task a typed queue method returns, with the conversion its reply needs. One object (plus its
/// task) per typed command; the converter is a cached static lambda. Continuations run asynchronously
/// so user code never runs inside the batch's completion loop.
/// </summary>
internal sealed class BatchCompletion<T> : TaskCompletionSource<T>, IBatchCompletion
{
    private readonly Func<RedisResult, T> _convert;

    public BatchCompletion(Func<RedisResult, T> convert)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        _convert = convert;
    }

    public void SetReply(RedisResult reply)
    {
        if (reply.IsError)
        {
            SetError(ErrorMapper.FromServer(reply.Value.ToString() ?? "", null));
            return;
        }
        T value;
        try
        {
            value = _convert(reply);
        }
        catch (Exception ex)
        {
            SetError(ex);
            return;
        }
        TrySetResult(value);
    }

    public void SetError(Exception error)
    {
        // The same error is also reported in place in the batch's results, so a task nobody awaits
        // is marked observed rather than raising TaskScheduler.UnobservedTaskException later.
        if (TrySetException(error)) _ = Task.Exception;
    }

    public void Cancel(CancellationToken cancellationToken) => TrySetCanceled(cancellationToken);
}

using Slotted.Routing;
using Slotted.Topology;

namespace Slotted.MultiKey;

/// <summary>
/// LMOVE / RPOPLPUSH and BLMOVE / BRPOPLPUSH between slots: pop from the source, then push to the
/// destination; if the push fails the element is pushed back where it came from, so nothing is
/// lost. As the server does, a destination of the wrong type is refused before anything is popped
/// (checked with TYPE; the push-back covers a type that changes in between).
/// </summary>
internal static class ListMoveEmulation
{
    private const string WrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";

    public static async ValueTask<RedisValue> MoveAsync(MultiKeyRunner run, RedisKey source, RedisKey destination, ListSide from, ListSide to)
    {
        Check(source, destination, from, to);
        int s = HashSlot.Get(source), d = HashSlot.Get(destination);
        if (s == d)
            return (await run.RunAsync(["LMOVE", source, destination, Side(from), Side(to)], s, readOnly: false).ConfigureAwait(false)).Value;
        var (sourceType, destinationType) = await TypesAsync(run, source, s, destination, d).ConfigureAwait(false);
        if (!IsListOrNone(destinationType))
        {
            if (sourceType == "none") return RedisValue.Null;
            throw ErrorMapper.FromServer(WrongType, null);
        }
        var popped = await run.RunAsync([from == ListSide.Left ? "LPOP" : "RPOP", source], s, readOnly: false).ConfigureAwait(false);
        if (popped.IsNull) return RedisValue.Null;
        await PushOrGiveBackAsync(run, source, s, destination, d, from, to, popped.Value).ConfigureAwait(false);
        return popped.Value;
    }

    public static async ValueTask<RedisValue> BlockingMoveAsync(MultiKeyRunner run, RedisKey source, RedisKey destination, ListSide from, ListSide to, TimeSpan timeout)
    {
        Check(source, destination, from, to);
        RedisValue seconds = CommandParts.BlockingTimeout(timeout);
        int s = HashSlot.Get(source), d = HashSlot.Get(destination);
        if (s == d)
        {
            var native = await ExclusiveCommand.RunAsync(run.Executor, ["BLMOVE", source, destination, Side(from), Side(to), seconds], s, timeout, run.IsSync, run.CancellationToken).ConfigureAwait(false);
            return RedisCluster.ThrowIfError(native).Value;
        }
        var (sourceType, destinationType) = await TypesAsync(run, source, s, destination, d).ConfigureAwait(false);
        // The server refuses at once when the source holds elements; on an empty source it waits, and
        // refuses (giving the element back) when one arrives — which the pop and push-back below also do.
        if (!IsListOrNone(destinationType) && sourceType != "none") throw ErrorMapper.FromServer(WrongType, null);
        var reply = RedisCluster.ThrowIfError(await ExclusiveCommand.RunAsync(run.Executor, [from == ListSide.Left ? "BLPOP" : "BRPOP", source, seconds], s, timeout, run.IsSync, run.CancellationToken).ConfigureAwait(false));
        if (reply.IsNull) return RedisValue.Null;
        var element = reply[1].Value;
        await PushOrGiveBackAsync(run, source, s, destination, d, from, to, element).ConfigureAwait(false);
        return element;
    }

    private static void Check(RedisKey source, RedisKey destination, ListSide from, ListSide to)
    {
        Guard.Key(source, nameof(source));
        Guard.Key(destination, nameof(destination));
        if (from is not (ListSide.Left or ListSide.Right)) throw new ArgumentOutOfRangeException(nameof(from));
        if (to is not (ListSide.Left or ListSide.Right)) throw new ArgumentOutOfRangeException(nameof(to));
    }

    private static async ValueTask<(string Source, string Destination)> TypesAsync(MultiKeyRunner run, RedisKey source, int s, RedisKey destination, int d)
    {
        var types = await run.RunAllAsync([new(["TYPE", source], s), new(["TYPE", destination], d)], readOnly: false).ConfigureAwait(false);
        return (types[0].ToString() ?? "none", types[1].ToString() ?? "none");
    }

    private static bool IsListOrNone(string type) => type is "none" or "list";

    private static string Side(ListSide side) => side == ListSide.Left ? "LEFT" : "RIGHT";

    /// <summary>
    /// Pushes a popped element to the destination. If the push is refused (or certainly not sent),
    /// the element goes back to the end of the source it was popped from and the push's error is
    /// thrown. If even that fails — or the push's outcome is unknown, so a give-back could duplicate
    /// it — the exception carries the element in <c>Data["element"]</c>.
    /// </summary>
    internal static async ValueTask PushOrGiveBackAsync(MultiKeyRunner run, RedisKey source, int s, RedisKey destination, int d,
        ListSide from, ListSide to, RedisValue element)
    {
        RedisResult pushed;
        try
        {
            pushed = await RawUncancelledAsync(run, [to == ListSide.Left ? "LPUSH" : "RPUSH", destination, element], d).ConfigureAwait(false);
        }
        catch (RedisException ex) when (ex is RedisTimeoutException || ex is RedisConnectionException { OutcomeUnknown: true })
        {
            throw Stranded($"The element popped from '{source}' may or may not have reached '{destination}' ({ex.Message}).", element, ex);
        }
        catch (RedisException ex)
        {
            await GiveBackAsync(run, source, s, from, element, ex).ConfigureAwait(false);
            throw;
        }
        if (!pushed.IsError) return;
        var error = ErrorMapper.FromServer(pushed.Value.ToString() ?? "", null);
        await GiveBackAsync(run, source, s, from, element, error).ConfigureAwait(false);
        throw error;
    }

    private static async ValueTask GiveBackAsync(MultiKeyRunner run, RedisKey source, int s, ListSide from, RedisValue element, Exception cause)
    {
        RedisResult back;
        try
        {
            back = await RawUncancelledAsync(run, [from == ListSide.Left ? "LPUSH" : "RPUSH", source, element], s).ConfigureAwait(false);
        }
        catch (RedisException ex)
        {
            throw Stranded($"The element popped from '{source}' could not be pushed to its destination ({cause.Message}) nor returned ({ex.Message}).", element, cause);
        }
        if (back.IsError)
            throw Stranded($"The element popped from '{source}' could not be pushed to its destination ({cause.Message}) nor returned ({back.Value}).", element, cause);
    }

    /// <summary>Once an element is popped, finishing the move must not be abandoned halfway because the caller cancelled.</summary>
    private static ValueTask<RedisResult> RawUncancelledAsync(MultiKeyRunner run, RedisValue[] parts, int slot) =>
        run.IsSync ? new(run.Executor.Execute(parts, slot, readOnly: false)) : run.Executor.ExecuteAsync(parts, slot, readOnly: false, CancellationToken.None);

    private static RedisException Stranded(string message, RedisValue element, Exception inner)
    {
        var error = new RedisException(message + " Its value is in Data[\"element\"].", inner);
        error.Data["element"] = element.ToByteArray();
        return error;
    }
}

using Slotted.MultiKey;

namespace Slotted;

public sealed partial class RedisCluster
{
    /// <summary>
    /// LMOVE: pops an element from the <paramref name="from"/> end of <paramref name="source"/>,
    /// pushes it to the <paramref name="to"/> end of <paramref name="destination"/> and returns it;
    /// <see cref="RedisValue.Null"/> when the source is empty (https://redis.io/docs/latest/commands/lmove/).
    /// </summary>
    /// <remarks>
    /// In one slot this is the native, atomic command. Across slots: TYPE of both keys (a destination
    /// that is not a list is refused before anything is popped, as natively), LPOP/RPOP from the
    /// source, then LPUSH/RPUSH to the destination. Between the pop and the push the element is in
    /// neither list. If the push is refused, the element is pushed back to the end it came from and
    /// the push's error is thrown; if its fate is unknown (connection lost after sending) it is not
    /// pushed back, and the exception carries it in <c>Data["element"]</c>. Once popped, the move is
    /// finished even if <paramref name="cancellationToken"/> is cancelled.
    /// </remarks>
    /// <exception cref="RedisWrongTypeException">The source (or the destination) is not a list.</exception>
    public ValueTask<RedisValue> LMoveAsync(RedisKey source, RedisKey destination, ListSide from, ListSide to, CancellationToken cancellationToken = default) =>
        ListMoveEmulation.MoveAsync(AsyncRunner(cancellationToken), source, destination, from, to);

    /// <inheritdoc cref="LMoveAsync"/>
    public RedisValue LMove(RedisKey source, RedisKey destination, ListSide from, ListSide to) =>
        MultiKeyRunner.Complete(ListMoveEmulation.MoveAsync(SyncRunner, source, destination, from, to));

    /// <summary>
    /// RPOPLPUSH: moves the last element of <paramref name="source"/> to the head of
    /// <paramref name="destination"/> and returns it (LMOVE … RIGHT LEFT; https://redis.io/docs/latest/commands/rpoplpush/).
    /// </summary>
    /// <remarks>Across slots as <see cref="LMoveAsync"/>.</remarks>
    /// <exception cref="RedisWrongTypeException">The source (or the destination) is not a list.</exception>
    public ValueTask<RedisValue> RPopLPushAsync(RedisKey source, RedisKey destination, CancellationToken cancellationToken = default) =>
        ListMoveEmulation.MoveAsync(AsyncRunner(cancellationToken), source, destination, ListSide.Right, ListSide.Left);

    /// <inheritdoc cref="RPopLPushAsync"/>
    public RedisValue RPopLPush(RedisKey source, RedisKey destination) =>
        MultiKeyRunner.Complete(ListMoveEmulation.MoveAsync(SyncRunner, source, destination, ListSide.Right, ListSide.Left));

    /// <summary>
    /// BLMOVE: as <see cref="LMoveAsync"/>, but waits up to <paramref name="timeout"/>
    /// (<see cref="Timeout.InfiniteTimeSpan"/>: for ever) for the source to have an element;
    /// <see cref="RedisValue.Null"/> on timeout (https://redis.io/docs/latest/commands/blmove/).
    /// </summary>
    /// <remarks>
    /// The wait holds an exclusive connection to the source's node (never the shared one). Across
    /// slots: BLPOP/BRPOP on the source, then the push as in <see cref="LMoveAsync"/>. Cancelling
    /// ends the server-side wait with CLIENT UNBLOCK; an element popped just before that is still
    /// delivered to the destination and returned.
    /// </remarks>
    /// <exception cref="RedisWrongTypeException">The source (or the destination) is not a list.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A timeout that is zero or negative (Redis would read 0 as "for ever"; say <see cref="Timeout.InfiniteTimeSpan"/>).</exception>
    public ValueTask<RedisValue> BLMoveAsync(RedisKey source, RedisKey destination, ListSide from, ListSide to, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        ListMoveEmulation.BlockingMoveAsync(AsyncRunner(cancellationToken), source, destination, from, to, timeout);

    /// <inheritdoc cref="BLMoveAsync"/>
    public RedisValue BLMove(RedisKey source, RedisKey destination, ListSide from, ListSide to, TimeSpan timeout) =>
        MultiKeyRunner.Complete(ListMoveEmulation.BlockingMoveAsync(SyncRunner, source, destination, from, to, timeout));

    /// <summary>
    /// BRPOPLPUSH: as <see cref="RPopLPushAsync"/>, waiting up to <paramref name="timeout"/>
    /// (<see cref="Timeout.InfiniteTimeSpan"/>: for ever) for an element (https://redis.io/docs/latest/commands/brpoplpush/).
    /// </summary>
    /// <remarks>As <see cref="BLMoveAsync"/> with RIGHT, LEFT.</remarks>
    /// <exception cref="RedisWrongTypeException">The source (or the destination) is not a list.</exception>
    public ValueTask<RedisValue> BRPopLPushAsync(RedisKey source, RedisKey destination, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        ListMoveEmulation.BlockingMoveAsync(AsyncRunner(cancellationToken), source, destination, ListSide.Right, ListSide.Left, timeout);

    /// <inheritdoc cref="BRPopLPushAsync"/>
    public RedisValue BRPopLPush(RedisKey source, RedisKey destination, TimeSpan timeout) =>
        MultiKeyRunner.Complete(ListMoveEmulation.BlockingMoveAsync(SyncRunner, source, destination, ListSide.Right, ListSide.Left, timeout));
}

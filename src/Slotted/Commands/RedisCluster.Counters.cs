namespace Slotted;

public sealed partial class RedisCluster
{
    /// <summary>INCRBY: adds <paramref name="increment"/> to the integer at <paramref name="key"/> and returns the new value.</summary>
    public async ValueTask<long> IncrByAsync(RedisKey key, long increment, CancellationToken cancellationToken = default) =>
        (await RunAsync(["INCRBY", key, increment], key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>INCRBY (synchronous).</summary>
    public long IncrBy(RedisKey key, long increment) => Run(["INCRBY", key, increment], key, readOnly: false).ToInt64();

    /// <summary>DECR: subtracts 1 from the integer at <paramref name="key"/> and returns the new value.</summary>
    public async ValueTask<long> DecrAsync(RedisKey key, CancellationToken cancellationToken = default) =>
        (await RunAsync(["DECR", key], key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>DECR (synchronous).</summary>
    public long Decr(RedisKey key) => Run(["DECR", key], key, readOnly: false).ToInt64();

    /// <summary>DECRBY: subtracts <paramref name="decrement"/> and returns the new value.</summary>
    public async ValueTask<long> DecrByAsync(RedisKey key, long decrement, CancellationToken cancellationToken = default) =>
        (await RunAsync(["DECRBY", key, decrement], key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>DECRBY (synchronous).</summary>
    public long DecrBy(RedisKey key, long decrement) => Run(["DECRBY", key, decrement], key, readOnly: false).ToInt64();

    /// <summary>INCRBYFLOAT: adds a floating-point increment and returns the new value.</summary>
    public async ValueTask<double> IncrByFloatAsync(RedisKey key, double increment, CancellationToken cancellationToken = default) =>
        (await RunAsync(["INCRBYFLOAT", key, increment], key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToDouble();

    /// <summary>INCRBYFLOAT (synchronous).</summary>
    public double IncrByFloat(RedisKey key, double increment) => Run(["INCRBYFLOAT", key, increment], key, readOnly: false).ToDouble();
}

namespace Slotted;

public sealed partial class RedisCluster
{
    /// <summary>HSET of one field: stores <paramref name="value"/> in <paramref name="field"/> of the hash at <paramref name="key"/>; true when the field is new.</summary>
    public async ValueTask<bool> HSetAsync(RedisKey key, RedisValue field, RedisValue value, CancellationToken cancellationToken = default) =>
        (await RunAsync(FieldValueParts("HSET", key, field, value), key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64() == 1;

    /// <summary>HSET of one field (synchronous).</summary>
    public bool HSet(RedisKey key, RedisValue field, RedisValue value) =>
        Run(FieldValueParts("HSET", key, field, value), key, readOnly: false).ToInt64() == 1;

    /// <summary>
    /// HSET of many fields in one command: returns how many fields were new (updated fields are not
    /// counted). A <see cref="Dictionary{TKey, TValue}"/> of <see cref="RedisValue"/> works as is; a
    /// <see cref="HashEntry"/> converts implicitly to one pair.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="fields"/> is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="fields"/>, a field name or a value is null.</exception>
    public async ValueTask<long> HSetAsync(RedisKey key, IEnumerable<KeyValuePair<RedisValue, RedisValue>> fields, CancellationToken cancellationToken = default) =>
        (await RunAsync(HSetParts(key, fields), key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>HSET of many fields (synchronous).</summary>
    public long HSet(RedisKey key, IEnumerable<KeyValuePair<RedisValue, RedisValue>> fields) =>
        Run(HSetParts(key, fields), key, readOnly: false).ToInt64();

    /// <summary>HSETNX: stores <paramref name="value"/> only when <paramref name="field"/> does not exist yet; true when it was stored.</summary>
    public async ValueTask<bool> HSetNxAsync(RedisKey key, RedisValue field, RedisValue value, CancellationToken cancellationToken = default) =>
        (await RunAsync(FieldValueParts("HSETNX", key, field, value), key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64() == 1;

    /// <summary>HSETNX (synchronous).</summary>
    public bool HSetNx(RedisKey key, RedisValue field, RedisValue value) =>
        Run(FieldValueParts("HSETNX", key, field, value), key, readOnly: false).ToInt64() == 1;

    /// <summary>HGET: the value of <paramref name="field"/>; <see cref="RedisValue.Null"/> when the field or the key does not exist.</summary>
    public async ValueTask<RedisValue> HGetAsync(RedisKey key, RedisValue field, CancellationToken cancellationToken = default) =>
        (await RunAsync(FieldParts("HGET", key, field), key, readOnly: true, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>HGET (synchronous).</summary>
    public RedisValue HGet(RedisKey key, RedisValue field) => Run(FieldParts("HGET", key, field), key, readOnly: true).Value;

    /// <summary>HMGET: the values of <paramref name="fields"/>, in order, <see cref="RedisValue.Null"/> for each missing one.</summary>
    public ValueTask<RedisValue[]> HMGetAsync(RedisKey key, params RedisValue[] fields) => HMGetAsync(key, fields, CancellationToken.None);

    /// <inheritdoc cref="HMGetAsync(RedisKey, RedisValue[])"/>
    public async ValueTask<RedisValue[]> HMGetAsync(RedisKey key, RedisValue[] fields, CancellationToken cancellationToken) =>
        (await RunAsync(CommandParts.KeyValues("HMGET", key, fields, nameof(fields)), key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToValueArray();

    /// <summary>HMGET (synchronous).</summary>
    public RedisValue[] HMGet(RedisKey key, params RedisValue[] fields) =>
        Run(CommandParts.KeyValues("HMGET", key, fields, nameof(fields)), key, readOnly: true).ToValueArray();

    /// <summary>
    /// HGETALL: every field and value of the hash (empty when the key does not exist), in the server's
    /// order. <see cref="HashEntryExtensions.ToDictionary"/> turns it into a dictionary.
    /// </summary>
    public async ValueTask<HashEntry[]> HGetAllAsync(RedisKey key, CancellationToken cancellationToken = default) =>
        TypedReplies.HashEntries(await RunAsync(["HGETALL", key], key, readOnly: true, cancellationToken).ConfigureAwait(false));

    /// <summary>HGETALL (synchronous).</summary>
    public HashEntry[] HGetAll(RedisKey key) => TypedReplies.HashEntries(Run(["HGETALL", key], key, readOnly: true));

    /// <summary>HDEL: removes <paramref name="fields"/> and returns how many existed.</summary>
    public ValueTask<long> HDelAsync(RedisKey key, params RedisValue[] fields) => HDelAsync(key, fields, CancellationToken.None);

    /// <inheritdoc cref="HDelAsync(RedisKey, RedisValue[])"/>
    public async ValueTask<long> HDelAsync(RedisKey key, RedisValue[] fields, CancellationToken cancellationToken) =>
        (await RunAsync(CommandParts.KeyValues("HDEL", key, fields, nameof(fields)), key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>HDEL (synchronous).</summary>
    public long HDel(RedisKey key, params RedisValue[] fields) =>
        Run(CommandParts.KeyValues("HDEL", key, fields, nameof(fields)), key, readOnly: false).ToInt64();

    /// <summary>HEXISTS: true when <paramref name="field"/> exists in the hash.</summary>
    public async ValueTask<bool> HExistsAsync(RedisKey key, RedisValue field, CancellationToken cancellationToken = default) =>
        (await RunAsync(FieldParts("HEXISTS", key, field), key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToInt64() == 1;

    /// <summary>HEXISTS (synchronous).</summary>
    public bool HExists(RedisKey key, RedisValue field) => Run(FieldParts("HEXISTS", key, field), key, readOnly: true).ToInt64() == 1;

    /// <summary>HLEN: the number of fields (0 when the key does not exist).</summary>
    public async ValueTask<long> HLenAsync(RedisKey key, CancellationToken cancellationToken = default) =>
        (await RunAsync(["HLEN", key], key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>HLEN (synchronous).</summary>
    public long HLen(RedisKey key) => Run(["HLEN", key], key, readOnly: true).ToInt64();

    /// <summary>HKEYS: every field name (empty when the key does not exist).</summary>
    public async ValueTask<RedisValue[]> HKeysAsync(RedisKey key, CancellationToken cancellationToken = default) =>
        (await RunAsync(["HKEYS", key], key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToValueArray();

    /// <summary>HKEYS (synchronous).</summary>
    public RedisValue[] HKeys(RedisKey key) => Run(["HKEYS", key], key, readOnly: true).ToValueArray();

    /// <summary>HVALS: every value (empty when the key does not exist).</summary>
    public async ValueTask<RedisValue[]> HValsAsync(RedisKey key, CancellationToken cancellationToken = default) =>
        (await RunAsync(["HVALS", key], key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToValueArray();

    /// <summary>HVALS (synchronous).</summary>
    public RedisValue[] HVals(RedisKey key) => Run(["HVALS", key], key, readOnly: true).ToValueArray();

    /// <summary>HINCRBY: adds <paramref name="increment"/> to the integer in <paramref name="field"/> (0 when missing) and returns the new value.</summary>
    public async ValueTask<long> HIncrByAsync(RedisKey key, RedisValue field, long increment = 1, CancellationToken cancellationToken = default) =>
        (await RunAsync(FieldValueParts("HINCRBY", key, field, increment), key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>HINCRBY (synchronous).</summary>
    public long HIncrBy(RedisKey key, RedisValue field, long increment = 1) =>
        Run(FieldValueParts("HINCRBY", key, field, increment), key, readOnly: false).ToInt64();

    /// <summary>HINCRBYFLOAT: adds a floating-point <paramref name="increment"/> to <paramref name="field"/> and returns the new value.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="increment"/> is NaN or infinite (Redis refuses both).</exception>
    public async ValueTask<double> HIncrByFloatAsync(RedisKey key, RedisValue field, double increment, CancellationToken cancellationToken = default) =>
        (await RunAsync(HIncrByFloatParts(key, field, increment), key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToDouble();

    /// <summary>HINCRBYFLOAT (synchronous).</summary>
    public double HIncrByFloat(RedisKey key, RedisValue field, double increment) =>
        Run(HIncrByFloatParts(key, field, increment), key, readOnly: false).ToDouble();

    /// <summary>HSTRLEN: the length in bytes of <paramref name="field"/>'s value (0 when missing).</summary>
    public async ValueTask<long> HStrLenAsync(RedisKey key, RedisValue field, CancellationToken cancellationToken = default) =>
        (await RunAsync(FieldParts("HSTRLEN", key, field), key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>HSTRLEN (synchronous).</summary>
    public long HStrLen(RedisKey key, RedisValue field) => Run(FieldParts("HSTRLEN", key, field), key, readOnly: true).ToInt64();

    /// <summary>HRANDFIELD: one random field name; <see cref="RedisValue.Null"/> when the key does not exist.</summary>
    public async ValueTask<RedisValue> HRandFieldAsync(RedisKey key, CancellationToken cancellationToken = default) =>
        (await RunAsync(["HRANDFIELD", key], key, readOnly: true, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>HRANDFIELD (synchronous).</summary>
    public RedisValue HRandField(RedisKey key) => Run(["HRANDFIELD", key], key, readOnly: true).Value;

    /// <summary>
    /// HRANDFIELD key count: up to <paramref name="count"/> distinct random fields; a negative count
    /// returns exactly |count| fields and may repeat them (https://redis.io/docs/latest/commands/hrandfield/).
    /// </summary>
    public async ValueTask<RedisValue[]> HRandFieldAsync(RedisKey key, long count, CancellationToken cancellationToken = default) =>
        (await RunAsync(["HRANDFIELD", key, count], key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToValueArray();

    /// <summary>HRANDFIELD key count (synchronous).</summary>
    public RedisValue[] HRandField(RedisKey key, long count) => Run(["HRANDFIELD", key, count], key, readOnly: true).ToValueArray();

    /// <summary>HRANDFIELD key count WITHVALUES: random fields with their values (count as in <see cref="HRandFieldAsync(RedisKey, long, CancellationToken)"/>).</summary>
    public async ValueTask<HashEntry[]> HRandFieldWithValuesAsync(RedisKey key, long count, CancellationToken cancellationToken = default) =>
        TypedReplies.HashEntries(await RunAsync(["HRANDFIELD", key, count, "WITHVALUES"], key, readOnly: true, cancellationToken).ConfigureAwait(false));

    /// <summary>HRANDFIELD key count WITHVALUES (synchronous).</summary>
    public HashEntry[] HRandFieldWithValues(RedisKey key, long count) =>
        TypedReplies.HashEntries(Run(["HRANDFIELD", key, count, "WITHVALUES"], key, readOnly: true));

    private static RedisValue[] FieldParts(string command, RedisKey key, RedisValue field)
    {
        Guard.Value(field, nameof(field));
        return [command, key, field];
    }

    internal static RedisValue[] FieldValueParts(string command, RedisKey key, RedisValue field, RedisValue value)
    {
        Guard.Value(field, nameof(field));
        Guard.Value(value);
        return [command, key, field, value];
    }

    private static RedisValue[] HIncrByFloatParts(RedisKey key, RedisValue field, double increment)
    {
        CommandParts.Finite(increment, nameof(increment));
        return FieldValueParts("HINCRBYFLOAT", key, field, increment);
    }

    internal static RedisValue[] HSetParts(RedisKey key, IEnumerable<KeyValuePair<RedisValue, RedisValue>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var parts = new List<RedisValue>(fields.TryGetNonEnumeratedCount(out int n) ? 2 + 2 * n : 16) { "HSET", key };
        CommandParts.AddPairs(parts, fields, nameof(fields));
        return [.. parts];
    }
}

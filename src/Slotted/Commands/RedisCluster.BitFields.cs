namespace Slotted;

public sealed partial class RedisCluster
{
    /// <summary>
    /// BITFIELD: runs <paramref name="operations"/> in order, atomically, on the string at
    /// <paramref name="key"/> treated as an array of integers of any width (growing it as needed), and
    /// returns one value per operation: GET the value, SET the old value, INCRBY the new value; null
    /// where <see cref="BitFieldOverflow.Fail"/> stopped a SET or INCRBY. See https://redis.io/docs/latest/commands/bitfield/.
    /// </summary>
    /// <example><code>
    /// var u8 = BitFieldType.Unsigned(8);
    /// long?[] r = await cluster.BitFieldAsync("counters",
    ///     BitFieldOperation.IncrBy(u8, BitFieldOffset.Multiplied(3), 10, BitFieldOverflow.Saturate),
    ///     BitFieldOperation.Get(u8, 0));
    /// </code></example>
    /// <exception cref="ArgumentException">No operations, or a <c>default</c> operation.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="operations"/> is null.</exception>
    public ValueTask<long?[]> BitFieldAsync(RedisKey key, params BitFieldOperation[] operations) => BitFieldAsync(key, operations, CancellationToken.None);

    /// <inheritdoc cref="BitFieldAsync(RedisKey, BitFieldOperation[])"/>
    public async ValueTask<long?[]> BitFieldAsync(RedisKey key, BitFieldOperation[] operations, CancellationToken cancellationToken) =>
        TypedReplies.NullableInt64s(await RunAsync(BitFieldParts("BITFIELD", key, operations), key, readOnly: false, cancellationToken).ConfigureAwait(false));

    /// <summary>BITFIELD (synchronous).</summary>
    public long?[] BitField(RedisKey key, params BitFieldOperation[] operations) =>
        TypedReplies.NullableInt64s(Run(BitFieldParts("BITFIELD", key, operations), key, readOnly: false));

    /// <summary>
    /// BITFIELD_RO: the values of the GET <paramref name="operations"/>, in order. A read, so it may be
    /// served by a replica when <see cref="RedisClusterOptions.ReadFrom"/> allows (BITFIELD with only
    /// GETs is still a write command to Redis). See https://redis.io/docs/latest/commands/bitfield_ro/.
    /// </summary>
    /// <exception cref="ArgumentException">No operations, or one that is not a <see cref="BitFieldOperation.Get"/>.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="operations"/> is null.</exception>
    public ValueTask<long?[]> BitFieldReadOnlyAsync(RedisKey key, params BitFieldOperation[] operations) => BitFieldReadOnlyAsync(key, operations, CancellationToken.None);

    /// <inheritdoc cref="BitFieldReadOnlyAsync(RedisKey, BitFieldOperation[])"/>
    public async ValueTask<long?[]> BitFieldReadOnlyAsync(RedisKey key, BitFieldOperation[] operations, CancellationToken cancellationToken) =>
        TypedReplies.NullableInt64s(await RunAsync(BitFieldParts("BITFIELD_RO", key, operations), key, readOnly: true, cancellationToken).ConfigureAwait(false));

    /// <summary>BITFIELD_RO (synchronous).</summary>
    public long?[] BitFieldReadOnly(RedisKey key, params BitFieldOperation[] operations) =>
        TypedReplies.NullableInt64s(Run(BitFieldParts("BITFIELD_RO", key, operations), key, readOnly: true));

    internal static RedisValue[] BitFieldParts(string command, RedisKey key, BitFieldOperation[] operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (operations.Length == 0) throw new ArgumentException("At least one operation is required.", nameof(operations));
        bool readOnly = command == "BITFIELD_RO";
        var parts = new List<RedisValue>(2 + operations.Length * 6) { command, key };
        var overflow = BitFieldOverflow.Wrap;
        foreach (var op in operations)
        {
            if (op.Command is null) throw new ArgumentException("An operation is default; use BitFieldOperation.Get, Set or IncrBy.", nameof(operations));
            if (readOnly && op.Command != "GET") throw new ArgumentException($"BITFIELD_RO takes only GET operations, not {op.Command}.", nameof(operations));
            if (op.Command != "GET" && op.Overflow != overflow)
            {
                overflow = op.Overflow;
                parts.Add("OVERFLOW");
                parts.Add(overflow switch { BitFieldOverflow.Saturate => "SAT", BitFieldOverflow.Fail => "FAIL", _ => "WRAP" });
            }
            parts.Add(op.Command);
            parts.Add(op.Type.ToString());
            parts.Add(op.Offset.ToString());
            if (op.Command != "GET") parts.Add(op.Value);
        }
        return [.. parts];
    }
}

namespace Slotted;

public sealed partial class RedisCluster
{
    /// <summary>Redis's largest bit offset: 2^32 - 1 (a 512 MB string).</summary>
    internal const long MaxBitOffset = (1L << 32) - 1;

    /// <summary>GETBIT: the bit at <paramref name="offset"/> of the string at <paramref name="key"/> (false past the end or when missing).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is negative or past 2^32 - 1.</exception>
    public async ValueTask<bool> GetBitAsync(RedisKey key, long offset, CancellationToken cancellationToken = default) =>
        (await RunAsync(["GETBIT", key, BitOffset(offset)], key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToInt64() == 1;

    /// <summary>GETBIT (synchronous).</summary>
    public bool GetBit(RedisKey key, long offset) => Run(["GETBIT", key, BitOffset(offset)], key, readOnly: true).ToInt64() == 1;

    /// <summary>SETBIT: sets or clears the bit at <paramref name="offset"/> (growing the string as needed) and returns its previous value.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is negative or past 2^32 - 1.</exception>
    public async ValueTask<bool> SetBitAsync(RedisKey key, long offset, bool value, CancellationToken cancellationToken = default) =>
        (await RunAsync(["SETBIT", key, BitOffset(offset), value ? 1 : 0], key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64() == 1;

    /// <summary>SETBIT (synchronous).</summary>
    public bool SetBit(RedisKey key, long offset, bool value) => Run(["SETBIT", key, BitOffset(offset), value ? 1 : 0], key, readOnly: false).ToInt64() == 1;

    /// <summary>BITCOUNT: the number of set bits in the whole string at <paramref name="key"/>.</summary>
    public async ValueTask<long> BitCountAsync(RedisKey key, CancellationToken cancellationToken = default) =>
        (await RunAsync(["BITCOUNT", key], key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>BITCOUNT (synchronous).</summary>
    public long BitCount(RedisKey key) => Run(["BITCOUNT", key], key, readOnly: true).ToInt64();

    /// <summary>
    /// BITCOUNT key start end [BYTE|BIT]: the number of set bits between <paramref name="start"/> and
    /// <paramref name="end"/> (inclusive; negative counts from the end), in bytes or, from Redis 7, bits.
    /// </summary>
    public async ValueTask<long> BitCountAsync(RedisKey key, long start, long end, BitUnit unit = BitUnit.Byte, CancellationToken cancellationToken = default) =>
        (await RunAsync(BitCountParts(key, start, end, unit), key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>BITCOUNT with a range (synchronous).</summary>
    public long BitCount(RedisKey key, long start, long end, BitUnit unit = BitUnit.Byte) =>
        Run(BitCountParts(key, start, end, unit), key, readOnly: true).ToInt64();

    /// <summary>
    /// BITPOS: the position of the first bit equal to <paramref name="bit"/>; -1 when there is none
    /// (looking for a clear bit in an all-ones string gives the first bit past its end, as Redis defines).
    /// </summary>
    public async ValueTask<long> BitPosAsync(RedisKey key, bool bit, CancellationToken cancellationToken = default) =>
        (await RunAsync(["BITPOS", key, bit ? 1 : 0], key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>BITPOS (synchronous).</summary>
    public long BitPos(RedisKey key, bool bit) => Run(["BITPOS", key, bit ? 1 : 0], key, readOnly: true).ToInt64();

    /// <summary>
    /// BITPOS key bit start [end [BYTE|BIT]]: the first bit equal to <paramref name="bit"/> from
    /// <paramref name="start"/> (to <paramref name="end"/>, inclusive, when given); -1 when there is none.
    /// With an explicit end, a search for a clear bit in an all-ones range gives -1.
    /// See https://redis.io/docs/latest/commands/bitpos/.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="unit"/> is <see cref="BitUnit.Bit"/> without <paramref name="end"/> (Redis needs both).</exception>
    public async ValueTask<long> BitPosAsync(RedisKey key, bool bit, long start, long? end = null, BitUnit unit = BitUnit.Byte, CancellationToken cancellationToken = default) =>
        (await RunAsync(BitPosParts(key, bit, start, end, unit), key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>BITPOS with a range (synchronous).</summary>
    public long BitPos(RedisKey key, bool bit, long start, long? end = null, BitUnit unit = BitUnit.Byte) =>
        Run(BitPosParts(key, bit, start, end, unit), key, readOnly: true).ToInt64();

    private static long BitOffset(long offset)
    {
        if (offset < 0 || offset > MaxBitOffset)
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "A bit offset must be between 0 and 2^32 - 1.");
        return offset;
    }

    private static RedisValue[] BitCountParts(RedisKey key, long start, long end, BitUnit unit) => unit switch
    {
        BitUnit.Byte => ["BITCOUNT", key, start, end],
        BitUnit.Bit => ["BITCOUNT", key, start, end, "BIT"],
        _ => throw new ArgumentOutOfRangeException(nameof(unit)),
    };

    private static RedisValue[] BitPosParts(RedisKey key, bool bit, long start, long? end, BitUnit unit)
    {
        if (unit is not (BitUnit.Byte or BitUnit.Bit)) throw new ArgumentOutOfRangeException(nameof(unit));
        if (end is null)
        {
            if (unit == BitUnit.Bit) throw new ArgumentException("BITPOS takes BIT only together with an end offset.", nameof(unit));
            return ["BITPOS", key, bit ? 1 : 0, start];
        }
        return unit == BitUnit.Bit ? ["BITPOS", key, bit ? 1 : 0, start, end.Value, "BIT"] : ["BITPOS", key, bit ? 1 : 0, start, end.Value];
    }
}

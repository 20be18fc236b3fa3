namespace Slotted;

public sealed partial class RedisCluster
{
    /// <summary>SADD: adds <paramref name="members"/> to the set and returns how many were not already in it.</summary>
    public ValueTask<long> SAddAsync(RedisKey key, params RedisValue[] members) => SAddAsync(key, members, CancellationToken.None);

    /// <inheritdoc cref="SAddAsync(RedisKey, RedisValue[])"/>
    public async ValueTask<long> SAddAsync(RedisKey key, RedisValue[] members, CancellationToken cancellationToken) =>
        (await RunAsync(CommandParts.KeyValues("SADD", key, members, nameof(members)), key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>SADD (synchronous).</summary>
    public long SAdd(RedisKey key, params RedisValue[] members) =>
        Run(CommandParts.KeyValues("SADD", key, members, nameof(members)), key, readOnly: false).ToInt64();

    /// <summary>SREM: removes <paramref name="members"/> and returns how many were in the set.</summary>
    public ValueTask<long> SRemAsync(RedisKey key, params RedisValue[] members) => SRemAsync(key, members, CancellationToken.None);

    /// <inheritdoc cref="SRemAsync(RedisKey, RedisValue[])"/>
    public async ValueTask<long> SRemAsync(RedisKey key, RedisValue[] members, CancellationToken cancellationToken) =>
        (await RunAsync(CommandParts.KeyValues("SREM", key, members, nameof(members)), key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>SREM (synchronous).</summary>
    public long SRem(RedisKey key, params RedisValue[] members) =>
        Run(CommandParts.KeyValues("SREM", key, members, nameof(members)), key, readOnly: false).ToInt64();

    /// <summary>SMEMBERS: every member, in no particular order (empty when the key does not exist).</summary>
    public async ValueTask<RedisValue[]> SMembersAsync(RedisKey key, CancellationToken cancellationToken = default) =>
        (await RunAsync(["SMEMBERS", key], key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToValueArray();

    /// <summary>SMEMBERS (synchronous).</summary>
    public RedisValue[] SMembers(RedisKey key) => Run(["SMEMBERS", key], key, readOnly: true).ToValueArray();

    /// <summary>SISMEMBER: true when <paramref name="member"/> is in the set.</summary>
    public async ValueTask<bool> SIsMemberAsync(RedisKey key, RedisValue member, CancellationToken cancellationToken = default) =>
        (await RunAsync(MemberParts("SISMEMBER", key, member), key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToInt64() == 1;

    /// <summary>SISMEMBER (synchronous).</summary>
    public bool SIsMember(RedisKey key, RedisValue member) => Run(MemberParts("SISMEMBER", key, member), key, readOnly: true).ToInt64() == 1;

    /// <summary>SMISMEMBER: for each of <paramref name="members"/>, in order, whether it is in the set.</summary>
    public ValueTask<bool[]> SMIsMemberAsync(RedisKey key, params RedisValue[] members) => SMIsMemberAsync(key, members, CancellationToken.None);

    /// <inheritdoc cref="SMIsMemberAsync(RedisKey, RedisValue[])"/>
    public async ValueTask<bool[]> SMIsMemberAsync(RedisKey key, RedisValue[] members, CancellationToken cancellationToken) =>
        TypedReplies.Booleans(await RunAsync(CommandParts.KeyValues("SMISMEMBER", key, members, nameof(members)), key, readOnly: true, cancellationToken).ConfigureAwait(false));

    /// <summary>SMISMEMBER (synchronous).</summary>
    public bool[] SMIsMember(RedisKey key, params RedisValue[] members) =>
        TypedReplies.Booleans(Run(CommandParts.KeyValues("SMISMEMBER", key, members, nameof(members)), key, readOnly: true));

    /// <summary>SCARD: the number of members (0 when the key does not exist).</summary>
    public async ValueTask<long> SCardAsync(RedisKey key, CancellationToken cancellationToken = default) =>
        (await RunAsync(["SCARD", key], key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToInt64();

    /// <summary>SCARD (synchronous).</summary>
    public long SCard(RedisKey key) => Run(["SCARD", key], key, readOnly: true).ToInt64();

    /// <summary>SPOP: removes and returns one random member; <see cref="RedisValue.Null"/> when the set does not exist.</summary>
    public async ValueTask<RedisValue> SPopAsync(RedisKey key, CancellationToken cancellationToken = default) =>
        (await RunAsync(["SPOP", key], key, readOnly: false, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>SPOP (synchronous).</summary>
    public RedisValue SPop(RedisKey key) => Run(["SPOP", key], key, readOnly: false).Value;

    /// <summary>SPOP key count: removes and returns up to <paramref name="count"/> distinct random members.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public async ValueTask<RedisValue[]> SPopAsync(RedisKey key, long count, CancellationToken cancellationToken = default) =>
        (await RunAsync(PopCountParts("SPOP", key, count), key, readOnly: false, cancellationToken).ConfigureAwait(false)).ToValueArray();

    /// <summary>SPOP key count (synchronous).</summary>
    public RedisValue[] SPop(RedisKey key, long count) => Run(PopCountParts("SPOP", key, count), key, readOnly: false).ToValueArray();

    /// <summary>SRANDMEMBER: one random member, left in the set; <see cref="RedisValue.Null"/> when the set does not exist.</summary>
    public async ValueTask<RedisValue> SRandMemberAsync(RedisKey key, CancellationToken cancellationToken = default) =>
        (await RunAsync(["SRANDMEMBER", key], key, readOnly: true, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>SRANDMEMBER (synchronous).</summary>
    public RedisValue SRandMember(RedisKey key) => Run(["SRANDMEMBER", key], key, readOnly: true).Value;

    /// <summary>
    /// SRANDMEMBER key count: up to <paramref name="count"/> distinct random members; a negative count
    /// returns exactly |count| members and may repeat them (https://redis.io/docs/latest/commands/srandmember/).
    /// </summary>
    public async ValueTask<RedisValue[]> SRandMemberAsync(RedisKey key, long count, CancellationToken cancellationToken = default) =>
        (await RunAsync(["SRANDMEMBER", key, count], key, readOnly: true, cancellationToken).ConfigureAwait(false)).ToValueArray();

    /// <summary>SRANDMEMBER key count (synchronous).</summary>
    public RedisValue[] SRandMember(RedisKey key, long count) => Run(["SRANDMEMBER", key, count], key, readOnly: true).ToValueArray();

    private static RedisValue[] MemberParts(string command, RedisKey key, RedisValue member)
    {
        Guard.Value(member, nameof(member));
        return [command, key, member];
    }
}

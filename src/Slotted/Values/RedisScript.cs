using System.Security.Cryptography;
using System.Text;

namespace Slotted;

/// <summary>
/// A Lua script prepared once and run by its SHA1 digest: <see cref="EvaluateAsync"/> sends
/// <c>EVALSHA</c> (only the 40-character digest travels), and when the node answers <c>NOSCRIPT</c> —
/// its script cache was flushed, it restarted, or it was promoted from a replica that never saw the
/// script — sends the script itself once with <c>EVAL</c>, which also caches it on that node. The caller
/// never sees NOSCRIPT. Keys must share one hash slot (checked before sending); a script without keys
/// runs on any primary. Thread-safe; keep one instance per script.
/// </summary>
/// <example>
/// <code>
/// static readonly RedisScript IncrBy = new("return redis.call('INCRBY', KEYS[1], ARGV[1])");
/// RedisResult r = await IncrBy.EvaluateAsync(cluster, ["counter"], [5]);
/// </code>
/// </example>
public sealed class RedisScript
{
    /// <summary>Prepares <paramref name="script"/> (Lua source) and computes its SHA1, as Redis does.</summary>
    public RedisScript(string script)
    {
        ArgumentException.ThrowIfNullOrEmpty(script);
        Script = script;
        Sha1 = ComputeSha1(script);
    }

    /// <summary>The Lua source.</summary>
    public string Script { get; }

    /// <summary>The lowercase hex SHA1 of the source's UTF-8 bytes: the name Redis caches the script under.</summary>
    public string Sha1 { get; }

    /// <summary>Runs the script (EVALSHA, falling back to EVAL once on NOSCRIPT); the reply is the script's return value.</summary>
    /// <exception cref="RedisCrossSlotException">The keys hash to different slots.</exception>
    /// <exception cref="RedisServerException">The script raised an error.</exception>
    public ValueTask<RedisResult> EvaluateAsync(RedisCluster cluster, IReadOnlyList<RedisKey>? keys = null, IReadOnlyList<RedisValue>? args = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return cluster.EvaluateAsync(this, keys, args, readOnly: false, cancellationToken);
    }

    /// <summary>The synchronous twin of <see cref="EvaluateAsync"/>.</summary>
    public RedisResult Evaluate(RedisCluster cluster, IReadOnlyList<RedisKey>? keys = null, IReadOnlyList<RedisValue>? args = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return cluster.Evaluate(this, keys, args, readOnly: false);
    }

    /// <summary>
    /// Runs the script as read-only (EVALSHA_RO, falling back to EVAL_RO): the server refuses writes
    /// from it, and with <see cref="ReadFrom.PreferReplica"/> or <see cref="ReadFrom.Any"/> it may run on a replica.
    /// </summary>
    public ValueTask<RedisResult> EvaluateReadOnlyAsync(RedisCluster cluster, IReadOnlyList<RedisKey>? keys = null, IReadOnlyList<RedisValue>? args = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return cluster.EvaluateAsync(this, keys, args, readOnly: true, cancellationToken);
    }

    /// <summary>The synchronous twin of <see cref="EvaluateReadOnlyAsync"/>.</summary>
    public RedisResult EvaluateReadOnly(RedisCluster cluster, IReadOnlyList<RedisKey>? keys = null, IReadOnlyList<RedisValue>? args = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return cluster.Evaluate(this, keys, args, readOnly: true);
    }

    /// <summary>Loads the script on every node ahead of use (SCRIPT LOAD; optional, <see cref="EvaluateAsync"/> loads on demand).</summary>
    public async ValueTask LoadAsync(RedisCluster cluster, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        await cluster.ScriptLoadAsync(Script, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The synchronous twin of <see cref="LoadAsync"/>.</summary>
    public void Load(RedisCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        cluster.ScriptLoad(Script);
    }

    /// <summary>The SHA1 Redis names a script by (EVALSHA, SCRIPT EXISTS): lowercase hex of its UTF-8 bytes.</summary>
    public static string ComputeSha1(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
#pragma warning disable CA5350 // Redis identifies scripts by SHA1; this is a cache name, not a security measure.
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(script)));
#pragma warning restore CA5350
    }

    /// <inheritdoc />
    public override string ToString() => Sha1;
}

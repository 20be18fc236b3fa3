namespace Slotted;

// Redis Functions (Redis 7+, docs "Redis functions"). Unlike scripts, function libraries are
// replicated and persisted, but each primary keeps its own: FUNCTION LOAD/DELETE/FLUSH go to every
// primary (request_policy all_shards) and their replicas follow. FCALL is routed by its keys.
public sealed partial class RedisCluster
{
    /// <summary>
    /// FUNCTION LOAD on every primary: loads a library (source starting with
    /// <c>#!lua name=&lt;library&gt;</c>). Returns the library name. Without <paramref name="replace"/>,
    /// loading a library that exists fails on the primaries that have it.
    /// </summary>
    public async ValueTask<string> FunctionLoadAsync(string code, bool replace = false, CancellationToken cancellationToken = default) =>
        (await EveryNodeAsync(FunctionLoadParts(code, replace), primariesOnly: true, cancellationToken).ConfigureAwait(false))[0].ToString() ?? "";

    /// <summary>The synchronous twin of <see cref="FunctionLoadAsync"/>.</summary>
    public string FunctionLoad(string code, bool replace = false) => EveryNode(FunctionLoadParts(code, replace), primariesOnly: true)[0].ToString() ?? "";

    /// <summary>FUNCTION DELETE on every primary: removes a library and its functions.</summary>
    public async ValueTask FunctionDeleteAsync(string libraryName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(libraryName);
        await EveryNodeAsync(["FUNCTION", "DELETE", libraryName], primariesOnly: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The synchronous twin of <see cref="FunctionDeleteAsync"/>.</summary>
    public void FunctionDelete(string libraryName)
    {
        ArgumentException.ThrowIfNullOrEmpty(libraryName);
        EveryNode(["FUNCTION", "DELETE", libraryName], primariesOnly: true);
    }

    /// <summary>FUNCTION FLUSH on every primary: removes every library.</summary>
    public async ValueTask FunctionFlushAsync(ScriptFlushMode mode = ScriptFlushMode.Default, CancellationToken cancellationToken = default) =>
        await EveryNodeAsync(FlushParts("FUNCTION", mode), primariesOnly: true, cancellationToken).ConfigureAwait(false);

    /// <summary>The synchronous twin of <see cref="FunctionFlushAsync"/>.</summary>
    public void FunctionFlush(ScriptFlushMode mode = ScriptFlushMode.Default) => EveryNode(FlushParts("FUNCTION", mode), primariesOnly: true);

    /// <summary>
    /// FUNCTION LIST on one primary (every primary holds the same libraries when they were loaded
    /// through this client): the raw reply, one entry per library with its functions.
    /// </summary>
    public async ValueTask<RedisResult> FunctionListAsync(string? libraryNamePattern = null, bool withCode = false, CancellationToken cancellationToken = default) =>
        ThrowIfError(await _executor.ExecuteAsync(FunctionListParts(libraryNamePattern, withCode), -1, readOnly: true, cancellationToken).ConfigureAwait(false));

    /// <summary>The synchronous twin of <see cref="FunctionListAsync"/>.</summary>
    public RedisResult FunctionList(string? libraryNamePattern = null, bool withCode = false) =>
        ThrowIfError(_executor.Execute(FunctionListParts(libraryNamePattern, withCode), -1, readOnly: true));

    /// <summary>FUNCTION KILL on every node (see <see cref="ScriptKillAsync"/>): true when a function was stopped, false when none ran.</summary>
    public ValueTask<bool> FunctionKillAsync(CancellationToken cancellationToken = default) => KillAsync(["FUNCTION", "KILL"], cancellationToken);

    /// <summary>The synchronous twin of <see cref="FunctionKillAsync"/>.</summary>
    public bool FunctionKill() => Kill(["FUNCTION", "KILL"]);

    /// <summary>
    /// FCALL: calls a function of a loaded library. <paramref name="keys"/> must share one hash slot,
    /// which picks the node; without keys the call runs on any primary.
    /// </summary>
    /// <exception cref="RedisCrossSlotException">The keys hash to different slots (nothing was sent).</exception>
    public async ValueTask<RedisResult> FCallAsync(string function, IReadOnlyList<RedisKey>? keys = null, IReadOnlyList<RedisValue>? args = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(function);
        return ThrowIfError(await _executor.ExecuteAsync(ScriptParts("FCALL", function, keys, args), ScriptSlot(keys), readOnly: false, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The synchronous twin of <see cref="FCallAsync"/>.</summary>
    public RedisResult FCall(string function, IReadOnlyList<RedisKey>? keys = null, IReadOnlyList<RedisValue>? args = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(function);
        return ThrowIfError(_executor.Execute(ScriptParts("FCALL", function, keys, args), ScriptSlot(keys), readOnly: false));
    }

    /// <summary>FCALL_RO: calls a function declared with the <c>no-writes</c> flag; it may run on a replica when <see cref="RedisClusterOptions.ReadFrom"/> allows.</summary>
    public async ValueTask<RedisResult> FCallReadOnlyAsync(string function, IReadOnlyList<RedisKey>? keys = null, IReadOnlyList<RedisValue>? args = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(function);
        return ThrowIfError(await _executor.ExecuteAsync(ScriptParts("FCALL_RO", function, keys, args), ScriptSlot(keys), readOnly: true, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The synchronous twin of <see cref="FCallReadOnlyAsync"/>.</summary>
    public RedisResult FCallReadOnly(string function, IReadOnlyList<RedisKey>? keys = null, IReadOnlyList<RedisValue>? args = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(function);
        return ThrowIfError(_executor.Execute(ScriptParts("FCALL_RO", function, keys, args), ScriptSlot(keys), readOnly: true));
    }

    private static RedisValue[] FunctionLoadParts(string code, bool replace)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        return replace ? ["FUNCTION", "LOAD", "REPLACE", code] : ["FUNCTION", "LOAD", code];
    }

    private static RedisValue[] FunctionListParts(string? pattern, bool withCode)
    {
        var parts = new List<RedisValue> { "FUNCTION", "LIST" };
        if (pattern is not null)
        {
            parts.Add("LIBRARYNAME");
            parts.Add(pattern);
        }
        if (withCode) parts.Add("WITHCODE");
        return [.. parts];
    }
}

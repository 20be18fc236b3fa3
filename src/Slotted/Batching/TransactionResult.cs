namespace Slotted;

/// <summary>
/// The outcome of <see cref="RedisTransaction.ExecuteAsync(CancellationToken)"/>: whether EXEC ran
/// the commands, and their replies in order. Converts to <see langword="bool"/> (<see cref="Committed"/>),
/// so <c>if (await tx.ExecuteAsync())</c> reads naturally.
/// </summary>
public sealed class TransactionResult
{
    private static readonly RedisResult[] None = [];

    internal TransactionResult(bool committed, IReadOnlyList<RedisResult>? results)
    {
        Committed = committed;
        Results = results ?? None;
    }

    /// <summary>
    /// True when EXEC ran the commands; false when a watched key was changed by someone else after
    /// WATCH (EXEC answered null: nothing ran, so the usual response is to read again and retry).
    /// </summary>
    public bool Committed { get; }

    /// <summary>One reply per queued command, in order (empty when not committed). A command that failed while running (e.g. <c>WRONGTYPE</c>) has its error reply here; the others still ran, as Redis does not roll back.</summary>
    public IReadOnlyList<RedisResult> Results { get; }

    /// <summary>The same as <see cref="Committed"/>.</summary>
    public static implicit operator bool(TransactionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Committed;
    }
}

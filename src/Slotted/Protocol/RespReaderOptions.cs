namespace Slotted.Protocol;

/// <summary>Bounds the reader enforces on untrusted input; a frame beyond them is a protocol error.</summary>
internal sealed class RespReaderOptions
{
    public static RespReaderOptions Default { get; } = new();

    /// <summary>Largest bulk/verbatim/blob string accepted (Redis's own proto-max-bulk-len default: 512 MB).</summary>
    public int MaxBulkLength { get; init; } = 512 * 1024 * 1024;

    /// <summary>Largest element count accepted for one aggregate.</summary>
    public int MaxAggregateLength { get; init; } = 1 << 28;

    /// <summary>Deepest nesting of aggregates accepted.</summary>
    public int MaxDepth { get; init; } = 64;
}

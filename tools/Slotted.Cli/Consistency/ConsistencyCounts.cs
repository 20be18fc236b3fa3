using System.Globalization;

namespace Slotted.Cli.Consistency;

/// <summary>
/// The running totals of a consistency test, shared by every worker (updated with interlocked adds, read
/// at any time). <see cref="FormatStatus"/> prints them in redis-rb-cluster's status-line form.
/// </summary>
internal sealed class ConsistencyCounts
{
    private long _reads;
    private long _failedReads;
    private long _writes;
    private long _failedWrites;
    private long _unknownWrites;
    private long _lost;
    private long _notAcknowledged;
    private long _duplicated;

    /// <summary>GETs that returned a value.</summary>
    public long Reads => Volatile.Read(ref _reads);

    /// <summary>GETs that failed.</summary>
    public long FailedReads => Volatile.Read(ref _failedReads);

    /// <summary>INCRs that returned a value.</summary>
    public long Writes => Volatile.Read(ref _writes);

    /// <summary>INCRs that failed, whether or not they may have run.</summary>
    public long FailedWrites => Volatile.Read(ref _failedWrites);

    /// <summary>The failed INCRs whose outcome is unknown (timeout, connection lost after sending): they may have run.</summary>
    public long UnknownWrites => Volatile.Read(ref _unknownWrites);

    /// <summary>Acknowledged increments missing from the server: a GET returned less than the last INCR did.</summary>
    public long Lost => Volatile.Read(ref _lost);

    /// <summary>Increments the server has that were never acknowledged: a GET returned more than the last INCR did.</summary>
    public long NotAcknowledged => Volatile.Read(ref _notAcknowledged);

    /// <summary>
    /// Increments beyond every INCR that was acknowledged or may have run: the client sent some write twice.
    /// Always a client bug.
    /// </summary>
    public long Duplicated => Volatile.Read(ref _duplicated);

    /// <summary>Failed reads plus failed writes.</summary>
    public long Errors => FailedReads + FailedWrites;

    internal void AddRead() => Interlocked.Increment(ref _reads);

    internal void AddFailedRead() => Interlocked.Increment(ref _failedReads);

    internal void AddWrite() => Interlocked.Increment(ref _writes);

    internal void AddFailedWrite(bool mayHaveRun)
    {
        Interlocked.Increment(ref _failedWrites);
        if (mayHaveRun) Interlocked.Increment(ref _unknownWrites);
    }

    internal void AddLost(long n) => Interlocked.Add(ref _lost, n);

    internal void AddNotAcknowledged(long n) => Interlocked.Add(ref _notAcknowledged, n);

    internal void AddDuplicated(long n) => Interlocked.Add(ref _duplicated, n);

    /// <summary>
    /// <c>N R (E err) | N W (E err) | N lost | N noack</c>, followed by <c>| N dup</c> when a duplicate was seen.
    /// </summary>
    public string FormatStatus()
    {
        string line = string.Create(CultureInfo.InvariantCulture,
            $"{Reads} R ({FailedReads} err) | {Writes} W ({FailedWrites} err) | {Lost} lost | {NotAcknowledged} noack");
        long duplicated = Duplicated;
        return duplicated == 0 ? line : string.Create(CultureInfo.InvariantCulture, $"{line} | {duplicated} dup");
    }

    /// <inheritdoc/>
    public override string ToString() => FormatStatus();
}

namespace Slotted.Cli.Consistency;

/// <summary>One GET or INCR of a consistency test, as reported to <see cref="ConsistencyChecker.Observer"/>.</summary>
/// <param name="Key">The key.</param>
/// <param name="IsWrite">True for the INCR, false for the GET.</param>
/// <param name="StartedAt">When the call started (<see cref="Environment.TickCount64"/>).</param>
/// <param name="EndedAt">When it returned or threw (<see cref="Environment.TickCount64"/>).</param>
/// <param name="Error">The error the call threw; null when it succeeded.</param>
internal readonly record struct ConsistencyOperation(string Key, bool IsWrite, long StartedAt, long EndedAt, Exception? Error);

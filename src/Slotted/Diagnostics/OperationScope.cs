using System.Diagnostics;

namespace Slotted.Diagnostics;

/// <summary>
/// The telemetry of one call made of several commands (a pipeline or transaction run, a multi-key
/// emulation): its activity, current while it runs so its commands become children, and its timing.
/// The default value (nobody listening) does nothing.
/// </summary>
internal readonly struct OperationScope(string name, Activity? activity, long started, bool record)
{
    public Activity? Activity => activity;

    /// <summary>Names the node the whole call went to (transactions).</summary>
    public void SetServer(string host, int port)
    {
        if (activity is not null) Telemetry.SetServer(activity, host, port);
    }

    /// <summary>Ends the call; <paramref name="error"/> null means it succeeded.</summary>
    public void Complete(Exception? error) => Complete(null, error);

    /// <summary>Ends a call that answers one reply (an error reply marks it failed), or failed with <paramref name="error"/>.</summary>
    public void Complete(RedisResult? reply, Exception? error)
    {
        if (name is null) return;
        Telemetry.CommandCompleted(name, activity, started, started != 0 ? Stopwatch.GetTimestamp() : 0, reply, error, 0, 0, record);
    }
}

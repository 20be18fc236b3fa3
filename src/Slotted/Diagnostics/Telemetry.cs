using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Slotted.Routing;

namespace Slotted.Diagnostics;

/// <summary>
/// The client's <see cref="ActivitySource"/> and <see cref="Meter"/> (both named
/// <see cref="SlottedDiagnostics.ActivitySourceName"/>) and the instruments on it. Every recording is
/// guarded by <see cref="ActivitySource.HasListeners"/> or <see cref="Instrument.Enabled"/>, so a client
/// nobody observes pays a few field reads per command and allocates nothing.
/// </summary>
internal static class Telemetry
{
    private static readonly string? Version = typeof(Telemetry).Assembly.GetName().Version?.ToString();
    private static readonly ConditionalWeakTable<ClusterExecutor, object?> Executors = new();

    public static readonly ActivitySource Source = new(SlottedDiagnostics.ActivitySourceName, Version);
    public static readonly Meter Meter = new(SlottedDiagnostics.MeterName, Version);

    public static readonly Counter<long> Commands = Meter.CreateCounter<long>(
        "slotted.commands", "{command}", "Commands completed (routed commands, pipeline and transaction runs), by db.operation.name and error.type.");

    public static readonly Histogram<double> CommandDuration = Meter.CreateHistogram(
        "slotted.command.duration", "s", "Time from sending a command (or batch) to its completion, redirects and retries included.",
        tags: null, advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        });

    public static readonly Counter<long> Redirects = Meter.CreateCounter<long>(
        "slotted.redirects", "{redirect}", "MOVED and ASK redirects followed, by kind (moved, ask).");

    public static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "slotted.retries", "{retry}", "Commands sent again after a back-off, by reason (tryagain, clusterdown, masterdown, loading, connection).");

    public static readonly Counter<long> ConnectionsOpened = Meter.CreateCounter<long>(
        "slotted.connections.opened", "{connection}", "Connections opened and handshaken, by server.address and server.port.");

    public static readonly Counter<long> ConnectionsClosed = Meter.CreateCounter<long>(
        "slotted.connections.closed", "{connection}", "Open connections closed or lost, by server.address and server.port.");

    public static readonly Counter<long> TopologyRefreshes = Meter.CreateCounter<long>(
        "slotted.topology.refreshes", "{refresh}", "Slot map refreshes, by result (ok, error).");

    public static readonly ObservableGauge<int> PendingCommands = Meter.CreateObservableGauge(
        "slotted.commands.pending", ObservePending, "{command}", "Commands written or queued on a node's shared connection and not answered yet.");

    /// <summary>True when a routed command should be timed (someone traces, or the duration histogram is on).</summary>
    public static bool Measuring
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Source.HasListeners() || CommandDuration.Enabled;
    }

    /// <summary>True when anything about whole calls is observed (activities, the command counter or the duration histogram).</summary>
    public static bool Observed => Source.HasListeners() || CommandDuration.Enabled || Commands.Enabled;

    /// <summary>Adds a client's nodes to the pending-commands gauge (until it is disposed or collected).</summary>
    public static void Register(ClusterExecutor executor) => Executors.AddOrUpdate(executor, null);

    public static void Unregister(ClusterExecutor executor) => Executors.Remove(executor);

    /// <summary>
    /// Starts a command's activity without making it <see cref="Activity.Current"/>: the command runs on
    /// other threads, and the caller's context must not keep it after the call returns.
    /// </summary>
    public static Activity? StartCommand(string name, int slot)
    {
        var previous = Activity.Current;
        var activity = Source.StartActivity(name, ActivityKind.Client);
        if (activity is null) return null;
        Activity.Current = previous;
        TagCommand(activity, name, slot);
        return activity;
    }

    private static void TagCommand(Activity activity, string name, int slot)
    {
        if (!activity.IsAllDataRequested) return;
        activity.SetTag(TagNames.DbSystemName, TagNames.Redis);
        activity.SetTag(TagNames.DbOperationName, name);
        if (slot >= 0) activity.SetTag(TagNames.Slot, slot);
    }

    /// <summary>Names the node a command is sent to (the last one wins after redirects).</summary>
    public static void SetServer(Activity activity, string host, int port)
    {
        if (!activity.IsAllDataRequested) return;
        activity.SetTag(TagNames.ServerAddress, host);
        activity.SetTag(TagNames.ServerPort, port);
    }

    /// <summary>Ends a routed command: its activity (status, redirects, retries) and the command counter and duration.</summary>
    public static void CommandCompleted(string name, Activity? activity, long started, long ended, RedisResult? reply, Exception? error, int redirects, int retries, bool record = true)
    {
        string? errorType = error is not null ? ErrorTypeOf(error) : reply is { IsError: true } ? ErrorMapper.TypeNameOf(reply.ErrorPrefix ?? "") : null;
        if (activity is not null)
        {
            if (activity.IsAllDataRequested)
            {
                if (redirects > 0) activity.SetTag(TagNames.Redirects, redirects);
                if (retries > 0) activity.SetTag(TagNames.Retries, retries);
                if (reply is { IsError: true }) activity.SetTag(TagNames.DbStatusCode, reply.ErrorPrefix);
            }
            Stop(activity, errorType, error is not null ? DescriptionOf(error) : reply?.ErrorPrefix, started, ended);
        }
        if (record) Record(name, started, ended, errorType);
    }

    /// <summary>Starts the activity of a call made of several commands (pipeline, transaction, multi-key emulation); it becomes <see cref="Activity.Current"/> so its commands are its children.</summary>
    public static OperationScope StartOperation(string name, int batchSize, bool emulated, int slot = -1)
    {
        if (!Observed) return default;
        var activity = Source.StartActivity(name, ActivityKind.Client);
        if (activity is not null)
        {
            TagCommand(activity, name, slot);
        }
        if (activity is { IsAllDataRequested: true })
        {
            if (batchSize > 0) activity.SetTag(TagNames.DbBatchSize, batchSize);
            if (emulated) activity.SetTag(TagNames.Emulated, true);
        }
        return new OperationScope(name, activity, CommandDuration.Enabled ? Stopwatch.GetTimestamp() : 0, record: !emulated);
    }

    /// <summary>Ends an activity, marking it failed when <paramref name="errorType"/> is set.</summary>
    /// <remarks>
    /// The end time is <paramref name="ended"/> (when the reply arrived) rather than now, when the caller
    /// reads it. <see cref="Activity.Stop"/> makes the activity's parent current again; a command's
    /// activity was never current, and the caller may await it under another activity, so whatever is
    /// current stays current.
    /// </remarks>
    private static void Stop(Activity activity, string? errorType, string? description, long started, long ended)
    {
        if (errorType is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, description);
            if (activity.IsAllDataRequested) activity.SetTag(TagNames.ErrorType, errorType);
        }
        if (started != 0 && ended != 0) activity.SetEndTime(activity.StartTimeUtc + Stopwatch.GetElapsedTime(started, ended));
        var current = Activity.Current;
        activity.Stop();
        if (!ReferenceEquals(current, activity)) Activity.Current = current;
    }

    /// <summary>Counts a completed command or batch and records its duration (when measured).</summary>
    public static void Record(string name, long started, long ended, string? errorType)
    {
        if (Commands.Enabled)
        {
            if (errorType is null) Commands.Add(1, new KeyValuePair<string, object?>(TagNames.DbOperationName, name));
            else Commands.Add(1, new KeyValuePair<string, object?>(TagNames.DbOperationName, name), new KeyValuePair<string, object?>(TagNames.ErrorType, errorType));
        }
        if (started != 0 && CommandDuration.Enabled)
        {
            double seconds = Stopwatch.GetElapsedTime(started, ended != 0 ? ended : Stopwatch.GetTimestamp()).TotalSeconds;
            if (errorType is null) CommandDuration.Record(seconds, new KeyValuePair<string, object?>(TagNames.DbOperationName, name));
            else CommandDuration.Record(seconds, new KeyValuePair<string, object?>(TagNames.DbOperationName, name), new KeyValuePair<string, object?>(TagNames.ErrorType, errorType));
        }
    }

    public static string ErrorTypeOf(Exception error) => error.GetType().Name;

    /// <summary>
    /// The status description of a failed call: the client's own message, but only the prefix of a
    /// server's error — its message may quote the command's arguments ("unknown command 'x', with args
    /// beginning with: ..."), which traces never carry.
    /// </summary>
    public static string DescriptionOf(Exception error) => error is RedisServerException server ? server.Prefix : error.Message;

    public static void Redirect(bool moved)
    {
        if (Redirects.Enabled) Redirects.Add(1, new KeyValuePair<string, object?>(TagNames.Kind, moved ? "moved" : "ask"));
    }

    /// <summary>Counts a back-off before sending again; <paramref name="reason"/> is one of tryagain, clusterdown, masterdown, loading, connection.</summary>
    public static void Retry(string reason)
    {
        if (Retries.Enabled) Retries.Add(1, new KeyValuePair<string, object?>(TagNames.Reason, reason));
    }

    public static void ConnectionOpened(string host, int port)
    {
        if (ConnectionsOpened.Enabled) ConnectionsOpened.Add(1, new(TagNames.ServerAddress, host), new(TagNames.ServerPort, port));
    }

    public static void ConnectionClosed(string host, int port)
    {
        if (ConnectionsClosed.Enabled) ConnectionsClosed.Add(1, new(TagNames.ServerAddress, host), new(TagNames.ServerPort, port));
    }

    public static void TopologyRefreshed(bool ok)
    {
        if (TopologyRefreshes.Enabled) TopologyRefreshes.Add(1, new KeyValuePair<string, object?>(TagNames.Result, ok ? "ok" : "error"));
    }

    private static IEnumerable<Measurement<int>> ObservePending()
    {
        var measurements = new List<Measurement<int>>();
        foreach (var (executor, _) in Executors)
        {
            foreach (var node in executor.Nodes)
            {
                if (node.Current is not { } connection) continue;
                measurements.Add(new Measurement<int>(connection.PendingCount,
                    new(TagNames.ServerAddress, node.Host), new(TagNames.ServerPort, node.Port)));
            }
        }
        return measurements;
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Slotted.ClusterTests.Diagnostics;

/// <summary>
/// Listens to the "Slotted" activity source and meter (the BCL listeners OpenTelemetry builds on) for
/// one test. It starts a root activity of its own: Slotted's activities are kept only when they belong
/// to that trace, and measurements only when recorded where that root is current, so other clients
/// in the process cannot change what a test counts.
/// </summary>
internal sealed class TelemetryCapture : IDisposable
{
    private readonly ActivityListener? _activityListener;
    private readonly MeterListener _meterListener = new();
    private readonly Activity _root;

    public TelemetryCapture(bool traces = true, params string[] instruments)
    {
        _root = new Activity("slotted-test").SetIdFormat(ActivityIdFormat.W3C).Start();
        if (traces)
        {
            _activityListener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == SlottedDiagnostics.ActivitySourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.TraceId == _root.TraceId) Activities.Enqueue(activity);
                },
            };
            ActivitySource.AddActivityListener(_activityListener);
        }
        var wanted = new HashSet<string>(instruments);
        _meterListener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SlottedDiagnostics.MeterName && wanted.Contains(instrument.Name)) listener.EnableMeasurementEvents(instrument);
        };
        _meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _meterListener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _meterListener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        _meterListener.Start();
    }

    public Activity Root => _root;

    /// <summary>Slotted's activities of this trace, in the order they stopped.</summary>
    public ConcurrentQueue<Activity> Activities { get; } = new();

    /// <summary>Measurements recorded in this trace (or, with <see cref="AnyFlow"/>, anywhere).</summary>
    public ConcurrentQueue<Measured> Measurements { get; } = new();

    /// <summary>Also keep measurements recorded outside this trace (reader threads, connects, refreshes).</summary>
    public bool AnyFlow { get; set; }

    public void ObserveGauges() => _meterListener.RecordObservableInstruments();

    public IEnumerable<Measured> Of(string instrument) => Measurements.Where(m => m.Instrument == instrument);

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (!AnyFlow && Activity.Current?.TraceId != _root.TraceId) return;
        Measurements.Enqueue(new Measured(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
    }

    public void Dispose()
    {
        _meterListener.Dispose();
        _activityListener?.Dispose();
        _root.Stop();
    }
}

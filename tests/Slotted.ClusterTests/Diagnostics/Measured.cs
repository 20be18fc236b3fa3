namespace Slotted.ClusterTests.Diagnostics;

/// <summary>One measurement a <see cref="TelemetryCapture"/> kept: the instrument, the value and its tags.</summary>
internal sealed record Measured(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)
{
    public object? Tag(string name) => Tags.TryGetValue(name, out var v) ? v : null;
}

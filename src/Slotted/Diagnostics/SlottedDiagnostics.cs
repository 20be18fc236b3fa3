namespace Slotted;

/// <summary>
/// The names under which Slotted reports traces and metrics through the BCL's
/// <see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/>,
/// so OpenTelemetry (or any <c>ActivityListener</c>/<c>MeterListener</c>) sees them without Slotted
/// depending on it: <c>AddSource(SlottedDiagnostics.ActivitySourceName)</c> and
/// <c>AddMeter(SlottedDiagnostics.MeterName)</c>. Nothing is measured or allocated while nobody listens.
/// </summary>
/// <remarks>
/// Span and tag names follow the OpenTelemetry semantic conventions for database clients
/// (https://opentelemetry.io/docs/specs/semconv/database/redis/): one <c>Client</c> activity per routed
/// command named after it (<c>GET</c>), with <c>db.system.name</c>, <c>db.operation.name</c>,
/// <c>server.address</c>/<c>server.port</c> of the node that answered; arguments and values are never
/// recorded. docs/architecture.md ("Diagnostics") lists every instrument, tag and log event id.
/// </remarks>
public static class SlottedDiagnostics
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> name: "Slotted".</summary>
    public const string ActivitySourceName = "Slotted";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> name: "Slotted".</summary>
    public const string MeterName = "Slotted";
}

namespace Slotted.FaultTests.Infrastructure;

/// <summary>
/// Short form by default (CI), long form with <c>SLOTTED_SOAK=1</c>: scenarios take their durations and
/// operation counts from here.
/// </summary>
public static class Soak
{
    /// <summary>True when <c>SLOTTED_SOAK=1</c>.</summary>
    public static bool Enabled { get; } = Environment.GetEnvironmentVariable("SLOTTED_SOAK") == "1";

    /// <summary><paramref name="shortForm"/> normally, <paramref name="longForm"/> when soaking.</summary>
    public static T Pick<T>(T shortForm, T longForm) => Enabled ? longForm : shortForm;
}

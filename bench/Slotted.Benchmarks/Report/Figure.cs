namespace Slotted.Benchmarks.Report;

/// <summary>One reported figure: what it measures, its unit, which way is better, and the target for the ratio Slotted / StackExchange.Redis.</summary>
internal sealed record Figure(string Id, string Workload, string Label, string Unit, bool HigherIsBetter, double? Target)
{
    public const string ServerCeilingId = "c.vs_server";

    /// <summary>Every figure in report order. Targets are the issue's: ratios of medians of one full run.</summary>
    public static IReadOnlyList<Figure> All { get; } =
    [
        new("a.ops", "(a) sync SET+GET, 1 caller", "throughput", "ops/s", true, 1.2),
        new("a.p50", "(a) sync SET+GET, 1 caller", "p50 latency", "µs", false, null),
        new("a.p99", "(a) sync SET+GET, 1 caller", "p99 latency", "µs", false, null),
        new("b.ops", "(b) async SET/GET, 64 callers", "throughput", "ops/s", true, 1.5),
        new("b.p99", "(b) async SET/GET, 64 callers", "p99 latency", "µs", false, null),
        new("c.ops", "(c) 200k SET in batches of 1000", "throughput", "ops/s", true, 1.2),
        new("d.calls", "(d) MGET 100 keys, all slots", "throughput", "calls/s", true, 1.5),
        new("a.alloc", "(e) allocated per op, (a)", "allocated", "B/op", false, 0.5),
        new("b.alloc", "(e) allocated per op, (b)", "allocated", "B/op", false, 0.5),
        new("a.cpu", "(f) client CPU per op, (a)", "CPU", "µs/op", false, 0.7),
        new("b.cpu", "(f) client CPU per op, (b)", "CPU", "µs/op", false, 0.7),
        new("c.cpu", "(f) client CPU per op, (c)", "CPU", "µs/op", false, 0.7),
    ];

    public bool Meets(double ratio) => Target is not { } t || (HigherIsBetter ? ratio >= t : ratio <= t);

    public string TargetText => Target is not { } t ? "" : (HigherIsBetter ? "≥ " : "≤ ") + t.ToString("0.0#", System.Globalization.CultureInfo.InvariantCulture) + "×";
}

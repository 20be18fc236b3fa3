namespace Slotted.Benchmarks.Compare;

/// <summary>The options of <c>compare</c>.</summary>
internal sealed class CompareOptions
{
    public string Nodes { get; private set; } = "127.0.0.1:7000";
    public int Rounds { get; private set; } = 3;
    public bool Quick { get; private set; }
    public string? JsonPath { get; private set; }
    public string? SvgPath { get; private set; }
    public string? MarkdownPath { get; private set; }

    /// <summary>Workloads to run (a, b, c, d); all by default.</summary>
    public string Workloads { get; private set; } = "abcd";

    /// <summary>Clients to run; both by default (one alone is for profiling).</summary>
    public bool RunSlotted { get; private set; } = true;
    public bool RunStackExchange { get; private set; } = true;

    /// <summary>False skips redis-benchmark (profiling one client).</summary>
    public bool MeasureServer { get; private set; } = true;

    /// <summary>Seconds per timed workload instead of the defaults (for profiling).</summary>
    public double? Seconds { get; private set; }

    public TimeSpan SyncDuration => Seconds is { } s ? TimeSpan.FromSeconds(s) : Quick ? TimeSpan.FromSeconds(0.5) : TimeSpan.FromSeconds(5);
    public TimeSpan AsyncDuration => Seconds is { } s ? TimeSpan.FromSeconds(s) : Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(10);
    public int AsyncCallers => 64;
    public int BatchTotal => Quick ? 50_000 : 200_000;
    public int BatchSize => 1000;
    public TimeSpan MGetDuration => Seconds is { } s ? TimeSpan.FromSeconds(s) : Quick ? TimeSpan.FromSeconds(0.5) : TimeSpan.FromSeconds(5);
    public TimeSpan WarmupDuration => Quick ? TimeSpan.FromSeconds(0.3) : TimeSpan.FromSeconds(1.5);
    public int CeilingRequests => Quick ? 300_000 : 5_000_000;

    public static CompareOptions Parse(IReadOnlyList<string> args)
    {
        var o = new CompareOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--quick": o.Quick = true; break;
                case "--nodes": o.Nodes = Next(); break;
                case "--rounds":
                    o.Rounds = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture);
                    if (o.Rounds < 1) throw new ArgumentException("--rounds must be at least 1.");
                    break;
                case "--json": o.JsonPath = Next(); break;
                case "--svg": o.SvgPath = Next(); break;
                case "--markdown": o.MarkdownPath = Next(); break;
                case "--only":
                    o.Workloads = Next().ToLowerInvariant();
                    if (o.Workloads.Length == 0 || o.Workloads.Any(c => c is not ('a' or 'b' or 'c' or 'd'))) throw new ArgumentException("--only takes workload letters: a, b, c, d (e.g. --only ab).");
                    break;
                case "--client":
                    string which = Next().ToLowerInvariant();
                    o.RunSlotted = which is "slotted";
                    o.RunStackExchange = which is "stackexchange" or "se";
                    if (!o.RunSlotted && !o.RunStackExchange) throw new ArgumentException("--client is slotted or stackexchange.");
                    break;
                case "--no-server": o.MeasureServer = false; break;
                case "--seconds":
                    o.Seconds = double.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture);
                    if (o.Seconds <= 0) throw new ArgumentException("--seconds must be positive.");
                    break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }
        return o;
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Slotted.Benchmarks.Report;

/// <summary>The samples of one compare run (one per round per figure per client) and what is derived from them: medians and ratios.</summary>
internal sealed class CompareReport
{
    public const string Slotted = "Slotted";
    public const string StackExchange = "StackExchange.Redis";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private readonly Dictionary<string, Dictionary<string, List<double>>> _samples = new()
    {
        [Slotted] = [],
        [StackExchange] = [],
    };

    public CompareReport(MachineInfo machine, bool quick, int rounds, string nodes)
    {
        Machine = machine;
        Quick = quick;
        Rounds = rounds;
        Nodes = nodes;
    }

    public MachineInfo Machine { get; }
    public bool Quick { get; }
    public int Rounds { get; }
    public string Nodes { get; }
    public List<double> ServerSetCeiling { get; } = [];
    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

    public void Add(string client, string figure, double value)
    {
        var byFigure = _samples[client];
        if (!byFigure.TryGetValue(figure, out var list)) byFigure[figure] = list = [];
        list.Add(value);
    }

    public double Median(string client, string figure) =>
        _samples[client].TryGetValue(figure, out var list) ? Median(list) : double.NaN;

    public double Ratio(string figure) => Median(Slotted, figure) / Median(StackExchange, figure);

    public double ServerCeilingMedian => ServerSetCeiling.Count == 0 ? double.NaN : Median(ServerSetCeiling);

    /// <summary>Slotted's (c) throughput as a fraction of redis-benchmark's pipelined SET throughput.</summary>
    public double SlottedVsServer => Median(Slotted, "c.ops") / ServerCeilingMedian;

    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.ToArray();
        Array.Sort(sorted);
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static string Format(double value, string unit)
    {
        if (double.IsNaN(value)) return "n/a";
        return unit switch
        {
            "ops/s" or "calls/s" => value >= 10_000 ? (value / 1000).ToString("0.0", Inv) + "k" : value.ToString("0", Inv),
            "B/op" => value.ToString("0", Inv),
            _ => value.ToString(value < 10 ? "0.00" : "0.0", Inv),
        };
    }

    private static string Ratio(double r) => double.IsNaN(r) ? "n/a" : r.ToString("0.00", Inv) + "×";

    private IEnumerable<string[]> Rows()
    {
        foreach (var f in Figure.All)
        {
            double r = Ratio(f.Id);
            yield return
            [
                f.Workload, f.Label + " (" + f.Unit + ")",
                Format(Median(Slotted, f.Id), f.Unit), Format(Median(StackExchange, f.Id), f.Unit),
                Ratio(r), f.TargetText, f.Target is null ? "" : double.IsNaN(r) ? "?" : f.Meets(r) ? "yes" : "NO",
            ];
        }
        double ceiling = ServerCeilingMedian;
        double vs = SlottedVsServer;
        yield return
        [
            "(c) vs redis-benchmark -P 16 SET", "throughput (ops/s)",
            Format(Median(Slotted, "c.ops"), "ops/s"), "server " + Format(ceiling, "ops/s"),
            Ratio(vs), "≥ 0.9×", double.IsNaN(vs) ? "?" : vs >= 0.9 ? "yes" : "NO",
        ];
    }

    private static readonly string[] Header = ["workload", "figure", Slotted, StackExchange, "ratio", "target", "met"];

    /// <summary>The table of medians as aligned text for the console.</summary>
    public string ToText()
    {
        var rows = Rows().ToList();
        var widths = new int[Header.Length];
        foreach (var row in rows.Prepend(Header))
            for (int i = 0; i < row.Length; i++) widths[i] = Math.Max(widths[i], row[i].Length);
        var sb = new StringBuilder();
        void Line(string[] cells)
        {
            for (int i = 0; i < cells.Length; i++)
            {
                sb.Append(i is 2 or 3 or 4 ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
                sb.Append(i == cells.Length - 1 ? "\n" : "  ");
            }
        }
        Line(Header);
        Line(widths.Select(w => new string('-', w)).ToArray());
        foreach (var row in rows) Line(row);
        sb.Append(CultureInfo.InvariantCulture, $"medians of {Rounds} round(s){(Quick ? " (quick mode: short runs, a smoke check, not a measurement)" : "")}; ratio = Slotted / StackExchange.Redis\n");
        return sb.ToString();
    }

    /// <summary>The same table in Markdown, for docs/performance.md.</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.Append("| ").AppendJoin(" | ", Header).Append(" |\n");
        sb.Append("|---|---|--:|--:|--:|---|---|\n");
        foreach (var row in Rows()) sb.Append("| ").AppendJoin(" | ", row).Append(" |\n");
        return sb.ToString();
    }

    public string ToJson()
    {
        var figures = new JsonArray();
        foreach (var f in Figure.All)
        {
            figures.Add(new JsonObject
            {
                ["id"] = f.Id,
                ["workload"] = f.Workload,
                ["figure"] = f.Label,
                ["unit"] = f.Unit,
                ["higherIsBetter"] = f.HigherIsBetter,
                ["slotted"] = Num(Median(Slotted, f.Id)),
                ["stackExchangeRedis"] = Num(Median(StackExchange, f.Id)),
                ["ratio"] = Num(Ratio(f.Id)),
                ["target"] = f.Target,
                ["met"] = f.Target is null || double.IsNaN(Ratio(f.Id)) ? null : f.Meets(Ratio(f.Id)),
                ["rounds"] = new JsonObject
                {
                    ["slotted"] = Samples(Slotted, f.Id),
                    ["stackExchangeRedis"] = Samples(StackExchange, f.Id),
                },
            });
        }
        var root = new JsonObject
        {
            ["started"] = Started.ToString("O", Inv),
            ["quick"] = Quick,
            ["rounds"] = Rounds,
            ["nodes"] = Nodes,
            ["machine"] = new JsonObject
            {
                ["cpu"] = Machine.Cpu,
                ["cores"] = Machine.Cores,
                ["os"] = Machine.Os,
                ["runtime"] = Machine.Runtime,
                ["redisServer"] = Machine.RedisServer,
                ["stackExchangeRedis"] = Machine.StackExchangeRedis,
                ["loadAverageAtStart"] = Machine.LoadAtStart,
            },
            ["figures"] = figures,
            ["serverCeiling"] = new JsonObject
            {
                ["tool"] = "redis-benchmark --cluster -t set -P 16 -d 32 -r 200000",
                ["setOpsPerSecond"] = Num(ServerCeilingMedian),
                ["rounds"] = new JsonArray(ServerSetCeiling.Select(v => (JsonNode?)Num(v)).ToArray()),
                ["slottedBatchedSetRatio"] = Num(SlottedVsServer),
                ["stackExchangeRedisBatchedSetRatio"] = Num(Median(StackExchange, "c.ops") / ServerCeilingMedian),
                ["target"] = 0.9,
            },
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private JsonArray Samples(string client, string figure) =>
        new((_samples[client].TryGetValue(figure, out var list) ? list : []).Select(v => (JsonNode?)Num(v)).ToArray());

    private static JsonNode? Num(double v) => double.IsNaN(v) || double.IsInfinity(v) ? null : JsonValue.Create(Math.Round(v, 3));
}

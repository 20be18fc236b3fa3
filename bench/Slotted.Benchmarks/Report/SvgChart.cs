using System.Globalization;
using System.Net;
using System.Text;

namespace Slotted.Benchmarks.Report;

/// <summary>
/// A horizontal bar chart of the ratios Slotted / StackExchange.Redis on a log scale centred on 1×.
/// Each bar is green when its target is met, red when not, grey when the figure has no target; a
/// black tick marks the target.
/// </summary>
internal static class SvgChart
{
    private const double MinLog2 = -3; // 0.125×
    private const double MaxLog2 = 3;  // 8×
    private const int Width = 1040;
    private const int LabelWidth = 420;
    private const int PlotWidth = Width - LabelWidth - 90;
    private const int RowHeight = 26;
    private const int Top = 56;

    public static string Render(CompareReport report)
    {
        var rows = new List<(string Label, double Ratio, double? Target, bool HigherIsBetter)>();
        foreach (var f in Figure.All)
            rows.Add(($"{f.Workload}: {f.Label}{(f.HigherIsBetter ? "" : " (lower is better)")}", report.Ratio(f.Id), f.Target, f.HigherIsBetter));
        rows.Add(("(c) Slotted vs redis-benchmark -P 16 SET", report.SlottedVsServer, 0.9, true));

        int height = Top + rows.Count * RowHeight + 40;
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.Append(inv, $"<rect width=\"{Width}\" height=\"{height}\" fill=\"white\"/>\n");
        sb.Append(inv, $"<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">Slotted / StackExchange.Redis (medians of {report.Rounds} rounds{(report.Quick ? ", quick mode" : "")})</text>\n");
        sb.Append(inv, $"<text x=\"10\" y=\"40\" fill=\"#555\">{Esc(report.Machine.Cpu)}, {report.Machine.Cores} cores, {Esc(report.Machine.Runtime)}; log scale, 1× = parity</text>\n");

        foreach (double tick in new[] { 0.125, 0.25, 0.5, 1, 2, 4, 8 })
        {
            double x = X(tick);
            sb.Append(inv, $"<line x1=\"{x:0.#}\" y1=\"{Top - 6}\" x2=\"{x:0.#}\" y2=\"{Top + rows.Count * RowHeight}\" stroke=\"{(tick == 1 ? "#000" : "#ddd")}\"/>\n");
            sb.Append(inv, $"<text x=\"{x:0.#}\" y=\"{Top + rows.Count * RowHeight + 16}\" text-anchor=\"middle\" fill=\"#555\">{tick.ToString("0.###", inv)}×</text>\n");
        }

        for (int i = 0; i < rows.Count; i++)
        {
            var (label, ratio, target, higher) = rows[i];
            double y = Top + i * RowHeight;
            sb.Append(inv, $"<text x=\"{LabelWidth - 8}\" y=\"{y + 17:0.#}\" text-anchor=\"end\">{Esc(label)}</text>\n");
            if (double.IsNaN(ratio) || ratio <= 0)
            {
                sb.Append(inv, $"<text x=\"{X(1) + 6:0.#}\" y=\"{y + 17:0.#}\" fill=\"#555\">n/a</text>\n");
                continue;
            }
            bool met = target is not { } t || (higher ? ratio >= t : ratio <= t);
            string color = target is null ? "#9e9e9e" : met ? "#2e7d32" : "#c62828";
            double x0 = X(1), x1 = X(ratio);
            sb.Append(inv, $"<rect x=\"{Math.Min(x0, x1):0.#}\" y=\"{y + 5:0.#}\" width=\"{Math.Max(1, Math.Abs(x1 - x0)):0.#}\" height=\"{RowHeight - 10}\" fill=\"{color}\"/>\n");
            sb.Append(inv, $"<text x=\"{Math.Max(x0, x1) + 6:0.#}\" y=\"{y + 17:0.#}\">{ratio.ToString("0.00", inv)}×</text>\n");
            if (target is { } tt)
            {
                double xt = X(tt);
                sb.Append(inv, $"<line x1=\"{xt:0.#}\" y1=\"{y + 2:0.#}\" x2=\"{xt:0.#}\" y2=\"{y + RowHeight - 2:0.#}\" stroke=\"#000\" stroke-width=\"2\"/>\n");
            }
        }
        sb.Append(inv, $"<text x=\"10\" y=\"{height - 8}\" fill=\"#555\">bars: green = target met, red = missed, grey = no target; black tick = target</text>\n");
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static double X(double ratio)
    {
        double l = Math.Clamp(Math.Log2(ratio), MinLog2, MaxLog2);
        return LabelWidth + (l - MinLog2) / (MaxLog2 - MinLog2) * PlotWidth;
    }

    private static string Esc(string s) => WebUtility.HtmlEncode(s);
}

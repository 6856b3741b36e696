using System.Globalization;
using System.Net;
using System.Text;

namespace TradingRl.Security.Sample.Dashboard;

/// <summary>Draws the dashboard's charts as inline SVG: stacked bars, lines with limit lines, and horizontal bars against a target.</summary>
/// <remarks>Plain SVG elements only, no script; each series carries its name and total in <c>data-</c> attributes so tests can read it.</remarks>
public static class SvgChart
{
    private const int Width = 900;
    private const int Height = 260;
    private const int Left = 70;
    private const int Right = 180;
    private const int Top = 16;
    private const int Bottom = 36;
    private static readonly string[] Palette = ["#2f7d32", "#c62828", "#ef6c00", "#6a1b9a", "#1565c0", "#00838f", "#ad1457", "#5d4037", "#455a64", "#9e9d24"];

    /// <summary>A named series of counts, one per bucket.</summary>
    /// <param name="Name">The legend name.</param>
    /// <param name="Values">One count per bucket.</param>
    public sealed record CountSeries(string Name, long[] Values);

    /// <summary>A named series of values, one per bucket; <see langword="null"/> where there is no sample.</summary>
    /// <param name="Name">The legend name.</param>
    /// <param name="Values">One value per bucket.</param>
    /// <param name="Dashed">Whether to draw it dashed (a limit).</param>
    public sealed record ValueSeries(string Name, decimal?[] Values, bool Dashed = false);

    /// <summary>Draws counts per bucket as stacked bars.</summary>
    public static string StackedBars(string id, IReadOnlyList<string> labels, IReadOnlyList<CountSeries> series)
    {
        var n = labels.Count;
        var max = 1L;
        for (var i = 0; i < n; i++)
        {
            max = Math.Max(max, series.Sum(s => s.Values[i]));
        }

        var sb = Begin(id);
        Axes(sb, labels, 0m, max, "N0");
        var slot = (Width - Left - Right) / (double)Math.Max(1, n);
        var stack = new long[n];
        for (var k = 0; k < series.Count; k++)
        {
            var s = series[k];
            sb.Append(CultureInfo.InvariantCulture, $"<g data-series=\"{Text(s.Name)}\" data-total=\"{s.Values.Sum()}\" fill=\"{Palette[k % Palette.Length]}\">");
            for (var i = 0; i < n; i++)
            {
                if (s.Values[i] == 0)
                {
                    continue;
                }

                var y0 = Y(stack[i], 0m, max);
                stack[i] += s.Values[i];
                var y1 = Y(stack[i], 0m, max);
                sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left + (i * slot) + 1:F1}\" y=\"{y1:F1}\" width=\"{Math.Max(1, slot - 2):F1}\" height=\"{Math.Max(0.5, y0 - y1):F1}\"><title>{Text(labels[i])} {Text(s.Name)}: {s.Values[i]:N0}</title></rect>");
            }

            sb.Append("</g>");
            Legend(sb, k, s.Name + " (" + s.Values.Sum().ToString("N0", CultureInfo.InvariantCulture) + ")", dashed: false);
        }

        return End(sb);
    }

    /// <summary>Draws values per bucket as lines (limits dashed); gaps where a bucket has no sample.</summary>
    public static string Lines(string id, IReadOnlyList<string> labels, IReadOnlyList<ValueSeries> series, string format)
    {
        var values = series.SelectMany(s => s.Values).OfType<decimal>().ToList();
        var min = values.Count == 0 ? 0m : Math.Min(0m, values.Min());
        var max = values.Count == 0 ? 1m : Math.Max(0m, values.Max());
        if (max == min)
        {
            max = min + 1m;
        }

        var sb = Begin(id);
        Axes(sb, labels, min, max, format);
        var slot = (Width - Left - Right) / (double)Math.Max(1, labels.Count);
        for (var k = 0; k < series.Count; k++)
        {
            var s = series[k];
            var color = Palette[(k + 4) % Palette.Length];
            var points = new StringBuilder();
            var last = s.Values.LastOrDefault(v => v is not null);
            for (var i = 0; i < s.Values.Length; i++)
            {
                if (s.Values[i] is { } v)
                {
                    points.Append(CultureInfo.InvariantCulture, $"{Left + ((i + 0.5) * slot):F1},{Y(v, min, max):F1} ");
                }
            }

            sb.Append(CultureInfo.InvariantCulture, $"<polyline data-series=\"{Text(s.Name)}\" data-last=\"{last?.ToString(CultureInfo.InvariantCulture)}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"{(s.Dashed ? " stroke-dasharray=\"6 4\"" : string.Empty)} points=\"{points.ToString().TrimEnd()}\"/>");
            Legend(sb, k, s.Name, s.Dashed, color);
        }

        return End(sb);
    }

    /// <summary>Draws one horizontal bar per item against a target line (green when under the target, red when not).</summary>
    public static string AgainstTarget(string id, IReadOnlyList<(string Label, double Minutes, bool Met)> items, double targetMinutes)
    {
        var rowHeight = 28;
        var height = Top + Bottom + (Math.Max(1, items.Count) * rowHeight);
        var max = Math.Max(targetMinutes * 1.2, items.Count == 0 ? 1 : items.Max(i => i.Minutes) * 1.1);
        var plot = Width - Left - Right - 160;
        double X(double m) => Left + 160 + (m / max * plot);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg id=\"{id}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" role=\"img\">");
        for (var i = 0; i < items.Count; i++)
        {
            var (label, minutes, met) = items[i];
            var y = Top + (i * rowHeight);
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + 150}\" y=\"{y + 17}\" text-anchor=\"end\" font-size=\"12\">{Text(label)}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect data-minutes=\"{minutes:F2}\" data-met=\"{(met ? "true" : "false")}\" x=\"{X(0):F1}\" y=\"{y + 4}\" width=\"{X(minutes) - X(0):F1}\" height=\"18\" fill=\"{(met ? Palette[0] : Palette[1])}\"><title>{minutes:F1} min</title></rect>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(minutes) + 4:F1}\" y=\"{y + 17}\" font-size=\"12\">{minutes:F1} min</text>");
        }

        var tx = X(targetMinutes);
        sb.Append(CultureInfo.InvariantCulture, $"<line data-target-minutes=\"{targetMinutes:F0}\" x1=\"{tx:F1}\" y1=\"{Top - 4}\" x2=\"{tx:F1}\" y2=\"{height - Bottom + 8}\" stroke=\"#c62828\" stroke-dasharray=\"6 4\" stroke-width=\"2\"/>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{tx + 4:F1}\" y=\"{height - Bottom + 22}\" font-size=\"12\" fill=\"#c62828\">target {targetMinutes:F0} min</text>");
        return End(sb);
    }

    private static StringBuilder Begin(string id) =>
        new StringBuilder().Append(CultureInfo.InvariantCulture, $"<svg id=\"{id}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"100%\" role=\"img\">");

    private static string End(StringBuilder sb) => sb.Append("</svg>").ToString();

    private static double Y(decimal value, decimal min, decimal max) =>
        Height - Bottom - ((double)((value - min) / (max - min)) * (Height - Top - Bottom));

    private static void Axes(StringBuilder sb, IReadOnlyList<string> labels, decimal min, decimal max, string format)
    {
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"#888\"/>");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"#888\"/>");
        for (var t = 0; t <= 4; t++)
        {
            var v = min + ((max - min) * t / 4m);
            var y = Y(v, min, max);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{y:F1}\" x2=\"{Width - Right}\" y2=\"{y:F1}\" stroke=\"#eee\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{y + 4:F1}\" text-anchor=\"end\" font-size=\"11\">{Text(v.ToString(format, CultureInfo.InvariantCulture))}</text>");
        }

        if (min < 0m && max > 0m)
        {
            var zero = Y(0m, min, max);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{zero:F1}\" x2=\"{Width - Right}\" y2=\"{zero:F1}\" stroke=\"#888\"/>");
        }

        var slot = (Width - Left - Right) / (double)Math.Max(1, labels.Count);
        var every = Math.Max(1, (int)Math.Ceiling(labels.Count / 10.0));
        for (var i = 0; i < labels.Count; i += every)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + ((i + 0.5) * slot):F1}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"11\">{Text(labels[i])}</text>");
        }
    }

    private static void Legend(StringBuilder sb, int index, string name, bool dashed, string? color = null)
    {
        var y = Top + 6 + (index * 18);
        var x = Width - Right + 12;
        color ??= Palette[index % Palette.Length];
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x}\" y1=\"{y}\" x2=\"{x + 16}\" y2=\"{y}\" stroke=\"{color}\" stroke-width=\"6\"{(dashed ? " stroke-dasharray=\"4 3\"" : string.Empty)}/>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 22}\" y=\"{y + 4}\" font-size=\"11\">{Text(name)}</text>");
    }

    private static string Text(string s) => WebUtility.HtmlEncode(s);
}

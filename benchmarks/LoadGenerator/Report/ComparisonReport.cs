using System.Globalization;
using System.Text;
using LoCoPi.LoadGenerator.Load;
using LoCoPi.LoadGenerator.Touches;

namespace LoCoPi.LoadGenerator.Report;

/// <summary>
/// The side-by-side table and the ratios the targets are stated in (durable / empty,
/// durable / naive). Ratios, not absolute rates, are what survive a noisy shared machine.
/// </summary>
internal sealed class ComparisonReport(TouchLoadOptions options, MachineDescription machine, IReadOnlyList<RunResult> results)
{
    private const double EmptyRatioTarget = 0.60;
    private const double NaiveRatioTarget = 8.0;
    private const double P99TargetMilliseconds = 50;

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        Line(md, $"### Touch load, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        Line(md, $"- Machine: {machine.Summary}");
        Line(md, $"- Load: {options.Readers} closed-loop readers over {options.Places} places, {options.Residents} residents with one card each, random card per touch (seed {options.Seed}, the same sequence for every target), unique touchIds; {options.Warmup.TotalSeconds:F0} s warm-up and {options.Measured.TotalSeconds:F0} s measured per target, targets run one after another");
        Line(md, $"- Generator on the same machine as the servers (it takes CPU from them, equally for every target)");
        md.AppendLine();
        md.AppendLine("| target | touches/s | slowest–fastest 1 s | p50 ms | p99 ms | p99.9 ms | max ms | errors | outcomes |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var r in results)
        {
            Line(md, $"| {r.Target.Name} | {r.Throughput:F0} | {r.SlowestSecond}–{r.FastestSecond} | {r.PercentileMilliseconds(50):F2} | {r.PercentileMilliseconds(99):F2} | {r.PercentileMilliseconds(99.9):F2} | {r.MaxMilliseconds:F1} | {Counts(r.Errors, r.Successes + r.ErrorCount)} | {Counts(r.Outcomes, r.Successes)} |");
        }
        AppendCosts(md);
        md.AppendLine();
        AppendRatios(md);
        md.AppendLine();
        foreach (var r in results)
        {
            Line(md, $"- **{r.Target.Name}**: {r.Target.Description}");
        }
        return md.ToString();
    }

    private void AppendRatios(StringBuilder md)
    {
        var durable = Find("durable");
        if (durable is null)
        {
            return;
        }
        var p99 = durable.PercentileMilliseconds(99);
        Line(md, $"| ratio | measured | target | met |");
        md.AppendLine("|---|---:|---:|---|");
        Line(md, $"| durable p99 | {p99:F1} ms | ≤ {P99TargetMilliseconds:F0} ms | {Met(p99 <= P99TargetMilliseconds)} |");
        if (Find("empty") is { } empty && empty.Throughput > 0)
        {
            var ratio = durable.Throughput / empty.Throughput;
            Line(md, $"| durable / empty touches/s | {ratio:P0} | ≥ {EmptyRatioTarget:P0} | {Met(ratio >= EmptyRatioTarget)} |");
        }
        if (Find("naive") is { } naive && naive.Throughput > 0)
        {
            var ratio = durable.Throughput / naive.Throughput;
            Line(md, $"| durable / naive touches/s | {ratio:F2}× | ≥ {NaiveRatioTarget:F0}× | {Met(ratio >= NaiveRatioTarget)} |");
        }
    }

    /// <summary>Per-touch cost: unlike the rates, it barely moves with the neighbours' load.</summary>
    private void AppendCosts(StringBuilder md)
    {
        if (results.All(r => double.IsNaN(r.Cost.ServerCpuSeconds) && r.Cost.Postgres is null))
        {
            return;
        }
        md.AppendLine();
        md.AppendLine("| target | server CPU ms/touch | PostgreSQL CPU ms/touch | PG transactions/touch | WAL fsyncs/s | WAL bytes/touch |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var touches = Math.Max(1, r.Successes);
            var pg = r.Cost.Postgres;
            Line(md, $"| {r.Target.Name} | {1000 * r.Cost.ServerCpuSeconds / touches:F3} | {(pg is null ? "–" : (1000 * pg.CpuSeconds / touches).ToString("F3", CultureInfo.InvariantCulture))} | {(pg is null ? "–" : ((double)pg.Transactions / touches).ToString("F1", CultureInfo.InvariantCulture))} | {(pg is null ? "–" : (pg.WalSyncs / r.Window.TotalSeconds).ToString("F0", CultureInfo.InvariantCulture))} | {(pg is null ? "–" : (pg.WalBytes / touches).ToString("F0", CultureInfo.InvariantCulture))} |");
        }
    }

    private RunResult? Find(string name) => results.FirstOrDefault(r => r.Target.Name == name);

    private static string Met(bool met) => met ? "yes" : "**no**";

    private static string Counts(IReadOnlyDictionary<string, long> counts, long total) =>
        counts.Count == 0
            ? "0"
            : string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c =>
                string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value} ({100.0 * c.Value / total:F0} %)")));

    private static void Line(StringBuilder md, FormattableString text) => md.AppendLine(text.ToString(CultureInfo.InvariantCulture));
}

using System.Globalization;
using System.Text;
using LoCoPi.LoadGenerator.Load;

namespace LoCoPi.LoadGenerator.Report;

/// <summary>The tables every load report shares: rates and latency per target, and cost per request.</summary>
internal static class ReportTables
{
    /// <summary>Rate, spread, latency percentiles, errors and outcomes; <paramref name="rateHeader"/> is e.g. "touches/s".</summary>
    public static void AppendRates(StringBuilder md, IReadOnlyList<RunResult> results, string rateHeader)
    {
        Line(md, $"| target | {rateHeader} | slowest–fastest 1 s | p50 ms | p99 ms | p99.9 ms | max ms | errors | outcomes |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var r in results)
        {
            Line(md, $"| {r.Target.Name} | {r.Throughput:F0} | {r.SlowestSecond}–{r.FastestSecond} | {r.PercentileMilliseconds(50):F2} | {r.PercentileMilliseconds(99):F2} | {r.PercentileMilliseconds(99.9):F2} | {r.MaxMilliseconds:F1} | {Counts(r.Errors, r.Successes + r.ErrorCount)} | {Counts(r.Outcomes, r.Successes)} |");
        }
    }

    /// <summary>CPU, transactions and WAL per request (<paramref name="unit"/>, e.g. "touch"): unlike the rates, they barely move with the neighbours' load.</summary>
    public static void AppendCosts(StringBuilder md, IReadOnlyList<RunResult> results, string unit)
    {
        if (results.All(r => double.IsNaN(r.Cost.ServerCpuSeconds) && r.Cost.Postgres is null))
        {
            return;
        }

        md.AppendLine();
        Line(md, $"| target | server CPU ms/{unit} | PostgreSQL CPU ms/{unit} | generator CPU ms/{unit} | all three ms/{unit} | cores busy | PG transactions/{unit} | WAL fsyncs/s | WAL bytes/{unit} |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var requests = Math.Max(1, r.Successes);
            var pg = r.Cost.Postgres;
            var all = AllCpuSeconds(r);
            Line(md, $"| {r.Target.Name} | {1000 * r.Cost.ServerCpuSeconds / requests:F3} | {(pg is null ? "–" : (1000 * pg.CpuSeconds / requests).ToString("F3", CultureInfo.InvariantCulture))} | {1000 * r.Cost.GeneratorCpuSeconds / requests:F3} | {1000 * all / requests:F3} | {all / r.Window.TotalSeconds:F2} | {(pg is null ? "–" : ((double)pg.Transactions / requests).ToString("F1", CultureInfo.InvariantCulture))} | {(pg is null ? "–" : (pg.WalSyncs / r.Window.TotalSeconds).ToString("F0", CultureInfo.InvariantCulture))} | {(pg is null ? "–" : (pg.WalBytes / requests).ToString("F0", CultureInfo.InvariantCulture))} |");
        }
    }

    /// <summary>
    /// CPU seconds the server, PostgreSQL (when measured) and the generator spent in the window: on a
    /// machine they share, what one request costs in cores. Its inverse, times the cores, is the rate
    /// the target could reach if it kept every core busy.
    /// </summary>
    public static double AllCpuSeconds(RunResult r)
        => r.Cost.ServerCpuSeconds + (r.Cost.Postgres?.CpuSeconds ?? 0) + r.Cost.GeneratorCpuSeconds;

    /// <summary>CPU per successful request of all three processes, or NaN when the server's CPU was not measured.</summary>
    public static double AllCpuPerRequest(RunResult r) => AllCpuSeconds(r) / Math.Max(1, r.Successes);

    public static string Met(bool met) => met ? "yes" : "**no**";

    public static string Counts(IReadOnlyDictionary<string, long> counts, long total) =>
        counts.Count == 0
            ? "0"
            : string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c =>
                string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value} ({100.0 * c.Value / total:F0} %)")));

    public static void Line(StringBuilder md, FormattableString text) => md.AppendLine(text.ToString(CultureInfo.InvariantCulture));
}

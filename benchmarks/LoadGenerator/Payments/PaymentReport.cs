using System.Globalization;
using System.Text;
using LoCoPi.LoadGenerator.Load;
using LoCoPi.LoadGenerator.Report;

namespace LoCoPi.LoadGenerator.Payments;

/// <summary>The side-by-side table, the ratio the target is stated in (durable / empty), and the ledger check.</summary>
internal sealed class PaymentReport(
    PaymentLoadOptions options, MachineDescription machine, PaymentSetup.Result setup,
    IReadOnlyList<IReadOnlyList<PaymentLoop.Outcome>> rounds, LedgerCheck check)
{
    private const double EmptyRatioTarget = 0.50;
    private const double P99TargetMilliseconds = 50;

    private readonly IReadOnlyList<RunResult> _results =
        [.. rounds[0].Select((_, i) => RunResult.Combine([.. rounds.Select(round => round[i].Result)]))];

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        Line(md, $"### Payment load, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        Line(md, $"- Machine: {machine.Summary}");
        Line(md, $"- Load: {options.Readers} closed-loop pay readers over {options.Shops} shops, {options.Residents} residents with one card each and wallets filled to ¥50,000 before the runs ({setup.Charges} opening charges, ¥{setup.ChargedYen:N0}), ¥{options.AmountYen:N0} per payment, random card per payment (seed {options.Seed}, the same sequence for every target), unique paymentIds; {options.Warmup.TotalSeconds:F0} s warm-up and {options.Measured.TotalSeconds:F0} s measured per target, targets run one after another{(rounds.Count > 1 ? $", {rounds.Count} interleaved rounds added up" : "")}");
        Line(md, $"- Generator on the same machine as the Silo and PostgreSQL (it takes CPU from them, equally for every target)");
        md.AppendLine();
        md.AppendLine("| target | payments/s | slowest–fastest 1 s | p50 ms | p99 ms | p99.9 ms | max ms | errors | outcomes |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var r in _results)
        {
            Line(md, $"| {r.Target.Name} | {r.Throughput:F0} | {r.SlowestSecond}–{r.FastestSecond} | {r.PercentileMilliseconds(50):F2} | {r.PercentileMilliseconds(99):F2} | {r.PercentileMilliseconds(99.9):F2} | {r.MaxMilliseconds:F1} | {Counts(r.Errors, r.Successes + r.ErrorCount)} | {Counts(r.Outcomes, r.Successes)} |");
        }

        AppendCosts(md);
        md.AppendLine();
        AppendRatios(md);
        md.AppendLine();
        AppendLedger(md);
        md.AppendLine();
        foreach (var r in _results)
        {
            Line(md, $"- **{r.Target.Name}**: {r.Target.Description}");
        }
        return md.ToString();
    }

    private void AppendRatios(StringBuilder md)
    {
        var durable = _results.First(r => r.Target.Name == "durable");
        var p99 = durable.PercentileMilliseconds(99);
        md.AppendLine("| ratio | measured | per round | target | met |");
        md.AppendLine("|---|---:|---|---:|---|");
        Line(md, $"| durable p99 | {p99:F1} ms | {string.Join(", ", rounds.Select(r => Of(r, "durable")!.PercentileMilliseconds(99).ToString("F1", CultureInfo.InvariantCulture)))} | ≤ {P99TargetMilliseconds:F0} ms | {Met(p99 <= P99TargetMilliseconds)} |");
        if (_results.Any(r => r.Target.Name == "empty"))
        {
            double[] ratios = [.. rounds.Select(r => Of(r, "empty")!.Throughput is > 0 and var empty ? Of(r, "durable")!.Throughput / empty : double.NaN)];
            var median = ratios.Order().ElementAt(ratios.Length / 2);
            if (ratios.Length % 2 == 0)
            {
                median = (ratios.Order().ElementAt((ratios.Length / 2) - 1) + median) / 2;
            }
            Line(md, $"| durable / empty payments/s | {median:P0} | {string.Join(", ", ratios.Select(x => x.ToString("P0", CultureInfo.InvariantCulture)))} | ≥ {EmptyRatioTarget:P0} | {Met(median >= EmptyRatioTarget)} |");
        }
        Line(md, $"| ledger identity violations | {check.Violations} | | 0 | {Met(check.Violations == 0)} |");
    }

    private void AppendLedger(StringBuilder md)
    {
        var durable = rounds.SelectMany(r => r).Where(o => o.Result.Target.Name == "durable").ToList();
        Line(md, $"Ledger check (`GET /api/v1/tenants/{options.TenantId}/ledger/summary` before and after the runs; approvals counted over the whole run, warm-up included: {check.Approved:N0} of {durable.Sum(o => o.RequestsInRun):N0} durable payments; {durable.Sum(o => o.Retried)} unanswered payments re-sent with their id{RetryOutcomes(durable)}):");
        md.AppendLine();
        md.AppendLine("| check | holds | figures |");
        md.AppendLine("|---|---|---|");
        foreach (var (name, holds, detail) in check.Checks)
        {
            Line(md, $"| {name} | {Met(holds)} | {detail} |");
        }
        md.AppendLine();
        Line(md, $"- before: {check.Before}");
        Line(md, $"- after: {check.After}");
    }

    private static string RetryOutcomes(List<PaymentLoop.Outcome> durable)
    {
        var merged = durable.SelectMany(o => o.RetryOutcomes).GroupBy(p => p.Key).Select(g => $"{g.Key} {g.Sum(p => p.Value)}").ToList();
        return merged.Count == 0 ? "" : ": " + string.Join(", ", merged);
    }

    private void AppendCosts(StringBuilder md)
    {
        if (_results.All(r => double.IsNaN(r.Cost.ServerCpuSeconds) && r.Cost.Postgres is null))
        {
            return;
        }
        md.AppendLine();
        md.AppendLine("| target | server CPU ms/payment | PostgreSQL CPU ms/payment | PG transactions/payment | WAL fsyncs/s | WAL bytes/payment |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var r in _results)
        {
            var payments = Math.Max(1, r.Successes);
            var pg = r.Cost.Postgres;
            Line(md, $"| {r.Target.Name} | {1000 * r.Cost.ServerCpuSeconds / payments:F3} | {(pg is null ? "–" : (1000 * pg.CpuSeconds / payments).ToString("F3", CultureInfo.InvariantCulture))} | {(pg is null ? "–" : ((double)pg.Transactions / payments).ToString("F1", CultureInfo.InvariantCulture))} | {(pg is null ? "–" : (pg.WalSyncs / r.Window.TotalSeconds).ToString("F0", CultureInfo.InvariantCulture))} | {(pg is null ? "–" : (pg.WalBytes / payments).ToString("F0", CultureInfo.InvariantCulture))} |");
        }
    }

    private static RunResult? Of(IReadOnlyList<PaymentLoop.Outcome> round, string name) => round.FirstOrDefault(o => o.Result.Target.Name == name)?.Result;

    private static string Met(bool met) => met ? "yes" : "**no**";

    private static string Counts(IReadOnlyDictionary<string, long> counts, long total) =>
        counts.Count == 0
            ? "0"
            : string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c =>
                string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value} ({100.0 * c.Value / total:F0} %)")));

    private static void Line(StringBuilder md, FormattableString text) => md.AppendLine(text.ToString(CultureInfo.InvariantCulture));
}

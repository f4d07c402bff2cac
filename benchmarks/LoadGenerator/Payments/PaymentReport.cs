using System.Globalization;
using System.Text;
using LoCoPi.LoadGenerator.Load;
using LoCoPi.LoadGenerator.Report;

using static LoCoPi.LoadGenerator.Report.ReportTables;

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
        AppendRates(md, _results, "payments/s");

        AppendCosts(md, _results, "payment");
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

    private static RunResult? Of(IReadOnlyList<PaymentLoop.Outcome> round, string name) => round.FirstOrDefault(o => o.Result.Target.Name == name)?.Result;
}

using System.Globalization;
using System.Text;
using LoCoPi.LoadGenerator.Load;
using LoCoPi.LoadGenerator.Touches;
using static LoCoPi.LoadGenerator.Report.ReportTables;

namespace LoCoPi.LoadGenerator.Report;

/// <summary>
/// The side-by-side table and the ratios the targets are stated in (durable / empty,
/// durable / naive). Ratios, not absolute rates, are what survive a noisy shared machine.
/// </summary>
internal sealed class ComparisonReport(TouchLoadOptions options, MachineDescription machine, IReadOnlyList<IReadOnlyList<RunResult>> rounds)
{
    // Each target's rounds added up; the ratios below are taken per round, where the targets ran minutes apart.
    private readonly IReadOnlyList<RunResult> _results = [.. rounds[0].Select((_, i) => RunResult.Combine([.. rounds.Select(round => round[i])]))];

    private const double EmptyRatioTarget = 0.60;
    private const double NaiveRatioTarget = 8.0;
    private const double P99TargetMilliseconds = 50;

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        Line(md, $"### Touch load, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        Line(md, $"- Machine: {machine.Summary}");
        Line(md, $"- Load: {options.Readers} closed-loop readers over {options.Places} places, {options.Residents} residents with one card each, random card per touch (seed {options.Seed}, the same sequence for every target), unique touchIds; {options.Warmup.TotalSeconds:F0} s warm-up and {options.Measured.TotalSeconds:F0} s measured per target, targets run one after another{(rounds.Count > 1 ? $", {rounds.Count} interleaved rounds added up" : "")}");
        Line(md, $"- Generator on the same machine as the servers (it takes CPU from them, equally for every target)");
        md.AppendLine();
        AppendRates(md, _results, "touches/s");
        AppendRounds(md);
        AppendCosts(md, _results, "touch");
        md.AppendLine();
        AppendRatios(md);
        md.AppendLine();
        foreach (var r in _results)
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
        Line(md, $"| ratio | measured | per round | target | met |");
        md.AppendLine("|---|---:|---|---:|---|");
        Line(md, $"| durable p99 | {p99:F1} ms | {PerRound(r => Ms(r, "durable"))} | ≤ {P99TargetMilliseconds:F0} ms | {Met(p99 <= P99TargetMilliseconds)} |");
        if (Find("empty") is not null)
        {
            var ratios = Ratios("empty");
            var median = Median(ratios);
            Line(md, $"| durable / empty touches/s | {median:P0} | {string.Join(", ", ratios.Select(x => x.ToString("P0", CultureInfo.InvariantCulture)))} | ≥ {EmptyRatioTarget:P0} | {Met(median >= EmptyRatioTarget)} |");
        }
        if (Find("naive") is not null)
        {
            var ratios = Ratios("naive");
            var median = Median(ratios);
            Line(md, $"| durable / naive touches/s | {median:F2}× | {string.Join(", ", ratios.Select(x => x.ToString("F2", CultureInfo.InvariantCulture) + "×"))} | ≥ {NaiveRatioTarget:F0}× | {Met(median >= NaiveRatioTarget)} |");
        }
        if (Find("floor") is not null)
        {
            AppendFloorRatios(md);
        }
        AppendCpuBoundRatios(md, durable);
        if (rounds.Count > 1)
        {
            md.AppendLine();
            md.AppendLine("Ratios are the median of the per-round ratios; each round ran every target once, back to back.");
        }
    }

    /// <summary>
    /// The floor's own ratios to the empty endpoint and the naive baseline: no durable design on this
    /// machine can beat them, so they say how much of each target is reachable at all.
    /// </summary>
    private void AppendFloorRatios(StringBuilder md)
    {
        if (Find("empty") is not null)
        {
            var ratios = Ratios("floor", "empty");
            Line(md, $"| floor / empty touches/s (bound) | {Median(ratios):P0} | {string.Join(", ", ratios.Select(x => x.ToString("P0", CultureInfo.InvariantCulture)))} | | |");
        }
        if (Find("naive") is not null)
        {
            var ratios = Ratios("floor", "naive");
            Line(md, $"| floor / naive touches/s (bound) | {Median(ratios):F2}× | {string.Join(", ", ratios.Select(x => x.ToString("F2", CultureInfo.InvariantCulture) + "×"))} | | |");
        }
        var toFloor = Ratios("durable", "floor");
        Line(md, $"| durable / floor touches/s | {Median(toFloor):P0} | {string.Join(", ", toFloor.Select(x => x.ToString("P0", CultureInfo.InvariantCulture)))} | | |");
    }

    /// <summary>
    /// The ratios if every target kept all cores busy: the inverse ratio of their CPU per touch (server,
    /// PostgreSQL and generator together). A measured ratio below it means the target left cores idle —
    /// waiting on commits, say — and more concurrency or pipelining could still raise it; at it, only a
    /// cheaper touch can.
    /// </summary>
    private void AppendCpuBoundRatios(StringBuilder md, RunResult durable)
    {
        var durableCost = AllCpuPerRequest(durable);
        if (double.IsNaN(durableCost) || durable.Cost.Postgres is null)
        {
            return;
        }
        foreach (var name in new[] { "empty", "naive" })
        {
            if (Find(name) is { } other && !double.IsNaN(AllCpuPerRequest(other)))
            {
                var ratio = AllCpuPerRequest(other) / durableCost;
                Line(md, $"| durable / {name} if all kept every core busy (CPU per touch, inverted) | {(name == "empty" ? ratio.ToString("P0", CultureInfo.InvariantCulture) : ratio.ToString("F2", CultureInfo.InvariantCulture) + "×")} | | | |");
            }
        }
    }

    /// <summary>durable / other, one per round: within a round the runs are minutes apart, so the machine's mood is closest.</summary>
    private double[] Ratios(string other) => Ratios("durable", other);

    private double[] Ratios(string name, string other) => [.. rounds.Select(round =>
    {
        var durable = round.First(r => r.Target.Name == name).Throughput;
        var baseline = round.First(r => r.Target.Name == other).Throughput;
        return baseline > 0 ? durable / baseline : double.NaN;
    })];

    private string PerRound(Func<IReadOnlyList<RunResult>, string> format) => string.Join(", ", rounds.Select(format));

    private static string Ms(IReadOnlyList<RunResult> round, string name) =>
        round.First(r => r.Target.Name == name).PercentileMilliseconds(99).ToString("F1", CultureInfo.InvariantCulture);

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Touches/s per round: a drift from round to round (state piling up, a neighbour's build) shows here.</summary>
    private void AppendRounds(StringBuilder md)
    {
        if (rounds.Count < 2)
        {
            return;
        }
        md.AppendLine();
        md.AppendLine("| touches/s per round | " + string.Join(" | ", rounds.Select((_, i) => $"round {i + 1}")) + " |");
        md.AppendLine("|---|" + string.Concat(rounds.Select(_ => "---:|")));
        foreach (var name in rounds[0].Select(r => r.Target.Name))
        {
            md.AppendLine($"| {name} | " + string.Join(" | ", rounds.Select(round =>
                round.First(r => r.Target.Name == name).Throughput.ToString("F0", CultureInfo.InvariantCulture))) + " |");
        }
        foreach (var name in rounds[0].Where(r => !double.IsNaN(r.Cost.ServerMegabytes)).Select(r => r.Target.Name))
        {
            md.AppendLine($"| {name}: server RSS MiB at end | " + string.Join(" | ", rounds.Select(round =>
                round.First(r => r.Target.Name == name).Cost.ServerMegabytes.ToString("F0", CultureInfo.InvariantCulture))) + " |");
        }
    }

    private RunResult? Find(string name) => _results.FirstOrDefault(r => r.Target.Name == name);
}

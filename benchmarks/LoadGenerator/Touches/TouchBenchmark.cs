using LoCoPi.LoadGenerator.Load;
using LoCoPi.LoadGenerator.Probes;
using LoCoPi.LoadGenerator.Report;
using LoCoPi.LoadGenerator.Setup;

namespace LoCoPi.LoadGenerator.Touches;

/// <summary>
/// Sets up the benchmark tenant, then loads each target one after another with the same
/// readers, cards and durations, so the ratios compare runs taken minutes apart on the same
/// (noisy, shared) machine rather than figures from different days.
/// </summary>
internal static class TouchBenchmark
{
    public static async Task<int> RunAsync(TouchLoadOptions options, CancellationToken cancellationToken)
    {
        using var http = LoadHttpClient.Create(options.Readers + 8);
        var population = new BenchmarkPopulation(options.TenantId, options.Places, options.Readers, options.Residents);
        var machine = MachineDescription.Capture();
        Console.WriteLine($"Machine: {machine.Summary}");
        Console.WriteLine($"Setting up tenant '{options.TenantId}': {options.Places} places, {options.Readers} readers, {options.Residents} residents");

        var targets = new List<LoadTarget>();
        if (options.Target is { } silo)
        {
            var siloTokens = await new SiloSetup(http, silo, options.AdminToken).RunAsync(population, cancellationToken);
            targets.Add(new("durable", "Silo `POST /api/v1/touches`: grain calls, the touch's event and claim committed to PostgreSQL (the resident's snapshot rewritten every 32nd touch)",
                new Uri(silo, "api/v1/touches"), siloTokens, options.SiloPid));
            if (options.IncludeEmpty)
            {
                targets.Add(new("empty", "Silo `POST /api/v1/benchmark/empty-touch`: same auth and parsing, no grain, no storage (HTTP ceiling)",
                    new Uri(silo, "api/v1/benchmark/empty-touch"), siloTokens, options.SiloPid));
            }
            if (options.IncludeFloor)
            {
                targets.Add(new("floor", "Silo `POST /api/v1/benchmark/floor-touch`: same edge, then one group-committed write of the touch's journal event and its claim against a record it does not rewrite, no grain, no rules (the durable floor)",
                    new Uri(silo, "api/v1/benchmark/floor-touch"), siloTokens, options.SiloPid));
            }
        }
        if (options.BaselineUrl is { } baselineUrl)
        {
            var baselineTokens = await new BaselineSetup(http, baselineUrl, options.BaselineAdminToken!).RunAsync(population, cancellationToken);
            targets.Add(new("naive", "NaiveBaseline `POST /api/v1/touches`: one PostgreSQL transaction per touch with a row lock on the resident",
                new Uri(baselineUrl, "api/v1/touches"), baselineTokens, options.BaselinePid));
        }

        var postgres = options.PostgresConnectionString is { } connectionString
            ? await PostgresCounters.ConnectAsync(connectionString, cancellationToken)
            : null;
        var rounds = new List<IReadOnlyList<RunResult>>();
        var run = new ClosedLoopRun(http, population, postgres);
        for (var round = 0; round < options.Rounds; round++)
        {
            // Every target of a round gets the same card sequence; each round a new one, so a
            // later round's touches are first visits again rather than repeats of the earlier.
            var seed = unchecked(options.Seed + (round * 1_000_003));
            var results = new List<RunResult>();
            foreach (var target in targets)
            {
                // Garbage from the previous run must not be collected inside this run's window.
                GC.Collect();
                GC.WaitForPendingFinalizers();
                results.Add(await run.RunAsync(target, options.Warmup, options.Measured, seed, cancellationToken));
            }
            rounds.Add(results);
        }

        var report = new ComparisonReport(options, machine, rounds);
        Console.WriteLine();
        Console.WriteLine(report.ToMarkdown());
        if (options.OutFile is { } outFile)
        {
            await File.WriteAllTextAsync(outFile, report.ToMarkdown(), cancellationToken);
            Console.WriteLine($"Written to {Path.GetFullPath(outFile)}");
        }
        return rounds.SelectMany(r => r).All(r => r.Successes > 0) ? 0 : 1;
    }
}

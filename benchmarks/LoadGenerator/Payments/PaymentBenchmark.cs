using System.Globalization;
using LoCoPi.LoadGenerator.Load;
using LoCoPi.LoadGenerator.Probes;
using LoCoPi.LoadGenerator.Report;

namespace LoCoPi.LoadGenerator.Payments;

/// <summary>
/// Sets up the payment tenant (shops, pay readers, residents with full wallets), loads the durable
/// <c>POST /api/v1/payments</c> and the empty payment endpoint one after another with the same
/// readers and cards, then checks the ledger: its identity, and that it moved by exactly what was
/// approved. Prints the report and the violations (there must be none).
/// </summary>
internal static class PaymentBenchmark
{
    public static async Task<int> RunAsync(PaymentLoadOptions options, CancellationToken cancellationToken)
    {
        using var http = LoadHttpClient.Create(options.Readers + 40);
        var population = new PaymentPopulation(options.TenantId, options.Shops, options.Readers, options.Residents);
        var machine = MachineDescription.Capture();
        Console.WriteLine($"Machine: {machine.Summary}");
        Console.WriteLine($"Setting up tenant '{options.TenantId}': {options.Shops} shops, {options.Readers} pay readers, {options.Residents} residents");

        var runTag = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyMMddHHmmss}{Random.Shared.Next(0x10000):x4}");
        var setup = await new PaymentSetup(http, options.Target, options.AdminToken).RunAsync(population, runTag, cancellationToken);
        var ledger = new LedgerSummaryProbe(http, options.Target, options.AdminToken, options.TenantId);
        // The summary is a projection of the journal: wait until it holds the opening charges.
        var before = await ledger.ReadSettledAsync(t => t.WalletsYen == setup.SpendableYen, TimeSpan.FromSeconds(60), cancellationToken);
        Console.WriteLine($"  ledger before: {before}");

        var targets = new List<LoadTarget>
        {
            new("durable", "Silo `POST /api/v1/payments`: wallet grain, ledger entry, answer and id claim committed to PostgreSQL in one write",
                new Uri(options.Target, "api/v1/payments"), setup.PayReaderTokens, options.SiloPid),
        };
        if (options.IncludeEmpty)
        {
            targets.Add(new("empty", "Silo `POST /api/v1/benchmark/empty-payment`: same auth, parsing and validation, no grain, no storage (HTTP ceiling)",
                new Uri(options.Target, "api/v1/benchmark/empty-payment"), setup.PayReaderTokens, options.SiloPid));
        }

        var postgres = options.PostgresConnectionString is { } connectionString
            ? await PostgresCounters.ConnectAsync(connectionString, cancellationToken)
            : null;
        var loop = new PaymentLoop(http, population, options.AmountYen, postgres);
        var rounds = new List<IReadOnlyList<PaymentLoop.Outcome>>();
        for (var round = 0; round < options.Rounds; round++)
        {
            var seed = unchecked(options.Seed + (round * 1_000_003));
            var results = new List<PaymentLoop.Outcome>();
            foreach (var target in targets)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                results.Add(await loop.RunAsync(target, options.Warmup, options.Measured, seed, cancellationToken));
            }
            rounds.Add(results);
        }

        var durable = rounds.SelectMany(r => r).Where(o => o.Result.Target.Name == "durable").ToList();
        var approved = durable.Sum(o => o.ApprovedInRun);
        var expectedSpent = before.SpentYen + (approved * options.AmountYen);
        var after = await ledger.ReadSettledAsync(t => t.SpentYen == expectedSpent, TimeSpan.FromSeconds(60), cancellationToken);
        Console.WriteLine($"  ledger after: {after}");
        var balances = new long[population.ResidentCount];
        await Parallel.ForAsync(0, population.ResidentCount, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (i, ct) => balances[i] = await ledger.BalanceAsync(population.ResidentId(i), ct));
        var unanswered = (int)rounds.SelectMany(r => r).Sum(o => o.RetryOutcomes.GetValueOrDefault("still unanswered"));
        var check = new LedgerCheck(before, after, approved, options.AmountYen, balances.Sum(), unanswered);

        var report = new PaymentReport(options, machine, setup, rounds, check);
        var markdown = report.ToMarkdown();
        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine($"Ledger identity violations: {check.Violations}");
        if (options.OutFile is { } outFile)
        {
            await File.WriteAllTextAsync(outFile, markdown, cancellationToken);
            Console.WriteLine($"Written to {Path.GetFullPath(outFile)}");
        }
        return check.Violations == 0 && rounds.SelectMany(r => r).All(o => o.Result.Successes > 0) ? 0 : 1;
    }
}

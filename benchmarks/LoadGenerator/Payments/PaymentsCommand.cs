using System.CommandLine;

namespace LoCoPi.LoadGenerator.Payments;

/// <summary>The <c>payments</c> sub-command: parses options and hands them to <see cref="PaymentBenchmark"/>.</summary>
internal static class PaymentsCommand
{
    public static Command Create()
    {
        var target = new Option<string>("--target") { Description = "Base URL of the Silo, e.g. http://127.0.0.1:5000", Required = true };
        var readers = new Option<int>("--readers") { Description = "Simulated pay readers (closed-loop clients), one token each", DefaultValueFactory = _ => 64 };
        var shops = new Option<int>("--shops") { Description = "Shops the pay readers are spread over", DefaultValueFactory = _ => 55 };
        var residents = new Option<int>("--residents") { Description = "Residents, one card each, wallets filled to ¥50,000 before the runs", DefaultValueFactory = _ => 2_000 };
        var amount = new Option<long>("--amount") { Description = "Yen per payment", DefaultValueFactory = _ => 100 };
        var warmup = new Option<int>("--warmup") { Description = "Warm-up seconds per target (not measured)", DefaultValueFactory = _ => 5 };
        var seconds = new Option<int>("--seconds") { Description = "Measured seconds per target", DefaultValueFactory = _ => 15 };
        var adminToken = new Option<string?>("--admin-token") { Description = "Operator admin token (default: $LOCOPI_ADMIN_TOKEN)" };
        var empty = new Option<bool>("--empty") { Description = "Also run the same load against the Silo's empty payment endpoint (POST /api/v1/benchmark/empty-payment): the HTTP ceiling" };
        var tenant = new Option<string>("--tenant") { Description = "Benchmark tenant id", DefaultValueFactory = _ => "bench-pay" };
        var seed = new Option<int?>("--seed") { Description = "Seed for the card sequence (default: a new one per invocation, printed in the report)" };
        var outFile = new Option<string?>("--out") { Description = "Write the report as Markdown to this file" };
        var siloPid = new Option<int?>("--silo-pid") { Description = "Process id of the Silo on this machine: reports its CPU per payment" };
        var postgres = new Option<string?>("--postgres") { Description = "Connection string of the Silo's PostgreSQL: reports transactions, WAL and (when local) its CPU per payment" };
        var rounds = new Option<int>("--rounds") { Description = "Run the targets this many times, interleaved; ratios per round and their median", DefaultValueFactory = _ => 1 };

        var command = new Command("payments", "Closed-loop POST /api/v1/payments load against the durable and the empty endpoint, then a ledger identity check.")
        {
            target, readers, shops, residents, amount, warmup, seconds, adminToken, empty, tenant, seed, outFile, siloPid, postgres, rounds,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var admin = parse.GetValue(adminToken) ?? Environment.GetEnvironmentVariable("LOCOPI_ADMIN_TOKEN");
            if (string.IsNullOrEmpty(admin))
            {
                await Console.Error.WriteLineAsync("An admin token is needed to set up the benchmark tenant: pass --admin-token or set LOCOPI_ADMIN_TOKEN.");
                return 2;
            }
            var url = parse.GetRequiredValue(target);
            if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var baseUrl))
            {
                await Console.Error.WriteLineAsync($"'{url}' is not an absolute http(s) URL.");
                return 2;
            }
            var options = new PaymentLoadOptions(
                baseUrl,
                parse.GetValue(readers),
                parse.GetValue(shops),
                parse.GetValue(residents),
                parse.GetValue(amount),
                TimeSpan.FromSeconds(parse.GetValue(warmup)),
                TimeSpan.FromSeconds(parse.GetValue(seconds)),
                admin,
                parse.GetValue(empty),
                parse.GetRequiredValue(tenant),
                parse.GetValue(seed) ?? Random.Shared.Next(),
                parse.GetValue(outFile),
                parse.GetValue(siloPid),
                parse.GetValue(postgres),
                parse.GetValue(rounds));
            if (options.Readers < 1 || options.Shops < 1 || options.Residents < 1 || options.AmountYen < 1 || options.Measured <= TimeSpan.Zero || options.Rounds < 1)
            {
                await Console.Error.WriteLineAsync("--readers, --shops, --residents, --amount, --seconds and --rounds must be at least 1.");
                return 2;
            }
            return await PaymentBenchmark.RunAsync(options, cancellationToken);
        });
        return command;
    }
}

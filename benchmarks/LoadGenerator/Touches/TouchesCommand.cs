using System.CommandLine;

namespace LoCoPi.LoadGenerator.Touches;

/// <summary>The <c>touches</c> sub-command: parses options and hands them to <see cref="TouchBenchmark"/>.</summary>
internal static class TouchesCommand
{
    public static Command Create()
    {
        var target = new Option<string?>("--target") { Description = "Base URL of the Silo, e.g. http://127.0.0.1:5000 (leave out to load only the baseline)" };
        var readers = new Option<int>("--readers") { Description = "Simulated readers (closed-loop clients), one token each", DefaultValueFactory = _ => 64 };
        var places = new Option<int>("--places") { Description = "Places the readers are spread over (default: one per reader)", DefaultValueFactory = _ => 0 };
        var residents = new Option<int>("--residents") { Description = "Residents, one card each", DefaultValueFactory = _ => 10_000 };
        var warmup = new Option<int>("--warmup") { Description = "Warm-up seconds per target (not measured)", DefaultValueFactory = _ => 5 };
        var seconds = new Option<int>("--seconds") { Description = "Measured seconds per target", DefaultValueFactory = _ => 15 };
        var adminToken = new Option<string?>("--admin-token") { Description = "Operator admin token (default: $LOCOPI_ADMIN_TOKEN)" };
        var baselineUrl = new Option<string?>("--baseline-url") { Description = "Base URL of benchmarks/NaiveBaseline; when given, the same load runs against it" };
        var baselineAdminToken = new Option<string?>("--baseline-admin-token") { Description = "Admin token of the baseline (default: the Silo's admin token)" };
        var empty = new Option<bool>("--empty") { Description = "Also run the same load against the Silo's empty endpoint (POST /api/v1/benchmark/empty-touch): the HTTP ceiling" };
        var tenant = new Option<string>("--tenant") { Description = "Benchmark tenant id", DefaultValueFactory = _ => "bench" };
        var seed = new Option<int?>("--seed") { Description = "Seed for the card sequence (default: a new one per invocation, printed in the report). Every target gets the same sequence; a fixed seed repeated on the same day turns visits into repeat visits" };
        var outFile = new Option<string?>("--out") { Description = "Write the comparison table as Markdown to this file" };
        var siloPid = new Option<int?>("--silo-pid") { Description = "Process id of the Silo on this machine: reports its CPU per touch" };
        var baselinePid = new Option<int?>("--baseline-pid") { Description = "Process id of the baseline on this machine: reports its CPU per touch" };
        var floor = new Option<bool>("--floor") { Description = "Also run the same load against the Silo's floor endpoint (POST /api/v1/benchmark/floor-touch): the edge plus one group-committed state write with one journal event, nothing else — what any durable design here must pay" };
        var rounds = new Option<int>("--rounds") { Description = "Run every target this many times, interleaved (durable, empty, naive, durable, …); the ratios are reported per round and as the median", DefaultValueFactory = _ => 1 };
        var postgres = new Option<string?>("--postgres") { Description = "Connection string of the PostgreSQL both servers use: reports transactions, WAL and (when local) its CPU per touch" };

        var command = new Command("touches", "Closed-loop POST /api/v1/touches load; compares durable, empty and naive endpoints side by side.")
        {
            target, readers, places, residents, warmup, seconds, adminToken, baselineUrl, baselineAdminToken, empty, floor, tenant, seed, outFile, siloPid, baselinePid, postgres, rounds,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var admin = parse.GetValue(adminToken) ?? Environment.GetEnvironmentVariable("LOCOPI_ADMIN_TOKEN");
            if (string.IsNullOrEmpty(admin))
            {
                await Console.Error.WriteLineAsync("An admin token is needed to set up the benchmark tenant: pass --admin-token or set LOCOPI_ADMIN_TOKEN.");
                return 2;
            }
            var readerCount = parse.GetValue(readers);
            var placeCount = parse.GetValue(places);
            var options = new TouchLoadOptions(
                BaseUrl(parse.GetValue(target)),
                readerCount,
                placeCount > 0 ? placeCount : readerCount,
                parse.GetValue(residents),
                TimeSpan.FromSeconds(parse.GetValue(warmup)),
                TimeSpan.FromSeconds(parse.GetValue(seconds)),
                admin,
                BaseUrl(parse.GetValue(baselineUrl)),
                parse.GetValue(baselineAdminToken) ?? admin,
                parse.GetValue(empty),
                parse.GetValue(floor),
                parse.GetRequiredValue(tenant),
                parse.GetValue(seed) ?? Random.Shared.Next(),
                parse.GetValue(outFile),
                parse.GetValue(siloPid),
                parse.GetValue(baselinePid),
                parse.GetValue(postgres),
                parse.GetValue(rounds));
            if (options.Target is null && options.BaselineUrl is null)
            {
                await Console.Error.WriteLineAsync("Nothing to load: pass --target, --baseline-url or both.");
                return 2;
            }
            if (options.Readers < 1 || options.Residents < 1 || options.Measured <= TimeSpan.Zero || options.Rounds < 1)
            {
                await Console.Error.WriteLineAsync("--readers, --residents, --seconds and --rounds must be at least 1.");
                return 2;
            }
            return await TouchBenchmark.RunAsync(options, cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// A base URL always ends in a slash, so relative API paths append to it instead of
    /// replacing its last segment.
    /// </summary>
    private static Uri? BaseUrl(string? value)
    {
        if (value is null)
        {
            return null;
        }
        var withSlash = value.EndsWith('/') ? value : value + "/";
        return Uri.TryCreate(withSlash, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new ArgumentException($"'{value}' is not an absolute http(s) URL.");
    }
}

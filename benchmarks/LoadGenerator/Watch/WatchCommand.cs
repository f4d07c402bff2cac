using System.CommandLine;

namespace LoCoPi.LoadGenerator.Watch;

/// <summary>The <c>watch</c> sub-command: parses options and hands them to <see cref="WatchBenchmark"/>.</summary>
internal static class WatchCommand
{
    public static Command Create()
    {
        var target = new Option<string>("--target") { Description = "Base URL of the Silo, e.g. http://127.0.0.1:5000", Required = true };
        var adminToken = new Option<string?>("--admin-token") { Description = "Operator admin token (default: $LOCOPI_ADMIN_TOKEN)" };
        var tenant = new Option<string>("--tenant") { Description = "Benchmark tenant id", DefaultValueFactory = _ => "watchbench" };
        var families = new Option<int>("--families") { Description = "Family accounts, each with one connected /hubs/watch client", DefaultValueFactory = _ => 1_000 };
        var perFamily = new Option<int>("--residents-per-family") { Description = "Watched residents per family account (each resident has exactly one watcher)", DefaultValueFactory = _ => 2 };
        var places = new Option<int>("--places") { Description = "Places (one visit reader each)", DefaultValueFactory = _ => 32 };
        var rate = new Option<double>("--rate") { Description = "Touches per second, open loop (fixed arrival times, not waiting for answers)", DefaultValueFactory = _ => 5_000 };
        var warmup = new Option<int>("--warmup") { Description = "Warm-up seconds at the same rate (checked for missing/duplicated alerts, not in the latency figures)", DefaultValueFactory = _ => 5 };
        var seconds = new Option<int>("--seconds") { Description = "Measured seconds", DefaultValueFactory = _ => 20 };
        var drain = new Option<int>("--drain") { Description = "Seconds to wait after the last answer for alerts still on their way", DefaultValueFactory = _ => 15 };
        var inFlight = new Option<int>("--max-in-flight") { Description = "Touches outstanding at most; a touch due while this many wait counts as an error (the generator fell behind)", DefaultValueFactory = _ => 4_000 };
        var connections = new Option<int>("--connections") { Description = "HTTP connections for the touches", DefaultValueFactory = _ => 256 };
        var outFile = new Option<string?>("--out") { Description = "Write the result as Markdown to this file" };

        var command = new Command("watch", "Open-loop watched touches at a fixed rate with family clients on /hubs/watch: ack→alert latency, missing and duplicated alerts.")
        {
            target, adminToken, tenant, families, perFamily, places, rate, warmup, seconds, drain, inFlight, connections, outFile,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var admin = parse.GetValue(adminToken) ?? Environment.GetEnvironmentVariable("LOCOPI_ADMIN_TOKEN");
            if (string.IsNullOrEmpty(admin))
            {
                await Console.Error.WriteLineAsync("An admin token is needed: pass --admin-token or set LOCOPI_ADMIN_TOKEN.");
                return 2;
            }

            var url = parse.GetRequiredValue(target);
            var options = new WatchLoadOptions(
                new Uri(url.EndsWith('/') ? url : url + "/"),
                admin,
                parse.GetRequiredValue(tenant),
                parse.GetValue(families),
                parse.GetValue(perFamily),
                parse.GetValue(places),
                parse.GetValue(rate),
                TimeSpan.FromSeconds(parse.GetValue(warmup)),
                TimeSpan.FromSeconds(parse.GetValue(seconds)),
                TimeSpan.FromSeconds(parse.GetValue(drain)),
                parse.GetValue(inFlight),
                parse.GetValue(connections),
                parse.GetValue(outFile));
            if (options.Families < 1 || options.ResidentsPerFamily < 1 || options.Places < 1 || options.Rate <= 0 || options.Measured <= TimeSpan.Zero)
            {
                await Console.Error.WriteLineAsync("--families, --residents-per-family, --places, --rate and --seconds must be positive.");
                return 2;
            }

            return await WatchBenchmark.RunAsync(options, cancellationToken);
        });
        return command;
    }
}

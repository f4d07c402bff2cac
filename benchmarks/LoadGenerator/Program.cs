using System.CommandLine;
using LoCoPi.LoadGenerator.Payments;
using LoCoPi.LoadGenerator.Touches;
using LoCoPi.LoadGenerator.Watch;

var root = new RootCommand("LoCoPi load generator: closed-loop HTTP load against a Silo and its baselines.");
root.Subcommands.Add(TouchesCommand.Create());
root.Subcommands.Add(WatchCommand.Create());
root.Subcommands.Add(PaymentsCommand.Create());
return await root.Parse(args).InvokeAsync();

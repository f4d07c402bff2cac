using BenchmarkDotNet.Running;
using LoCoPi.Benchmarks.Calls;
using LoCoPi.Benchmarks.Storage;

// A dispatch table: each subcommand is one line, so suites added in parallel merge without conflicts.
var commands = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.OrdinalIgnoreCase)
{
    ["calls"] = CallThroughputDriver.RunAsync,
    ["writes"] = DurableWriteDriver.RunAsync,
};

if (args.Length > 0 && commands.TryGetValue(args[0], out var command))
{
    return await command(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(CallThroughputDriver).Assembly).Run(args);
return 0;

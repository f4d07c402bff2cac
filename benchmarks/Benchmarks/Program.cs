using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
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

// In process: the generated out-of-process project cannot be found, as the assembly (LoCoPi.Benchmarks) and
// project (Benchmarks.csproj) names differ.
var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsDefault());
BenchmarkSwitcher.FromAssembly(typeof(CallThroughputDriver).Assembly).Run(args, config);
return 0;

using BenchmarkDotNet.Running;
using LoCoPi.Benchmarks.Storage;

// A table of contents: closed-loop drivers by subcommand, everything else to BenchmarkDotNet.
return args.FirstOrDefault() switch
{
    "writes" => await DurableWriteDriver.RunAsync(args[1..]),
    _ => RunBenchmarkDotNet(args),
};

static int RunBenchmarkDotNet(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(DurableWriteDriver).Assembly).Run(args);
    return 0;
}

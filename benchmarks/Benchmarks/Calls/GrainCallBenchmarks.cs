using BenchmarkDotNet.Attributes;
using LoCoPi.Runtime;

namespace LoCoPi.Benchmarks.Calls;

/// <summary>
/// One call to an idle activation whose method completes synchronously, against a direct interface
/// call on the grain object: the difference is the runtime's per-call cost (typed proxy, catalog
/// lookup, turn, exclusivity, statistics), with no reflection on the path.
/// </summary>
[MemoryDiagnoser]
public class GrainCallBenchmarks
{
    private GrainRuntime _runtime = null!;
    private IBenchGrain _direct = null!;
    private IBenchGrain _reference = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _runtime = await BenchRuntime.StartAsync();
        _direct = new BenchGrain();
        _reference = _runtime.GetGrain<IBenchGrain>("t1", "g1");
        await _reference.AddAsync(0);
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _runtime.DisposeAsync();

    [Benchmark(Baseline = true)]
    public Task<int> DirectInterfaceCall() => _direct.AddAsync(1);

    [Benchmark]
    public Task<int> GrainCall() => _reference.AddAsync(1);
}

/// <summary>A call whose method awaits: it runs through the mailbox and one posted continuation.</summary>
[MemoryDiagnoser]
public class QueuedGrainCallBenchmarks
{
    private GrainRuntime _runtime = null!;
    private IBenchGrain _direct = null!;
    private IBenchGrain _reference = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _runtime = await BenchRuntime.StartAsync();
        _direct = new BenchGrain();
        _reference = _runtime.GetGrain<IBenchGrain>("t1", "g1");
        await _reference.AddAsync(0);
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _runtime.DisposeAsync();

    [Benchmark(Baseline = true)]
    public Task<int> DirectInterfaceCall() => _direct.AddAfterYieldAsync(1);

    [Benchmark]
    public Task<int> GrainCall() => _reference.AddAfterYieldAsync(1);
}

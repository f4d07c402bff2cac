using BenchmarkDotNet.Attributes;
using LoCoPi.Runtime;

namespace LoCoPi.Benchmarks.Storage;

/// <summary>
/// One durable write (state + one event) awaited on its own: the latency a lone grain sees,
/// dominated by one commit's fsync.
/// </summary>
// In-process: BenchmarkDotNet cannot find a project named after the assembly (LoCoPi.Benchmarks).
[MemoryDiagnoser]
[InProcess]
public class SingleDurableWriteBenchmark
{
    private readonly WriteWorkload _workload = new();
    private BenchmarkStore? _store;
    private long _touch;
    private long? _version;

    [Params("sqlite", "postgres")]
    public string Provider { get; set; } = "sqlite";

    [Params(true, false)]
    public bool GroupCommit { get; set; }

    [GlobalSetup]
    public void Setup() => _store = BenchmarkStore.CreateAsync(Provider, GroupCommit, 2000, null).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _store!.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public async Task<long> WriteAsync()
    {
        _version = (await _store!.Storage.WriteStateAsync(_workload.Next(0, _touch++, _version), CancellationToken.None)).Version;
        return _version.Value;
    }
}

/// <summary>
/// 256 durable writes to distinct grains issued at once: what group commit is for. Without it every
/// write pays its own commit.
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class ConcurrentDurableWritesBenchmark
{
    private const int Writers = 256;
    private readonly WriteWorkload _workload = new();
    private readonly long?[] _versions = new long?[Writers];
    private readonly Task<GrainWriteResult>[] _pending = new Task<GrainWriteResult>[Writers];
    private BenchmarkStore? _store;
    private long _touch;

    [Params("sqlite", "postgres")]
    public string Provider { get; set; } = "sqlite";

    [Params(true, false)]
    public bool GroupCommit { get; set; }

    [GlobalSetup]
    public void Setup() => _store = BenchmarkStore.CreateAsync(Provider, GroupCommit, 2000, null).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _store!.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Writers)]
    public async Task WriteAllAsync()
    {
        var touch = _touch++;
        for (var i = 0; i < Writers; i++)
        {
            _pending[i] = _store!.Storage.WriteStateAsync(_workload.Next(i, touch, _versions[i]), CancellationToken.None);
        }

        for (var i = 0; i < Writers; i++)
        {
            _versions[i] = (await _pending[i]).Version;
        }
    }
}

using LoCoPi.Runtime.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LoCoPi.Runtime.Tests.Support;

/// <summary>A started runtime on a manual clock and in-memory storage, with the test grains registered.</summary>
public sealed class RuntimeHarness : IAsyncDisposable
{
    private RuntimeHarness(GrainRuntime runtime, IGrainStorage storage, ManualTimeProvider time, Probe probe)
    {
        Runtime = runtime;
        Storage = storage;
        Time = time;
        Probe = probe;
    }

    public GrainRuntime Runtime { get; }

    public IGrainStorage Storage { get; }

    public ManualTimeProvider Time { get; }

    public Probe Probe { get; }

    public static async Task<RuntimeHarness> StartAsync(
        GrainTypeOptions? counterOptions = null, Action<GrainRuntimeOptions>? configure = null,
        IGrainStorage? storage = null, ManualTimeProvider? time = null, Probe? probe = null)
    {
        storage ??= new MemoryGrainStorage();
        time ??= new ManualTimeProvider();
        probe ??= new Probe();
        var registry = new GrainTypeRegistry();
        TestGrains.Register(registry, probe, counterOptions);
        var options = new GrainRuntimeOptions();
        configure?.Invoke(options);
        var runtime = new GrainRuntime(
            registry, storage, options, new ServiceCollection().BuildServiceProvider(), time, NullLoggerFactory.Instance);
        await runtime.StartAsync();
        return new RuntimeHarness(runtime, storage, time, probe);
    }

    public ICounterGrain Counter(string key = "c1") => Runtime.GetGrain<ICounterGrain>("t1", key);

    /// <summary>Opens every gate first, so a failed test ends with its failure instead of hanging the stop.</summary>
    public async ValueTask DisposeAsync()
    {
        Probe.Gate.TrySetResult();
        Probe.TickGate.TrySetResult();
        Probe.BothReadersInside.TrySetResult();
        Probe.DeactivationGate.TrySetResult();
        Probe.ActivationGate.TrySetResult();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Runtime.StopAsync(deadline.Token);
        await Runtime.DisposeAsync();
    }
}

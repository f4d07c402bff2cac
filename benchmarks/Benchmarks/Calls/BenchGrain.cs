using LoCoPi.Runtime;

namespace LoCoPi.Benchmarks.Calls;

public interface IBenchGrain : IGrain
{
    /// <summary>Completes synchronously: the cost measured is the runtime's.</summary>
    Task<int> AddAsync(int amount);

    /// <summary>Awaits once, so the call goes through the mailbox and a posted continuation.</summary>
    Task<int> AddAfterYieldAsync(int amount);
}

public sealed class BenchGrain : Grain, IBenchGrain
{
    private int _total;

    public Task<int> AddAsync(int amount) => Task.FromResult(_total += amount);

    public async Task<int> AddAfterYieldAsync(int amount)
    {
        await Task.Yield();
        return _total += amount;
    }
}

public sealed class BenchGrainReference(IGrainCallInvoker invoker, GrainId grainId) : GrainReference(invoker, grainId), IBenchGrain
{
    private static readonly GrainMethod Add = new(nameof(IBenchGrain), nameof(AddAsync));
    private static readonly GrainMethod AddAfterYield = new(nameof(IBenchGrain), nameof(AddAfterYieldAsync));

    public Task<int> AddAsync(int amount) => InvokeAsync<IBenchGrain, int, int>(Add, amount, static (g, a) => g.AddAsync(a));

    public Task<int> AddAfterYieldAsync(int amount)
        => InvokeAsync<IBenchGrain, int, int>(AddAfterYield, amount, static (g, a) => g.AddAfterYieldAsync(a));
}

/// <summary>A started runtime on in-memory storage with the bench grain registered.</summary>
public static class BenchRuntime
{
    public static async Task<GrainRuntime> StartAsync()
    {
        var registry = new GrainTypeRegistry()
            .AddInterface<IBenchGrain>("bench", static (invoker, id) => new BenchGrainReference(invoker, id))
            .AddGrain("bench", static _ => new BenchGrain());
        var runtime = new GrainRuntime(
            registry, new MemoryGrainStorage(), new GrainRuntimeOptions(), EmptyServices.Instance, TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        await runtime.StartAsync();
        return runtime;
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}

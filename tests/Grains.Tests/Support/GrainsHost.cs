using LoCoPi.Grains.Accounts;
using LoCoPi.Grains.Interfaces.Accounts;
using LoCoPi.Grains.Watch;
using LoCoPi.Runtime;
using LoCoPi.Web.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LoCoPi.Grains.Tests.Support;

/// <summary>
/// Every grain type of the platform on our runtime, over one storage that outlives it: a restart
/// (<see cref="RestartAsync"/>) starts a new runtime on the same storage, so every grain is
/// activated again from what was stored, as after a Silo restart.
/// </summary>
public sealed class GrainsHost : IAsyncDisposable
{
    private ServiceProvider _services;

    private GrainsHost(YieldingStorage storage, ServiceProvider services)
    {
        Storage = storage;
        _services = services;
    }

    public YieldingStorage Storage { get; }

    /// <summary>The hasher the account grains check passwords with (the platform's own).</summary>
    public static AccountPasswords Passwords { get; } = new();

    public IGrainFactory Grains => _services.GetRequiredService<GrainRuntime>();

    public static async Task<GrainsHost> StartAsync(YieldingStorage? storage = null)
    {
        storage ??= new YieldingStorage();
        return new GrainsHost(storage, await StartRuntimeAsync(storage));
    }

    public T Get<T>(string key) where T : IGrain => Grains.GetGrain<T>("t1", key);

    /// <summary>Stops the runtime (every activation goes) and starts a new one on the same storage.</summary>
    public async Task RestartAsync()
    {
        await StopAsync(_services);
        _services = await StartRuntimeAsync(Storage);
    }

    public async ValueTask DisposeAsync() => await StopAsync(_services);

    private static async Task<ServiceProvider> StartRuntimeAsync(YieldingStorage storage)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IGrainStorage>(storage);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IGrainSerializer>(
            new JsonGrainSerializer(JsonGrainSerializer.CreateOptions(GrainStatesJsonContext.HotPathResolvers)));
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(new WatchOptions(WatchOptions.DefaultInactivityPeriod));
        services.AddSingleton<WatchInboxWriter>();
        services.AddSingleton<IPasswordVerifier>(Passwords);
        services.AddSingleton<UnknownAccountFailures>();
        services.AddTenantTimeZones();
        services.AddGrainRuntime(registry => PlatformGrains.Register(registry));
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<GrainRuntime>().StartAsync();
        return provider;
    }

    private static async Task StopAsync(ServiceProvider services)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await services.GetRequiredService<GrainRuntime>().StopAsync(deadline.Token);
        await services.DisposeAsync();
    }
}

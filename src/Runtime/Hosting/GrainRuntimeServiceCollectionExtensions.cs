using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoCoPi.Runtime;

/// <summary>Registers the grain runtime in a host.</summary>
public static class GrainRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="GrainRuntime"/> (also as <see cref="IGrainFactory"/>) and a hosted service that
    /// starts and stops it. <see cref="IGrainStorage"/> must be registered separately; TimeProvider
    /// defaults to the system clock and the serializer to <see cref="JsonGrainSerializer"/>.
    /// </summary>
    public static IServiceCollection AddGrainRuntime(
        this IServiceCollection services, Action<GrainTypeRegistry> configure, Action<GrainRuntimeOptions>? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var registry = new GrainTypeRegistry();
        configure(registry);
        var runtimeOptions = new GrainRuntimeOptions();
        options?.Invoke(runtimeOptions);
        runtimeOptions.Validate();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new GrainRuntime(
            registry, sp.GetRequiredService<IGrainStorage>(), runtimeOptions, sp, sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>() ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
            sp.GetService<IGrainSerializer>()));
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>());
        services.AddHostedService<GrainRuntimeHostedService>();
        return services;
    }
}

/// <summary>Starts the runtime with the host and stops it gracefully (deactivating every grain) on shutdown.</summary>
internal sealed class GrainRuntimeHostedService(GrainRuntime runtime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => runtime.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => runtime.StopAsync(cancellationToken);
}

using LoCoPi.Grains.Interfaces.Platform;
using LoCoPi.Grains.Interfaces.Tenants;
using LoCoPi.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoCoPi.Web.Health;

/// <summary>Readiness facts /readyz reports.</summary>
public sealed class Readiness
{
    private volatile bool _tenantsLoaded;

    public bool TenantsLoaded => _tenantsLoaded;

    internal void MarkTenantsLoaded() => _tenantsLoaded = true;
}

/// <summary>
/// Activates every catalogued tenant at start-up, so the first touch after a restart does not pay
/// for it and /readyz tells a load balancer when this node can take traffic.
/// </summary>
public sealed partial class TenantCatalogLoader(
    IGrainFactory grains, Readiness readiness, ILogger<TenantCatalogLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var tenants = await grains.GetGrain<IOperatorGrain>(IOperatorGrain.SystemTenant, IOperatorGrain.Key).GetTenantsAsync();
        foreach (var tenantId in tenants)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await grains.GetGrain<ITenantGrain>(tenantId, tenantId).GetAsync();
        }

        readiness.MarkTenantsLoaded();
        LogLoaded(logger, tenants.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "{Count} tenants loaded.")]
    private static partial void LogLoaded(ILogger logger, int count);
}

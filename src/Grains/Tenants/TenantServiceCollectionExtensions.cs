using LoCoPi.Grains.Interfaces.Tenants;
using LoCoPi.Grains.Tenants;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the process's cache of tenant time zones.</summary>
public static class TenantServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="TenantTimeZones"/>, also as the <see cref="ITenantTimeZones"/> the edge reads:
    /// one instance, so the tenant grain's update reaches every reader.
    /// </summary>
    public static IServiceCollection AddTenantTimeZones(this IServiceCollection services)
    {
        services.TryAddSingleton<TenantTimeZones>();
        services.TryAddSingleton<ITenantTimeZones>(sp => sp.GetRequiredService<TenantTimeZones>());
        return services;
    }
}

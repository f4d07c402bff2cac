using LoCoPi.Grains.Cards;
using LoCoPi.Grains.Claims;
using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Tenants;
using LoCoPi.Grains.Places;
using LoCoPi.Grains.Platform;
using LoCoPi.Grains.Readers;
using LoCoPi.Grains.Residents;
using LoCoPi.Grains.Tenants;
using LoCoPi.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace LoCoPi.Grains;

/// <summary>Registers the class behind every grain type; no reflection, one lambda per type.</summary>
public static class GrainImplementations
{
    public static GrainTypeRegistry Register(GrainTypeRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var alwaysLoaded = new GrainTypeOptions { KeepAlive = true };
        return registry
            .AddGrain(GrainInterfaces.Tenant, static sp => new TenantGrain(sp.GetService<TenantTimeZones>()), alwaysLoaded)
            .AddGrain(GrainInterfaces.Place, static _ => new PlaceGrain())
            .AddGrain(GrainInterfaces.Reader, static _ => new ReaderGrain())
            .AddGrain(GrainInterfaces.Resident, static _ => new ResidentGrain())
            .AddGrain(GrainInterfaces.Card, static _ => new CardGrain())
            .AddGrain(GrainInterfaces.Operator, static _ => new OperatorGrain(), alwaysLoaded)
            .AddGrain(GrainInterfaces.ClaimedRequests, static _ => new ClaimedRequestsGrain());
    }
}

using LoCoPi.Grains.Cards;
using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Places;
using LoCoPi.Grains.Platform;
using LoCoPi.Grains.Readers;
using LoCoPi.Grains.Residents;
using LoCoPi.Grains.Tenants;
using LoCoPi.Runtime;

namespace LoCoPi.Grains;

/// <summary>Registers the class behind every grain type; no reflection, one lambda per type.</summary>
public static class GrainImplementations
{
    public static GrainTypeRegistry Register(GrainTypeRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var alwaysLoaded = new GrainTypeOptions { KeepAlive = true };
        return registry
            .AddGrain(GrainInterfaces.Tenant, static _ => new TenantGrain(), alwaysLoaded)
            .AddGrain(GrainInterfaces.Place, static _ => new PlaceGrain())
            .AddGrain(GrainInterfaces.Reader, static _ => new ReaderGrain())
            .AddGrain(GrainInterfaces.Resident, static _ => new ResidentGrain())
            .AddGrain(GrainInterfaces.Card, static _ => new CardGrain())
            .AddGrain(GrainInterfaces.Operator, static _ => new OperatorGrain(), alwaysLoaded);
    }
}

using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Platform;
using LoCoPi.Grains.Interfaces.Tenants;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Tenants;

/// <summary>Stored state of <see cref="TenantGrain"/>.</summary>
public sealed class TenantState
{
    public string Name { get; set; } = "";

    public string TimeZone { get; set; } = TenantDefinition.DefaultTimeZone;
}

/// <summary>
/// A municipality. The grain's tenant and key are both the tenant id. A stored definition is also
/// handed to the process's <see cref="TenantTimeZones"/>, which the request paths read instead of
/// calling this grain.
/// </summary>
public sealed class TenantGrain(TenantTimeZones? timeZones = null) : Grain<TenantState>, ITenantGrain
{
    public async Task<UpsertReply> DefineAsync(TenantDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var created = !RecordExists;

        // Catalog first: a tenant that is stored but missing from the catalog would not be loaded
        // at start-up; the reverse (catalogued, not yet stored) is harmless.
        await GrainFactory.GetGrain<IOperatorGrain>(IOperatorGrain.SystemTenant, IOperatorGrain.Key)
            .AddTenantAsync(Key);

        State.Name = definition.Name;
        State.TimeZone = definition.TimeZone;
        RaiseEvent(new TenantDefined(Key, definition.Name, definition.TimeZone));
        await WriteStateAsync();
        timeZones?.Remember(Key, State.TimeZone);
        return UpsertReply.Done(created);
    }

    public Task<TenantDefinition?> GetAsync()
        => Task.FromResult(RecordExists ? new TenantDefinition(Key, State.Name, State.TimeZone) : null);
}

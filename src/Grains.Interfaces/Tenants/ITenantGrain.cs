using LoCoPi.Runtime;

namespace LoCoPi.Grains.Interfaces.Tenants;

/// <summary>A municipality (grain tenant = key = tenant id): its name and the time zone "today" is cut in.</summary>
public interface ITenantGrain : IGrain
{
    /// <summary>Defines or updates the tenant and enters it in the operator's catalog.</summary>
    Task<UpsertReply> DefineAsync(TenantDefinition definition);

    /// <summary>The definition, or null when the tenant was never defined.</summary>
    Task<TenantDefinition?> GetAsync();
}

/// <summary>A tenant as defined by the operator. <see cref="TimeZone"/> is an IANA id such as "Asia/Tokyo".</summary>
public sealed record TenantDefinition(string TenantId, string Name, string TimeZone)
{
    public const string DefaultTimeZone = "Asia/Tokyo";
}

/// <summary>Journal event: a tenant was defined or changed.</summary>
public sealed record TenantDefined(string TenantId, string Name, string TimeZone) : IJournalEvent
{
    public static string EventType => "tenant.defined";
}

/// <summary>Hand-written proxy: one static <see cref="GrainMethod"/> per method, static lambdas.</summary>
public sealed class TenantGrainReference(IGrainCallInvoker invoker, GrainId grainId)
    : GrainReference(invoker, grainId), ITenantGrain
{
    private static readonly GrainMethod Define = new(nameof(ITenantGrain), nameof(DefineAsync));
    private static readonly GrainMethod Get = new(nameof(ITenantGrain), nameof(GetAsync), readOnly: true);

    public Task<UpsertReply> DefineAsync(TenantDefinition definition)
        => InvokeAsync<ITenantGrain, TenantDefinition, UpsertReply>(Define, definition, static (g, d) => g.DefineAsync(d));

    public Task<TenantDefinition?> GetAsync()
        => InvokeAsync<ITenantGrain, bool, TenantDefinition?>(Get, false, static (g, _) => g.GetAsync());
}

using LoCoPi.Runtime;

namespace LoCoPi.Grains.Interfaces.Places;

/// <summary>A place where cards are touched: facility, bus, shop, shelter… (key = place id).</summary>
public interface IPlaceGrain : IGrain
{
    Task<UpsertReply> DefineAsync(PlaceDefinition definition);

    /// <summary>The definition, or null when the place was never defined.</summary>
    Task<PlaceDefinition?> GetAsync();
}

/// <summary>A place as defined by the admin. <see cref="Kind"/> is one of <see cref="PlaceKinds.All"/>.</summary>
public sealed record PlaceDefinition(
    string PlaceId, string Name, string Kind, long PointsPerVisit, int? Capacity, string? Category);

/// <summary>The kinds of place API.md allows.</summary>
public static class PlaceKinds
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "facility", "bus", "shop", "charge_point", "shelter", "daycare", "school",
    };
}

/// <summary>Journal event: a place was defined or changed (counters and dashboards pick up names from it).</summary>
public sealed record PlaceDefined(
    string PlaceId, string Name, string Kind, long PointsPerVisit, int? Capacity, string? Category) : IJournalEvent
{
    public static string EventType => "place.defined";
}

/// <summary>Hand-written proxy: one static <see cref="GrainMethod"/> per method, static lambdas.</summary>
public sealed class PlaceGrainReference(IGrainCallInvoker invoker, GrainId grainId)
    : GrainReference(invoker, grainId), IPlaceGrain
{
    private static readonly GrainMethod Define = new(nameof(IPlaceGrain), nameof(DefineAsync));
    private static readonly GrainMethod Get = new(nameof(IPlaceGrain), nameof(GetAsync), readOnly: true);

    public Task<UpsertReply> DefineAsync(PlaceDefinition definition)
        => InvokeAsync<IPlaceGrain, PlaceDefinition, UpsertReply>(Define, definition, static (g, d) => g.DefineAsync(d));

    public Task<PlaceDefinition?> GetAsync()
        => InvokeAsync<IPlaceGrain, bool, PlaceDefinition?>(Get, false, static (g, _) => g.GetAsync());
}

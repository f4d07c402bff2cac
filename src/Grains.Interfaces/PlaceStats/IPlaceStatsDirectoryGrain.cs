using LoCoPi.Runtime;

namespace LoCoPi.Grains.Interfaces.PlaceStats;

/// <summary>
/// The places of a tenant that have counters (key <see cref="Key"/>), so a dashboard can list them
/// all without scanning storage. The "place-stats" subscriber adds a place the first time it sees it.
/// </summary>
public interface IPlaceStatsDirectoryGrain : IGrain
{
    /// <summary>The only key: one directory per tenant.</summary>
    const string Key = "places";

    /// <summary>Adds places; already known ones are ignored.</summary>
    Task AddPlacesAsync(IReadOnlyList<string> placeIds);

    /// <summary>Every known place, in ordinal order.</summary>
    Task<IReadOnlyList<string>> GetPlacesAsync();
}

/// <summary>Typed calls to <see cref="IPlaceStatsDirectoryGrain"/>.</summary>
public sealed class PlaceStatsDirectoryGrainReference(IGrainCallInvoker invoker, GrainId grainId)
    : GrainReference(invoker, grainId), IPlaceStatsDirectoryGrain
{
    private static readonly GrainMethod AddPlaces = new(nameof(IPlaceStatsDirectoryGrain), nameof(AddPlacesAsync));
    private static readonly GrainMethod GetPlaces = new(nameof(IPlaceStatsDirectoryGrain), nameof(GetPlacesAsync), readOnly: true);

    public Task AddPlacesAsync(IReadOnlyList<string> placeIds)
        => InvokeAsync<IPlaceStatsDirectoryGrain, IReadOnlyList<string>>(
            AddPlaces, placeIds, static (grain, ids) => grain.AddPlacesAsync(ids));

    public Task<IReadOnlyList<string>> GetPlacesAsync()
        => InvokeAsync<IPlaceStatsDirectoryGrain, int, IReadOnlyList<string>>(
            GetPlaces, 0, static (grain, _) => grain.GetPlacesAsync());
}

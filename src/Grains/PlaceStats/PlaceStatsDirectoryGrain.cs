using LoCoPi.Grains.Interfaces.PlaceStats;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.PlaceStats;

/// <summary>Durable list of the places of a tenant that have counters.</summary>
public sealed class PlaceStatsDirectoryGrain : Grain<PlaceStatsDirectoryState>, IPlaceStatsDirectoryGrain
{
    public async Task AddPlacesAsync(IReadOnlyList<string> placeIds)
    {
        ArgumentNullException.ThrowIfNull(placeIds);
        var added = false;
        foreach (var id in placeIds)
        {
            added |= State.PlaceIds.Add(id);
        }

        if (added)
        {
            await WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> GetPlacesAsync()
        => Task.FromResult<IReadOnlyList<string>>([.. State.PlaceIds.Order(StringComparer.Ordinal)]);
}

/// <summary>Stored state of <see cref="PlaceStatsDirectoryGrain"/>.</summary>
public sealed class PlaceStatsDirectoryState
{
    public HashSet<string> PlaceIds { get; set; } = new(StringComparer.Ordinal);
}

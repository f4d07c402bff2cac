using LoCoPi.Runtime;

namespace LoCoPi.Grains.Interfaces.PlaceStats;

/// <summary>Grain type names of the place counters (stored with every state row: never rename) and their proxies.</summary>
public static class PlaceStatsGrainInterfaces
{
    public const string PlaceStats = "place-stats";
    public const string Directory = "place-stats-directory";

    public static GrainTypeRegistry Register(GrainTypeRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddInterface<IPlaceStatsGrain>(PlaceStats, static (i, id) => new PlaceStatsGrainReference(i, id))
            .AddInterface<IPlaceStatsDirectoryGrain>(Directory, static (i, id) => new PlaceStatsDirectoryGrainReference(i, id));
    }
}

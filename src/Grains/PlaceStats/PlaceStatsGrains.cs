using LoCoPi.Grains.Interfaces.PlaceStats;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.PlaceStats;

/// <summary>Registers the classes behind the place counter grain types.</summary>
public static class PlaceStatsGrains
{
    public static GrainTypeRegistry Register(GrainTypeRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);

        // Counters of a busy place are written once per journal batch all day: keep them loaded
        // rather than reloading state after every idle spell.
        var hot = new GrainTypeOptions { CollectionAge = TimeSpan.FromHours(2) };
        return registry
            .AddGrain(PlaceStatsGrainInterfaces.PlaceStats, static _ => new PlaceStatsGrain(), hot)
            .AddGrain(PlaceStatsGrainInterfaces.Directory, static _ => new PlaceStatsDirectoryGrain(), hot);
    }
}

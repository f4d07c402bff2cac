using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.PlaceStats;
using LoCoPi.Grains.Interfaces.Shelters;
using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Grains.Interfaces.Watch;
using LoCoPi.Grains.PlaceStats;
using LoCoPi.Grains.Shelters;
using LoCoPi.Grains.Wallet;
using LoCoPi.Grains.Watch;
using LoCoPi.Runtime;

namespace LoCoPi.Grains;

/// <summary>
/// Every grain type of the platform, contract and class: the one list a host registers, so the Silo
/// and the grain tests cannot run different sets.
/// </summary>
public static class PlatformGrains
{
    public static GrainTypeRegistry Register(GrainTypeRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        GrainInterfaces.Register(registry);
        GrainImplementations.Register(registry);
        PlaceStatsGrainInterfaces.Register(registry);
        PlaceStatsGrains.Register(registry);
        ShelterGrainInterfaces.Register(registry);
        ShelterGrains.Register(registry);
        WatchGrainInterfaces.Register(registry);
        WatchGrains.Register(registry);
        WalletGrainInterfaces.Register(registry);
        return WalletGrains.Register(registry);
    }
}

using LoCoPi.Grains.Interfaces.Shelters;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Shelters;

/// <summary>Registers the class behind the shelter roster grain type.</summary>
public static class ShelterGrains
{
    public static GrainTypeRegistry Register(GrainTypeRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.AddGrain(ShelterGrainInterfaces.ShelterRoster, static _ => new ShelterRosterGrain());
    }
}

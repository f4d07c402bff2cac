using LoCoPi.Grains.Accounts;
using LoCoPi.Grains.Daycare;
using LoCoPi.Grains.Interfaces.Accounts;
using LoCoPi.Grains.Interfaces.Watch;
using LoCoPi.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace LoCoPi.Grains.Watch;

/// <summary>Registers the classes behind the account and watch-over grain types.</summary>
public static class WatchGrains
{
    public static GrainTypeRegistry Register(GrainTypeRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddGrain(WatchGrainInterfaces.Account, static sp => new AccountGrain(
                sp.GetRequiredService<IPasswordVerifier>(), sp.GetRequiredService<UnknownAccountFailures>()))
            .AddGrain(WatchGrainInterfaces.WatchLinks, static sp => new WatchLinksGrain(sp.GetRequiredService<WatchOptions>()))
            .AddGrain(WatchGrainInterfaces.WatchInbox, static sp => new WatchInboxGrain(
                sp.GetRequiredService<WatchInboxWriter>(), sp.GetRequiredService<IGrainStorage>(), sp.GetRequiredService<IGrainSerializer>()))
            .AddGrain(WatchGrainInterfaces.Daycare, static _ => new DaycareGrain())
            .AddGrain(WatchGrainInterfaces.StaffInactivity, static _ => new StaffInactivityGrain());
    }
}

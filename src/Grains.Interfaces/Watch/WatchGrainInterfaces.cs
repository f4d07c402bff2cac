using LoCoPi.Grains.Interfaces.Accounts;
using LoCoPi.Grains.Interfaces.Daycare;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Interfaces.Watch;

/// <summary>Grain type names of accounts and watch-over (stored with every state row: never rename) and their proxies.</summary>
public static class WatchGrainInterfaces
{
    public const string Account = "account";
    public const string WatchLinks = "watch-links";
    public const string WatchInbox = "watch-inbox";
    public const string Daycare = "daycare";
    public const string StaffInactivity = "staff-inactivity";

    public static GrainTypeRegistry Register(GrainTypeRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddInterface<IAccountGrain>(Account, static (i, id) => new AccountGrainReference(i, id))
            .AddInterface<IWatchLinksGrain>(WatchLinks, static (i, id) => new WatchLinksGrainReference(i, id))
            .AddInterface<IWatchInboxGrain>(WatchInbox, static (i, id) => new WatchInboxGrainReference(i, id))
            .AddInterface<IDaycareGrain>(Daycare, static (i, id) => new DaycareGrainReference(i, id))
            .AddInterface<IStaffInactivityGrain>(StaffInactivity, static (i, id) => new StaffInactivityGrainReference(i, id));
    }
}

using LoCoPi.Grains.Accounts;
using LoCoPi.Runtime;
using LoCoPi.Grains.Watch;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the watch-over alerts fed from the committed journal.</summary>
public static class WatchServiceCollectionExtensions
{
    /// <summary>
    /// Adds the "watch-alerts" journal subscriber and what the account grains need besides the
    /// host's <c>IPasswordVerifier</c>. Listeners (<c>IWatchAlertListener</c>, e.g. the watch hub's
    /// notifier) are registered by whoever pushes the alerts.
    /// </summary>
    public static IServiceCollection AddWatchAlerts(this IServiceCollection services)
    {
        services.AddSingleton<UnknownAccountFailures>();
        services.AddSingleton(sp => WatchOptions.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<WatchInboxWriter>();
        services.AddSingleton<WatchAlertsProjection>();
        services.AddJournalSubscriber<WatchAlertsProjection>(WatchAlertsProjection.SubscriberName);
        return services;
    }
}

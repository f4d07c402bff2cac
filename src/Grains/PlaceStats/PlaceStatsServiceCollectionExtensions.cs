using LoCoPi.Runtime;
using LoCoPi.Grains.PlaceStats;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the place counters fed from the committed journal.</summary>
public static class PlaceStatsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the "place-stats" journal subscriber. Listeners (<c>IPlaceStatsListener</c>, e.g. the live
    /// hub's notifier) are registered by whoever wants the snapshots.
    /// </summary>
    public static IServiceCollection AddPlaceStats(this IServiceCollection services)
    {
        services.AddSingleton<TenantTimeZones>();
        services.AddSingleton<PlaceStatsProjection>();
        services.AddJournalSubscriber<PlaceStatsProjection>(PlaceStatsProjection.SubscriberName);
        return services;
    }
}

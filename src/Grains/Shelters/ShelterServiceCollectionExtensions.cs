using LoCoPi.Grains.Shelters;
using LoCoPi.Runtime;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the shelter rosters fed from the committed journal.</summary>
public static class ShelterServiceCollectionExtensions
{
    /// <summary>
    /// Adds the "shelter-rosters" journal subscriber, paced like the place counters so that a busy
    /// shelter's roster is written once per delivery rather than once per touch.
    /// </summary>
    public static IServiceCollection AddShelterRosters(this IServiceCollection services)
    {
        services.AddSingleton<ShelterRosterProjection>();
        services.AddJournalSubscriber<ShelterRosterProjection>(ShelterRosterProjection.SubscriberName,
            new JournalSubscriptionOptions { MinDeliveryInterval = ShelterRosterProjection.DeliveryInterval });
        return services;
    }
}

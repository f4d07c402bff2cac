using LoCoPi.Grains.Interfaces.Tenants;
using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Grains.Wallet;
using LoCoPi.Runtime;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the ledger, settlements and payment points fed from the committed journal.</summary>
public static class WalletServiceCollectionExtensions
{
    public static IServiceCollection AddWallet(this IServiceCollection services)
    {
        services.AddTenantTimeZones();
        services.AddSingleton<LedgerProgress>();
        services.AddSingleton<LedgerProjection>();
        // Each delivery writes the ledger once and every shop it saw once; delivered after every
        // commit, a batch of ~25 payments over 55 shops wrote ~20 shops, close to one merchant write
        // per payment. Paced like place-stats, the shops are written at most ten times a second.
        services.AddJournalSubscriber<LedgerProjection>(LedgerProjection.SubscriberName,
            new JournalSubscriptionOptions { MinDeliveryInterval = LedgerProjection.DeliveryInterval });
        return services;
    }
}

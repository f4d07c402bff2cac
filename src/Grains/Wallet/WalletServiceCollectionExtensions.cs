using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Grains.PlaceStats;
using LoCoPi.Grains.Wallet;
using LoCoPi.Runtime;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the ledger, settlements and payment points fed from the committed journal.</summary>
public static class WalletServiceCollectionExtensions
{
    public static IServiceCollection AddWallet(this IServiceCollection services)
    {
        services.TryAddSingleton<TenantTimeZones>();
        services.AddSingleton<LedgerProgress>();
        services.AddSingleton<LedgerProjection>();
        services.AddJournalSubscriber<LedgerProjection>(LedgerProjection.SubscriberName);
        return services;
    }
}

using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Wallet;

/// <summary>Registers the classes behind the wallet grain types.</summary>
public static class WalletGrains
{
    public static GrainTypeRegistry Register(GrainTypeRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddGrain(WalletGrainInterfaces.Wallet, static _ => new WalletGrain())
            .AddGrain(WalletGrainInterfaces.Grant, static _ => new GrantGrain())
            .AddGrain(WalletGrainInterfaces.GrantBook, static _ => new GrantBookGrain())
            .AddGrain(WalletGrainInterfaces.Ledger, static _ => new LedgerGrain())
            .AddGrain(WalletGrainInterfaces.Merchant, static _ => new MerchantGrain())
            .AddGrain(WalletGrainInterfaces.GrantExpirySweeper, static _ => new GrantExpirySweeperGrain());
    }
}

using LoCoPi.Runtime;

namespace LoCoPi.Grains.Interfaces.Wallet;

/// <summary>Grain type names of the wallet (stored with every state row: never rename) and their proxies.</summary>
public static class WalletGrainInterfaces
{
    public const string Wallet = "wallet";
    public const string Grant = "grant";
    public const string GrantBook = "grant-book";
    public const string Ledger = "ledger";
    public const string Merchant = "merchant";
    public const string GrantExpirySweeper = "grant-expiry-sweeper";

    public static GrainTypeRegistry Register(GrainTypeRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddInterface<IWalletGrain>(Wallet, static (i, id) => new WalletGrainReference(i, id))
            .AddInterface<IGrantGrain>(Grant, static (i, id) => new GrantGrainReference(i, id))
            .AddInterface<IGrantBookGrain>(GrantBook, static (i, id) => new GrantBookGrainReference(i, id))
            .AddInterface<ILedgerGrain>(Ledger, static (i, id) => new LedgerGrainReference(i, id))
            .AddInterface<IMerchantGrain>(Merchant, static (i, id) => new MerchantGrainReference(i, id))
            .AddInterface<IGrantExpirySweeperGrain>(GrantExpirySweeper, static (i, id) => new GrantExpirySweeperGrainReference(i, id));
    }
}

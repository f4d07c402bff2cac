using LoCoPi.Grains.Interfaces.Wallet;

namespace LoCoPi.Grains.Wallet;

/// <summary>
/// Stored state of <see cref="WalletGrain"/>: the buckets. The answers already given live in the
/// ids' claims, not here: a record per request would be rewritten by every later write.
/// </summary>
public sealed class WalletState
{
    /// <summary>Charged cash not yet spent or refunded; never above <see cref="WalletRules.BalanceCapYen"/>.</summary>
    public long PaidYen { get; set; }

    /// <summary>One bucket per grant, in the order received.</summary>
    public List<GrantBucket> Grants { get; set; } = [];

    /// <summary>Cards of this resident that were suspended (mirrored from the card grains).</summary>
    public HashSet<string> SuspendedCards { get; set; } = [];

    public long BalanceYen => checked(PaidYen + Grants.Sum(g => g.RemainingYen));
}

/// <summary>A grant's bucket: <see cref="AmountYen"/> = spent + expired + remaining, by construction.</summary>
public sealed record GrantBucket(
    string GrantId, long AmountYen, DateOnly ExpiresOn, string Reason, long SpentYen, long ExpiredYen, long RemainingYen);

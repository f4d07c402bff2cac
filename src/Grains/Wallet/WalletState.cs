using LoCoPi.Grains.Interfaces.Wallet;

namespace LoCoPi.Grains.Wallet;

/// <summary>Stored state of <see cref="WalletGrain"/>: the buckets and the answers already given, in one record.</summary>
public sealed class WalletState
{
    /// <summary>Charged cash not yet spent or refunded; never above <see cref="WalletRules.BalanceCapYen"/>.</summary>
    public long PaidYen { get; set; }

    /// <summary>One bucket per grant, in the order received.</summary>
    public List<GrantBucket> Grants { get; set; } = [];

    /// <summary>"scope/id" → the stored answer, kept for <see cref="WalletGrain.AppliedRetention"/>.</summary>
    public Dictionary<string, AppliedMoney> Applied { get; set; } = [];

    /// <summary>Cards of this resident that were suspended (mirrored from the card grains).</summary>
    public HashSet<string> SuspendedCards { get; set; } = [];

    public long BalanceYen => checked(PaidYen + Grants.Sum(g => g.RemainingYen));
}

/// <summary>A grant's bucket: <see cref="AmountYen"/> = spent + expired + remaining, by construction.</summary>
public sealed record GrantBucket(
    string GrantId, long AmountYen, DateOnly ExpiresOn, string Reason, long SpentYen, long ExpiredYen, long RemainingYen);

/// <summary>The first answer to a money request and the body hash it was given for.</summary>
public sealed record AppliedMoney(string BodyHash, MoneyReply Reply, DateTimeOffset AppliedAt);

using LoCoPi.Runtime;

namespace LoCoPi.Grains.Interfaces.Wallet;

/// <summary>
/// One line of a double entry: exactly one of <see cref="DebitYen"/> and <see cref="CreditYen"/> is
/// positive. An account's balance is credits minus debits for wallets, payables, expired and
/// refunded; debits minus credits for the sources (cash_in, grant_funding).
/// </summary>
public sealed record LedgerLine(string Account, long DebitYen, long CreditYen);

/// <summary>
/// Journal event: money moved. Every yen of a charge, grant, payment, expiry or refund is one
/// balanced entry (debits = credits, checked before it is raised); nothing is edited or deleted,
/// a correction is a new entry. <see cref="EntryId"/> is unique per tenant ("payment:P1",
/// "grant:G1:r7"); <see cref="Actor"/> and <see cref="Reason"/> are the audit trail of refunds.
/// </summary>
public sealed record MoneyMoved(
    string EntryId, string Kind, string ResidentId, string? PlaceId, IReadOnlyList<LedgerLine> Lines,
    long PointsAwarded, string? Actor, string? Reason, DateTimeOffset At) : IJournalEvent
{
    public static string EventType => "money.moved";
}

/// <summary>Journal event: a money request was declined (kept for the audit trail; moves nothing).</summary>
public sealed record MoneyDeclined(
    string EntryId, string Kind, string ResidentId, string? PlaceId, long AmountYen, string ErrorCode, DateTimeOffset At) : IJournalEvent
{
    public static string EventType => "money.declined";
}

/// <summary>Values of <see cref="MoneyMoved.Kind"/>.</summary>
public static class MoneyKinds
{
    public const string Charge = "charge";
    public const string Payment = "payment";
    public const string Grant = "grant";
    public const string Expiry = "expiry";
    public const string Refund = "refund";
}

/// <summary>The chart of accounts. Wallet and merchant accounts carry their owner in the name.</summary>
public static class LedgerAccounts
{
    public const string CashIn = "cash_in";
    public const string GrantFunding = "grant_funding";
    public const string Expired = "expired";
    public const string Refunded = "refunded";

    public const string WalletPrefix = "wallet:";
    public const string MerchantPrefix = "merchant_payable:";

    public static string WalletPaid(string residentId) => WalletPrefix + residentId + ":paid";

    public static string WalletGrant(string residentId, string grantId) => WalletPrefix + residentId + ":grant:" + grantId;

    public static string MerchantPayable(string shopId) => MerchantPrefix + shopId;

    public static bool IsWalletPaid(string account) => account.StartsWith(WalletPrefix, StringComparison.Ordinal)
        && account.EndsWith(":paid", StringComparison.Ordinal);

    /// <summary>Debits equal credits, every line one-sided and positive, and the sums do not overflow.</summary>
    public static bool IsBalanced(IReadOnlyList<LedgerLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        long debits = 0, credits = 0;
        foreach (var line in lines)
        {
            if (line.DebitYen < 0 || line.CreditYen < 0 || (line.DebitYen == 0) == (line.CreditYen == 0))
            {
                return false;
            }

            debits = checked(debits + line.DebitYen);
            credits = checked(credits + line.CreditYen);
        }

        return lines.Count >= 2 && debits == credits;
    }
}

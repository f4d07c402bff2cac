namespace LoCoPi.Grains.Interfaces.Wallet;

/// <summary>
/// The wallet's fixed rules (DOMAIN.md "Local currency wallet") and its rejection codes. Grains and
/// the edge share them, so a limit is written once.
/// </summary>
public static class WalletRules
{
    /// <summary>Paid value (charged cash) may never exceed this; grants are not counted.</summary>
    public const long BalanceCapYen = 50_000;

    /// <summary>Charges are taken in whole thousands of yen.</summary>
    public const long ChargeUnitYen = 1_000;

    /// <summary>
    /// Largest amount one request may carry. Far above any real payment or grant, low enough that
    /// sums over a tenant's lifetime cannot overflow a <c>long</c>.
    /// </summary>
    public const long MaxAmountYen = 100_000_000;

    /// <summary>Most residents one grant request may name.</summary>
    public const int MaxGrantResidents = 10_000;

    /// <summary>Unused balance on a reference date above this must be reported (half secured).</summary>
    public const long UnusedBalanceReportThresholdYen = 10_000_000;

    /// <summary>10 points for every ¥100 paid.</summary>
    public static long PointsFor(long paidYen) => checked(paidYen / 100 * 10);

    public static bool IsValidAmount(long amountYen) => amountYen is > 0 and <= MaxAmountYen;
}

/// <summary>Rejection codes of the wallet (each in ProblemCatalog with its status and wording).</summary>
public static class WalletErrors
{
    public const string InsufficientFunds = "insufficient_funds";
    public const string BalanceCap = "balance_cap";
    public const string ChargeUnit = "charge_unit";
    public const string RefundExceedsPaid = "refund_exceeds_paid";
}

/// <summary>Scopes of the tenant-wide idempotency claims; each id space is its own.</summary>
public static class MoneyScopes
{
    public const string Payment = "payment";
    public const string Charge = "charge";
    public const string Refund = "refund";
    public const string Grant = "grant";
}

/// <summary>The reason codes a refund may carry (資金決済法: refunds only for these).</summary>
public static class RefundReasons
{
    public const string BusinessDiscontinued = "business_discontinued";
    public const string MovedAway = "moved_away";
    public const string Death = "death";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        BusinessDiscontinued, MovedAway, Death,
    };
}

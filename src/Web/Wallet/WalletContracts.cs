namespace LoCoPi.Web.Wallet;

/// <summary>Body of <c>POST /api/v1/payments</c> (a <c>pay</c> reader).</summary>
public sealed record PaymentRequest(string PaymentId, string CardId, long AmountYen);

/// <summary>An approved payment: the balance left and the points it earned.</summary>
public sealed record PaymentResponse(string PaymentId, long BalanceYen, long PointsAwarded);

/// <summary>Body of <c>POST /api/v1/charges</c> (a <c>charge</c> reader).</summary>
public sealed record ChargeRequest(string ChargeId, string CardId, long AmountYen);

public sealed record ChargeResponse(string ChargeId, long BalanceYen);

/// <summary>Body of <c>POST /api/v1/tenants/{t}/grants</c>: the same amount to every resident named.</summary>
public sealed record GrantRequest(string GrantId, IReadOnlyList<string> ResidentIds, long AmountYen, DateOnly ExpiresOn, string Reason);

/// <summary>How many residents hold the grant.</summary>
public sealed record GrantResponse(string GrantId, long Granted);

/// <summary>Body of <c>POST /api/v1/tenants/{t}/refunds</c>; <see cref="Reason"/> is one of business_discontinued, moved_away, death.</summary>
public sealed record RefundRequest(string RefundId, string ResidentId, long AmountYen, string Reason);

public sealed record RefundResponse(string RefundId, long BalanceYen);

/// <summary>
/// API.md's ledger summary: <c>walletsYen + merchantPayableYen = chargedYen + grantedYen − expiredYen − refundedYen</c>.
/// <see cref="ThroughSeq"/> is the journal sequence number it is complete through; <see cref="UnbalancedEntries"/> must be 0.
/// </summary>
public sealed record LedgerSummaryResponse(
    long ChargedYen, long GrantedYen, long SpentYen, long RefundedYen, long ExpiredYen, long WalletsYen,
    long MerchantPayableYen, long ThroughSeq, long UnbalancedEntries);

/// <summary>What an expiry sweep moved now (a repeated sweep moves nothing).</summary>
public sealed record ExpirySweepResponse(DateOnly Today, IReadOnlyList<string> Grants, long ExpiredYen);

/// <summary>Unused balance at the end of a reference date; <see cref="ReportRequired"/> above ¥10,000,000.</summary>
public sealed record UnusedBalanceResponse(DateOnly ReferenceDate, long UnusedYen, long PaidYen, long GrantYen, bool ReportRequired);

/// <summary>How much of the money charged was spent in town, by the category of the shop.</summary>
public sealed record SpendByCategoryResponse(long ChargedYen, long SpentYen, IReadOnlyList<CategoryShare> Categories);

/// <summary><see cref="ShareOfCharged"/> is spent ÷ charged (0 when nothing was charged).</summary>
public sealed record CategoryShare(string Category, long SpentYen, long Payments, double ShareOfCharged);

/// <summary>A wallet's buckets, for the admin and for audits.</summary>
public sealed record WalletResponse(string ResidentId, long BalanceYen, long PaidYen, IReadOnlyList<GrantBucketResponse> Grants);

public sealed record GrantBucketResponse(
    string GrantId, long AmountYen, DateOnly ExpiresOn, string Reason, long SpentYen, long ExpiredYen, long RemainingYen);

/// <summary>The settlement statement of one shop: what the town owes it for the period.</summary>
public sealed record SettlementResponse(
    string ShopId, DateOnly From, DateOnly To, long Payments, long AmountYen, IReadOnlyList<SettlementDayResponse> Days);

public sealed record SettlementDayResponse(DateOnly Date, long Payments, long AmountYen);

/// <summary>A merchant account linked to a shop (it may read the shop's settlement statements).</summary>
public sealed record MerchantAccountResponse(string ShopId, string AccountId);

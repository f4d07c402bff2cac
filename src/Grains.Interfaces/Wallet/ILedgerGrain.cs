using LoCoPi.Runtime;

namespace LoCoPi.Grains.Interfaces.Wallet;

/// <summary>
/// The tenant's ledger totals (key = tenant id), a projection of the committed journal. It applies
/// whole balanced entries in one write per batch, so every total it ever shows satisfies
/// <c>walletsYen + merchantPayableYen = chargedYen + grantedYen − expiredYen − refundedYen</c>.
/// Entries at or below the last applied sequence number are skipped (at-least-once delivery).
/// </summary>
public interface ILedgerGrain : IGrain
{
    Task ApplyAsync(LedgerBatch batch);

    Task<LedgerSummary> GetSummaryAsync();

    /// <summary>Balances held in wallets at the end of a tenant-local day.</summary>
    Task<UnusedBalance> GetUnusedBalanceAsync(DateOnly referenceDate);

    /// <summary>Spending by the category of the shop's place.</summary>
    Task<IReadOnlyList<CategorySpend>> GetSpendByCategoryAsync();
}

/// <summary>Entries of one journal batch, in sequence order; <see cref="ThroughSeq"/> is the batch's last sequence number.</summary>
public sealed record LedgerBatch(long ThroughSeq, IReadOnlyList<LedgerPosting> Postings);

/// <summary>One <see cref="MoneyMoved"/> entry with what the ledger needs around it.</summary>
public sealed record LedgerPosting(long Seq, string EntryId, string Kind, DateOnly LocalDate, string? Category, IReadOnlyList<LedgerLine> Lines);

/// <summary>API.md's ledger summary, plus the sequence number it is complete through and any unbalanced entry seen.</summary>
public sealed record LedgerSummary(
    long ChargedYen, long GrantedYen, long SpentYen, long RefundedYen, long ExpiredYen, long WalletsYen,
    long MerchantPayableYen, long PaidWalletsYen, long ThroughSeq, long UnbalancedEntries);

/// <summary>The unused balance at the end of <see cref="ReferenceDate"/>; <see cref="ReportRequired"/> above ¥10,000,000.</summary>
public sealed record UnusedBalance(DateOnly ReferenceDate, long UnusedYen, long PaidYen, long GrantYen, bool ReportRequired);

/// <summary>Money spent in one category of shop, and its share of all money charged.</summary>
public sealed record CategorySpend(string Category, long SpentYen, long Payments);

public sealed class LedgerGrainReference(IGrainCallInvoker invoker, GrainId grainId)
    : GrainReference(invoker, grainId), ILedgerGrain
{
    private static readonly GrainMethod Apply = new(nameof(ILedgerGrain), nameof(ApplyAsync));
    private static readonly GrainMethod Summary = new(nameof(ILedgerGrain), nameof(GetSummaryAsync), readOnly: true);
    private static readonly GrainMethod Unused = new(nameof(ILedgerGrain), nameof(GetUnusedBalanceAsync), readOnly: true);
    private static readonly GrainMethod ByCategory = new(nameof(ILedgerGrain), nameof(GetSpendByCategoryAsync), readOnly: true);

    public Task ApplyAsync(LedgerBatch batch)
        => InvokeAsync<ILedgerGrain, LedgerBatch>(Apply, batch, static (g, b) => g.ApplyAsync(b));

    public Task<LedgerSummary> GetSummaryAsync()
        => InvokeAsync<ILedgerGrain, bool, LedgerSummary>(Summary, false, static (g, _) => g.GetSummaryAsync());

    public Task<UnusedBalance> GetUnusedBalanceAsync(DateOnly referenceDate)
        => InvokeAsync<ILedgerGrain, DateOnly, UnusedBalance>(Unused, referenceDate, static (g, d) => g.GetUnusedBalanceAsync(d));

    public Task<IReadOnlyList<CategorySpend>> GetSpendByCategoryAsync()
        => InvokeAsync<ILedgerGrain, bool, IReadOnlyList<CategorySpend>>(ByCategory, false, static (g, _) => g.GetSpendByCategoryAsync());
}

using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Wallet;

/// <summary>
/// The tenant's ledger totals, built from committed <see cref="MoneyMoved"/> entries. A batch is
/// applied whole in one write, and every entry in it is balanced, so the totals satisfy API.md's
/// identity at every moment anyone can read them. An entry that is not balanced (a bug upstream)
/// is counted, not applied, so the identity holds and the fault is visible in the summary.
/// </summary>
public sealed class LedgerGrain : Grain<LedgerState>, ILedgerGrain
{
    public const string Uncategorized = "uncategorized";

    public async Task ApplyAsync(LedgerBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.ThroughSeq <= State.ThroughSeq)
        {
            return;
        }

        foreach (var posting in batch.Postings.Where(p => p.Seq > State.ThroughSeq))
        {
            if (!LedgerAccounts.IsBalanced(posting.Lines))
            {
                State.UnbalancedEntries++;
                continue;
            }

            Post(posting);
        }

        State.ThroughSeq = batch.ThroughSeq;
        await WriteStateAsync();
    }

    public Task<LedgerSummary> GetSummaryAsync() => Task.FromResult(new LedgerSummary(
        State.ChargedYen, State.GrantedYen, State.SpentYen, State.RefundedYen, State.ExpiredYen, State.WalletsYen,
        State.MerchantPayableYen, State.PaidWalletsYen, State.ThroughSeq, State.UnbalancedEntries));

    public Task<UnusedBalance> GetUnusedBalanceAsync(DateOnly referenceDate)
    {
        var close = State.DayCloses.Where(d => d.Key <= referenceDate).OrderBy(d => d.Key).Select(d => d.Value).LastOrDefault();
        var unused = close?.WalletsYen ?? 0;
        var paid = close?.PaidWalletsYen ?? 0;
        return Task.FromResult(new UnusedBalance(
            referenceDate, unused, paid, checked(unused - paid), unused > WalletRules.UnusedBalanceReportThresholdYen));
    }

    public Task<IReadOnlyList<CategorySpend>> GetSpendByCategoryAsync()
        => Task.FromResult<IReadOnlyList<CategorySpend>>([.. State.Categories
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new CategorySpend(c.Key, c.Value.SpentYen, c.Value.Payments))]);

    private void Post(LedgerPosting posting)
    {
        foreach (var line in posting.Lines)
        {
            var net = checked(line.CreditYen - line.DebitYen);
            switch (line.Account)
            {
                case LedgerAccounts.CashIn:
                    State.ChargedYen = checked(State.ChargedYen - net);
                    break;
                case LedgerAccounts.GrantFunding:
                    State.GrantedYen = checked(State.GrantedYen - net);
                    break;
                case LedgerAccounts.Expired:
                    State.ExpiredYen = checked(State.ExpiredYen + net);
                    break;
                case LedgerAccounts.Refunded:
                    State.RefundedYen = checked(State.RefundedYen + net);
                    break;
                case var a when a.StartsWith(LedgerAccounts.MerchantPrefix, StringComparison.Ordinal):
                    State.MerchantPayableYen = checked(State.MerchantPayableYen + net);
                    State.SpentYen = checked(State.SpentYen + line.CreditYen);
                    break;
                case var a when a.StartsWith(LedgerAccounts.WalletPrefix, StringComparison.Ordinal):
                    State.WalletsYen = checked(State.WalletsYen + net);
                    if (LedgerAccounts.IsWalletPaid(a))
                    {
                        State.PaidWalletsYen = checked(State.PaidWalletsYen + net);
                    }

                    break;
                default:
                    throw new InvalidOperationException("Unknown ledger account " + line.Account);
            }
        }

        State.DayCloses[posting.LocalDate] = new DayClose(State.WalletsYen, State.PaidWalletsYen);
        if (posting.Kind == MoneyKinds.Payment)
        {
            var category = posting.Category ?? Uncategorized;
            var spent = posting.Lines.Sum(l => l.CreditYen);
            var current = State.Categories.GetValueOrDefault(category) ?? new CategoryTotal(0, 0);
            State.Categories[category] = new CategoryTotal(checked(current.SpentYen + spent), current.Payments + 1);
        }
    }
}

/// <summary>Stored state of <see cref="LedgerGrain"/>.</summary>
public sealed class LedgerState
{
    public long ChargedYen { get; set; }

    public long GrantedYen { get; set; }

    public long SpentYen { get; set; }

    public long RefundedYen { get; set; }

    public long ExpiredYen { get; set; }

    public long WalletsYen { get; set; }

    public long PaidWalletsYen { get; set; }

    public long MerchantPayableYen { get; set; }

    /// <summary>The journal is applied through this sequence number.</summary>
    public long ThroughSeq { get; set; }

    public long UnbalancedEntries { get; set; }

    /// <summary>Wallet totals at the end of each tenant-local day with money movements (for reference-date reports).</summary>
    public Dictionary<DateOnly, DayClose> DayCloses { get; set; } = [];

    public Dictionary<string, CategoryTotal> Categories { get; set; } = [];
}

public sealed record DayClose(long WalletsYen, long PaidWalletsYen);

public sealed record CategoryTotal(long SpentYen, long Payments);

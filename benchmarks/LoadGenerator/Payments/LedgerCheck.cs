namespace LoCoPi.LoadGenerator.Payments;

/// <summary>
/// The end-of-run money check: the ledger summary before and after the runs against what the
/// generator saw approved. Each line that does not hold is a violation; the run must end with none.
/// </summary>
internal sealed record LedgerCheck(
    LedgerTotals Before, LedgerTotals After, long Approved, long AmountYen, long SumOfBalancesYen, int UnansweredAfterRetries)
{
    public IReadOnlyList<(string Check, bool Holds, string Detail)> Checks =>
    [
        ("identity before the runs", Before.IdentityHolds, $"{Before.WalletsYen + Before.MerchantPayableYen:N0} = {Before.ChargedYen + Before.GrantedYen - Before.ExpiredYen - Before.RefundedYen:N0}"),
        ("identity after the runs", After.IdentityHolds, $"{After.WalletsYen + After.MerchantPayableYen:N0} = {After.ChargedYen + After.GrantedYen - After.ExpiredYen - After.RefundedYen:N0}"),
        ("spentYen growth = approved × amount", After.SpentYen - Before.SpentYen == Approved * AmountYen,
            $"{After.SpentYen - Before.SpentYen:N0} = {Approved:N0} × {AmountYen:N0} = {Approved * AmountYen:N0}"),
        ("merchantPayableYen growth = spentYen growth", After.MerchantPayableYen - Before.MerchantPayableYen == After.SpentYen - Before.SpentYen,
            $"{After.MerchantPayableYen - Before.MerchantPayableYen:N0}"),
        ("walletsYen fell by exactly the spent yen", Before.WalletsYen - After.WalletsYen == After.SpentYen - Before.SpentYen,
            $"{Before.WalletsYen - After.WalletsYen:N0}"),
        ("nothing charged, granted, refunded or expired during the runs",
            After.ChargedYen == Before.ChargedYen && After.GrantedYen == Before.GrantedYen && After.RefundedYen == Before.RefundedYen && After.ExpiredYen == Before.ExpiredYen,
            "charged, granted, refunded, expired unchanged"),
        ("walletsYen = sum of the residents' balances", After.WalletsYen == SumOfBalancesYen, $"{After.WalletsYen:N0} = {SumOfBalancesYen:N0}"),
        ("every payment has an outcome (unanswered ones retried with their id)", UnansweredAfterRetries == 0, $"{UnansweredAfterRetries} without an answer"),
    ];

    public int Violations => Checks.Count(c => !c.Holds);
}

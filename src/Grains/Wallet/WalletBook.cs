using LoCoPi.Grains.Interfaces.Wallet;

namespace LoCoPi.Grains.Wallet;

/// <summary>
/// The wallet's arithmetic, free of I/O: each operation changes the buckets and returns the
/// balanced lines of its ledger entry (checked before the caller raises it).
/// </summary>
internal static class WalletBook
{
    /// <summary>Takes the earliest-expiring grant first and paid value last; null when the balance is short.</summary>
    public static List<LedgerLine>? Spend(WalletState state, string residentId, string shopId, long amountYen)
    {
        if (state.BalanceYen < amountYen)
        {
            return null;
        }

        var lines = new List<LedgerLine>();
        var left = amountYen;
        var order = state.Grants
            .Select((bucket, index) => (bucket, index))
            .Where(p => p.bucket.RemainingYen > 0)
            .OrderBy(p => p.bucket.ExpiresOn).ThenBy(p => p.bucket.GrantId, StringComparer.Ordinal)
            .ToList();
        foreach (var (bucket, index) in order)
        {
            if (left == 0)
            {
                break;
            }

            var take = Math.Min(left, bucket.RemainingYen);
            state.Grants[index] = bucket with
            {
                SpentYen = checked(bucket.SpentYen + take),
                RemainingYen = checked(bucket.RemainingYen - take),
            };
            lines.Add(new LedgerLine(LedgerAccounts.WalletGrant(residentId, bucket.GrantId), take, 0));
            left = checked(left - take);
        }

        if (left > 0)
        {
            state.PaidYen = checked(state.PaidYen - left);
            lines.Add(new LedgerLine(LedgerAccounts.WalletPaid(residentId), left, 0));
        }

        lines.Add(new LedgerLine(LedgerAccounts.MerchantPayable(shopId), 0, amountYen));
        return Balanced(lines);
    }

    public static List<LedgerLine> Charge(WalletState state, string residentId, long amountYen)
    {
        state.PaidYen = checked(state.PaidYen + amountYen);
        return Balanced([
            new(LedgerAccounts.CashIn, amountYen, 0),
            new(LedgerAccounts.WalletPaid(residentId), 0, amountYen),
        ]);
    }

    public static List<LedgerLine> Refund(WalletState state, string residentId, long amountYen)
    {
        state.PaidYen = checked(state.PaidYen - amountYen);
        return Balanced([
            new(LedgerAccounts.WalletPaid(residentId), amountYen, 0),
            new(LedgerAccounts.Refunded, 0, amountYen),
        ]);
    }

    public static List<LedgerLine> Grant(WalletState state, string residentId, GrantShare share)
    {
        state.Grants.Add(new GrantBucket(share.GrantId, share.AmountYen, share.ExpiresOn, share.Reason, 0, 0, share.AmountYen));
        return Balanced([
            new(LedgerAccounts.GrantFunding, share.AmountYen, 0),
            new(LedgerAccounts.WalletGrant(residentId, share.GrantId), 0, share.AmountYen),
        ]);
    }

    /// <summary>Empties every bucket whose expiry date has come; one entry per bucket, with the bucket's grant id.</summary>
    public static List<(string GrantId, List<LedgerLine> Lines)> ExpireDue(WalletState state, string residentId, DateOnly today)
    {
        var entries = new List<(string, List<LedgerLine>)>();
        for (var i = 0; i < state.Grants.Count; i++)
        {
            var bucket = state.Grants[i];
            if (bucket.ExpiresOn > today || bucket.RemainingYen == 0)
            {
                continue;
            }

            state.Grants[i] = bucket with { ExpiredYen = checked(bucket.ExpiredYen + bucket.RemainingYen), RemainingYen = 0 };
            entries.Add((bucket.GrantId, Balanced([
                new(LedgerAccounts.WalletGrant(residentId, bucket.GrantId), bucket.RemainingYen, 0),
                new(LedgerAccounts.Expired, 0, bucket.RemainingYen),
            ])));
        }

        return entries;
    }

    public static DateOnly LocalDate(DateTimeOffset at, string timeZoneId)
        => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(timeZoneId)).DateTime);

    /// <summary>An unbalanced entry is a bug here, never something to store: fail the turn instead.</summary>
    private static List<LedgerLine> Balanced(List<LedgerLine> lines)
        => LedgerAccounts.IsBalanced(lines) ? lines : throw new InvalidOperationException("Unbalanced ledger entry.");
}

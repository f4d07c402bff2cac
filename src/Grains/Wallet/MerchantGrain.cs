using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Wallet;

/// <summary>
/// A shop's sales per tenant-local day, from the committed journal: the settlement statement is
/// what the town owes the shop for a period. Sales at or below the stored sequence number were
/// already counted (at-least-once delivery), so a redelivered batch counts nothing twice.
/// </summary>
public sealed class MerchantGrain : Grain<MerchantState>, IMerchantGrain
{
    public async Task RecordSalesAsync(MerchantSales sales)
    {
        ArgumentNullException.ThrowIfNull(sales);
        if (sales.ThroughSeq <= State.ThroughSeq)
        {
            return;
        }

        foreach (var sale in sales.Sales.Where(s => s.Seq > State.ThroughSeq))
        {
            var day = State.Days.GetValueOrDefault(sale.LocalDate) ?? new SettlementDay(sale.LocalDate, 0, 0);
            State.Days[sale.LocalDate] = day with { Payments = day.Payments + 1, AmountYen = checked(day.AmountYen + sale.AmountYen) };
        }

        State.ThroughSeq = sales.ThroughSeq;
        await WriteStateAsync();
    }

    public Task<SettlementStatement> GetStatementAsync(DateOnly firstDay, DateOnly lastDay)
    {
        var days = State.Days.Where(d => d.Key >= firstDay && d.Key <= lastDay).OrderBy(d => d.Key).Select(d => d.Value).ToList();
        return Task.FromResult(new SettlementStatement(
            Key, firstDay, lastDay, days.Sum(d => d.Payments), days.Sum(d => d.AmountYen), days));
    }

    public async Task LinkAccountAsync(string accountId)
    {
        if (State.Accounts.Add(accountId))
        {
            await WriteStateAsync();
        }
    }

    public Task<bool> IsLinkedAsync(string accountId) => Task.FromResult(State.Accounts.Contains(accountId));
}

public sealed class MerchantState
{
    /// <summary>Merchant accounts allowed to read this shop's statements.</summary>
    public HashSet<string> Accounts { get; set; } = [];

    public long ThroughSeq { get; set; }

    public Dictionary<DateOnly, SettlementDay> Days { get; set; } = [];
}

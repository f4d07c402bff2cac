using LoCoPi.Runtime;

namespace LoCoPi.Grains.Interfaces.Wallet;

/// <summary>
/// A shop's sales (key = the shop's place id), fed from the committed journal: what the town owes
/// the shop per tenant-local day. Sales at or below the last applied sequence number are skipped.
/// </summary>
public interface IMerchantGrain : IGrain
{
    Task RecordSalesAsync(MerchantSales sales);

    /// <summary>The settlement statement for the days <paramref name="firstDay"/> to <paramref name="lastDay"/>, inclusive.</summary>
    Task<SettlementStatement> GetStatementAsync(DateOnly firstDay, DateOnly lastDay);

    /// <summary>Lets a merchant account read this shop's statements.</summary>
    Task LinkAccountAsync(string accountId);

    Task<bool> IsLinkedAsync(string accountId);
}

public sealed record MerchantSales(long ThroughSeq, IReadOnlyList<MerchantSale> Sales);

public sealed record MerchantSale(long Seq, string PaymentId, DateOnly LocalDate, long AmountYen);

public sealed record SettlementStatement(
    string ShopId, DateOnly From, DateOnly To, long Payments, long AmountYen, IReadOnlyList<SettlementDay> Days);

public sealed record SettlementDay(DateOnly Date, long Payments, long AmountYen);

public sealed class MerchantGrainReference(IGrainCallInvoker invoker, GrainId grainId)
    : GrainReference(invoker, grainId), IMerchantGrain
{
    private static readonly GrainMethod Record = new(nameof(IMerchantGrain), nameof(RecordSalesAsync));
    private static readonly GrainMethod Statement = new(nameof(IMerchantGrain), nameof(GetStatementAsync), readOnly: true);
    private static readonly GrainMethod LinkAccount = new(nameof(IMerchantGrain), nameof(LinkAccountAsync));
    private static readonly GrainMethod IsLinked = new(nameof(IMerchantGrain), nameof(IsLinkedAsync), readOnly: true);

    public Task RecordSalesAsync(MerchantSales sales)
        => InvokeAsync<IMerchantGrain, MerchantSales>(Record, sales, static (g, s) => g.RecordSalesAsync(s));

    public Task<SettlementStatement> GetStatementAsync(DateOnly firstDay, DateOnly lastDay)
        => InvokeAsync<IMerchantGrain, (DateOnly From, DateOnly To), SettlementStatement>(
            Statement, (firstDay, lastDay), static (g, a) => g.GetStatementAsync(a.From, a.To));

    public Task LinkAccountAsync(string accountId)
        => InvokeAsync<IMerchantGrain, string>(LinkAccount, accountId, static (g, a) => g.LinkAccountAsync(a));

    public Task<bool> IsLinkedAsync(string accountId)
        => InvokeAsync<IMerchantGrain, string, bool>(IsLinked, accountId, static (g, a) => g.IsLinkedAsync(a));
}

using LoCoPi.Runtime;

namespace LoCoPi.Grains.Interfaces.Wallet;

/// <summary>
/// A resident's wallet (key = resident id): paid value and one bucket per grant. Each payment,
/// charge or refund is one durable write carrying the new buckets, its <see cref="MoneyMoved"/>
/// entry and a tenant-wide claim on the request id holding the answer
/// (<see cref="MoneyReply.ToClaimResult"/>); when an earlier write claimed the id, nothing is
/// applied and the answer is the stored one (a retry with the same body) or idempotency_conflict
/// (a reuse of the id for another body).
/// </summary>
public interface IWalletGrain : IGrain
{
    Task<MoneyReply> PayAsync(PaymentCommand command);

    Task<MoneyReply> ChargeAsync(ChargeCommand command);

    Task<MoneyReply> RefundAsync(RefundCommand command);

    /// <summary>Adds the grant's bucket once (a repeat is a no-op); returns the balance.</summary>
    Task<long> ApplyGrantAsync(GrantShare share);

    /// <summary>Moves what is left of every grant due on the tenant-local today to expired; returns the yen moved now.</summary>
    Task<long> ExpireDueAsync(string timeZoneId);

    Task<WalletView> GetAsync();

    /// <summary>
    /// The wallet's latest money movements (charges, grants, payments, expiries, refunds), newest
    /// first, read from its committed journal: at most <paramref name="maxCount"/>, never more than
    /// <see cref="WalletMove.MaxRecent"/>. Declined requests moved nothing and are not listed.
    /// </summary>
    Task<IReadOnlyList<WalletMove>> GetRecentMovesAsync(int maxCount = WalletMove.MaxRecent);

    /// <summary>Refuses payments and charges with this card from now on (mirrored from the card grain).</summary>
    Task SuspendCardAsync(string cardId);
}

/// <summary>A wallet as admins and tests see it.</summary>
public sealed record WalletView(string ResidentId, long BalanceYen, long PaidYen, IReadOnlyList<GrantBucketView> Grants);

/// <summary>One grant bucket: <see cref="AmountYen"/> = spent + expired + remaining, always.</summary>
public sealed record GrantBucketView(
    string GrantId, long AmountYen, DateOnly ExpiresOn, string Reason, long SpentYen, long ExpiredYen, long RemainingYen);

/// <summary>
/// One movement of a wallet as its owner sees it: <see cref="AmountYen"/> is the yen that entered or
/// left this wallet (always positive; <see cref="Kind"/>, one of <see cref="MoneyKinds"/>, says which way).
/// <see cref="PlaceId"/> is the shop or charge point, null for grants, expiries and refunds.
/// </summary>
public sealed record WalletMove(string EntryId, string Kind, string? PlaceId, long AmountYen, DateTimeOffset At)
{
    /// <summary>How many recent movements the views show.</summary>
    public const int MaxRecent = 50;
}

/// <summary>Hand-written proxy: one static <see cref="GrainMethod"/> per method, static lambdas.</summary>
public sealed class WalletGrainReference(IGrainCallInvoker invoker, GrainId grainId)
    : GrainReference(invoker, grainId), IWalletGrain
{
    private static readonly GrainMethod Pay = new(nameof(IWalletGrain), nameof(PayAsync));
    private static readonly GrainMethod Charge = new(nameof(IWalletGrain), nameof(ChargeAsync));
    private static readonly GrainMethod Refund = new(nameof(IWalletGrain), nameof(RefundAsync));
    private static readonly GrainMethod ApplyGrant = new(nameof(IWalletGrain), nameof(ApplyGrantAsync));
    private static readonly GrainMethod ExpireDue = new(nameof(IWalletGrain), nameof(ExpireDueAsync));
    private static readonly GrainMethod Get = new(nameof(IWalletGrain), nameof(GetAsync), readOnly: true);
    private static readonly GrainMethod GetRecentMoves = new(nameof(IWalletGrain), nameof(GetRecentMovesAsync), readOnly: true);
    private static readonly GrainMethod SuspendCard = new(nameof(IWalletGrain), nameof(SuspendCardAsync));

    public Task<MoneyReply> PayAsync(PaymentCommand command)
        => InvokeAsync<IWalletGrain, PaymentCommand, MoneyReply>(Pay, command, static (g, c) => g.PayAsync(c));

    public Task<MoneyReply> ChargeAsync(ChargeCommand command)
        => InvokeAsync<IWalletGrain, ChargeCommand, MoneyReply>(Charge, command, static (g, c) => g.ChargeAsync(c));

    public Task<MoneyReply> RefundAsync(RefundCommand command)
        => InvokeAsync<IWalletGrain, RefundCommand, MoneyReply>(Refund, command, static (g, c) => g.RefundAsync(c));

    public Task<long> ApplyGrantAsync(GrantShare share)
        => InvokeAsync<IWalletGrain, GrantShare, long>(ApplyGrant, share, static (g, s) => g.ApplyGrantAsync(s));

    public Task<long> ExpireDueAsync(string timeZoneId)
        => InvokeAsync<IWalletGrain, string, long>(ExpireDue, timeZoneId, static (g, z) => g.ExpireDueAsync(z));

    public Task<WalletView> GetAsync()
        => InvokeAsync<IWalletGrain, bool, WalletView>(Get, false, static (g, _) => g.GetAsync());

    public Task<IReadOnlyList<WalletMove>> GetRecentMovesAsync(int maxCount = WalletMove.MaxRecent)
        => InvokeAsync<IWalletGrain, int, IReadOnlyList<WalletMove>>(
            GetRecentMoves, maxCount, static (g, n) => g.GetRecentMovesAsync(n));

    public Task SuspendCardAsync(string cardId)
        => InvokeAsync<IWalletGrain, string>(SuspendCard, cardId, static (g, c) => g.SuspendCardAsync(c));
}

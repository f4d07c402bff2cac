using LoCoPi.Grains.EventSourcing;
using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Wallet;

/// <summary>
/// A resident's wallet. Every payment, charge and refund — approved or declined — is one turn and
/// one durable write carrying the buckets, the ledger entry (or the decline) and the tenant-wide
/// claim on the request id with the answer: a crash leaves all of it or none, a retry's write fails
/// on the claim (undoing its turn) and is answered from it (so a decline stays a decline after a
/// top-up), and no other wallet can use the id. Grants that have reached their expiry date are emptied in the same write before money
/// is spent, so an expired grant is never spent even when no sweep has run.
///
/// The entry's lines say exactly what a payment, charge, refund or expiry did to the buckets, so these
/// append their events to the stored snapshot without rewriting it (as a resident's touches do); every
/// <see cref="SnapshotEvery"/>th entry, every grant (whose bucket the lines do not describe) and every
/// other write store it again, and a load applies the entries after it.
/// </summary>
public sealed class WalletGrain : Grain<WalletState>, IWalletGrain
{
    /// <summary>Entries per stored snapshot: a load reads at most about this many back.</summary>
    public const int SnapshotEvery = 32;

    private readonly SnapshotTail _entries = new(MoneyMoved.EventType, SnapshotEvery);

    // Entries raised in this turn: those of a storing write are already in its snapshot.
    private int _entriesThisTurn;

    public async Task<MoneyReply> PayAsync(PaymentCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        await ApplyEntriesSinceSnapshotAsync();
        if (State.SuspendedCards.Contains(command.CardId))
        {
            return MoneyReply.Rejected(command.PaymentId, DomainErrors.CardSuspended);
        }

        var now = TimeProvider.GetUtcNow();
        ExpireDue(command.TimeZoneId, now);
        var entryId = MoneyScopes.Payment + ":" + command.PaymentId;
        var lines = WalletBook.Spend(State, Key, command.ShopId, command.AmountYen);
        MoneyReply reply;
        if (lines is null)
        {
            reply = MoneyReply.Rejected(command.PaymentId, WalletErrors.InsufficientFunds);
            RaiseEvent(new MoneyDeclined(entryId, MoneyKinds.Payment, Key, command.ShopId, command.AmountYen, reply.ErrorCode!, now));
        }
        else
        {
            var points = WalletRules.PointsFor(command.AmountYen);
            reply = new MoneyReply(command.PaymentId, null, State.BalanceYen, points);
            RaiseEntry(new MoneyMoved(entryId, MoneyKinds.Payment, Key, command.ShopId, lines, points, null, null, now));
        }

        await CommitAnswerAsync(MoneyScopes.Payment, command.PaymentId, command.BodyHash, reply);
        return reply;
    }

    public async Task<MoneyReply> ChargeAsync(ChargeCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.AmountYen % WalletRules.ChargeUnitYen != 0)
        {
            // Decided by the body alone, so it needs no stored answer: the same body gets it again.
            return MoneyReply.Rejected(command.ChargeId, WalletErrors.ChargeUnit);
        }

        await ApplyEntriesSinceSnapshotAsync();
        if (State.SuspendedCards.Contains(command.CardId))
        {
            return MoneyReply.Rejected(command.ChargeId, DomainErrors.CardSuspended);
        }

        var now = TimeProvider.GetUtcNow();
        ExpireDue(command.TimeZoneId, now);
        var entryId = MoneyScopes.Charge + ":" + command.ChargeId;
        MoneyReply reply;
        if (checked(State.PaidYen + command.AmountYen) > WalletRules.BalanceCapYen)
        {
            reply = MoneyReply.Rejected(command.ChargeId, WalletErrors.BalanceCap);
            RaiseEvent(new MoneyDeclined(entryId, MoneyKinds.Charge, Key, command.PlaceId, command.AmountYen, reply.ErrorCode!, now));
        }
        else
        {
            var lines = WalletBook.Charge(State, Key, command.AmountYen);
            reply = new MoneyReply(command.ChargeId, null, State.BalanceYen, 0);
            RaiseEntry(new MoneyMoved(entryId, MoneyKinds.Charge, Key, command.PlaceId, lines, 0, null, null, now));
        }

        await CommitAnswerAsync(MoneyScopes.Charge, command.ChargeId, command.BodyHash, reply);
        return reply;
    }

    public async Task<MoneyReply> RefundAsync(RefundCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        await ApplyEntriesSinceSnapshotAsync();
        var now = TimeProvider.GetUtcNow();
        ExpireDue(command.TimeZoneId, now);
        var entryId = MoneyScopes.Refund + ":" + command.RefundId;
        MoneyReply reply;
        if (command.AmountYen > State.PaidYen)
        {
            reply = MoneyReply.Rejected(command.RefundId, WalletErrors.RefundExceedsPaid);
            RaiseEvent(new MoneyDeclined(entryId, MoneyKinds.Refund, Key, null, command.AmountYen, reply.ErrorCode!, now));
        }
        else
        {
            var lines = WalletBook.Refund(State, Key, command.AmountYen);
            reply = new MoneyReply(command.RefundId, null, State.BalanceYen, 0);
            RaiseEntry(new MoneyMoved(entryId, MoneyKinds.Refund, Key, null, lines, 0, command.Actor, command.Reason, now));
        }

        await CommitAnswerAsync(MoneyScopes.Refund, command.RefundId, command.BodyHash, reply);
        return reply;
    }

    public async Task<long> ApplyGrantAsync(GrantShare share)
    {
        ArgumentNullException.ThrowIfNull(share);
        await ApplyEntriesSinceSnapshotAsync();
        if (State.Grants.Any(g => g.GrantId == share.GrantId))
        {
            return State.BalanceYen;
        }

        var now = TimeProvider.GetUtcNow();
        var lines = WalletBook.Grant(State, Key, share);
        RaiseEntry(new MoneyMoved(MoneyScopes.Grant + ":" + share.GrantId + ":" + Key, MoneyKinds.Grant, Key, null, lines, 0, null, share.Reason, now));
        ExpireDue(share.TimeZoneId, now);
        await StoreSnapshotAsync(null);
        return State.BalanceYen;
    }

    public async Task<long> ExpireDueAsync(string timeZoneId)
    {
        await ApplyEntriesSinceSnapshotAsync();
        var moved = ExpireDue(timeZoneId, TimeProvider.GetUtcNow());
        if (moved > 0)
        {
            await StoreSnapshotAsync(null);
        }

        return moved;
    }

    public async Task<WalletView> GetAsync()
    {
        await ApplyEntriesSinceSnapshotAsync();
        return new WalletView(
            Key, State.BalanceYen, State.PaidYen,
            [.. State.Grants.Select(g => new GrantBucketView(g.GrantId, g.AmountYen, g.ExpiresOn, g.Reason, g.SpentYen, g.ExpiredYen, g.RemainingYen))]);
    }

    public async Task<IReadOnlyList<WalletMove>> GetRecentMovesAsync(int maxCount = WalletMove.MaxRecent)
    {
        if (maxCount < 1)
        {
            return [];
        }

        // The history is the wallet's own journal (an index serves it), not a list kept in the state
        // that every payment would rewrite.
        var entries = await ReadRaisedEventsAsync<MoneyMoved>(Math.Min(maxCount, WalletMove.MaxRecent));
        var prefix = LedgerAccounts.WalletPrefix + Key + ":";
        return [.. entries.Select(e =>
        {
            long change = 0;
            foreach (var line in e.Lines.Where(l => l.Account.StartsWith(prefix, StringComparison.Ordinal)))
            {
                change = checked(change + line.CreditYen - line.DebitYen);
            }

            return new WalletMove(e.EntryId, e.Kind, e.PlaceId, Math.Abs(change), e.At);
        })];
    }

    public async Task SuspendCardAsync(string cardId)
    {
        await ApplyEntriesSinceSnapshotAsync();
        if (State.SuspendedCards.Add(cardId))
        {
            await StoreSnapshotAsync(null);
        }
    }

    protected override void OnStateLoaded() => _entries.Forget();

    /// <summary>Raises one expiry entry per due bucket (not yet written); returns the yen moved.</summary>
    private long ExpireDue(string timeZoneId, DateTimeOffset now)
    {
        long moved = 0;
        foreach (var (grantId, lines) in WalletBook.ExpireDue(State, Key, WalletBook.LocalDate(now, timeZoneId)))
        {
            moved = checked(moved + lines[0].DebitYen);
            RaiseEntry(new MoneyMoved(
                MoneyKinds.Expiry + ":" + grantId + ":" + Key, MoneyKinds.Expiry, Key, null, lines, 0, null, null, now));
        }

        return moved;
    }

    /// <summary>
    /// The one write of a money request. The claim makes the write itself the tenant-wide arbiter
    /// of the id: no separate claim write and no moment when a claim exists without its answer.
    /// </summary>
    private async Task CommitAnswerAsync(string scope, string id, string bodyHash, MoneyReply reply)
    {
        IdempotencyClaim[] claim = [new(scope, id, Key, bodyHash, reply.ToClaimResult())];
        if (_entries.SnapshotDue || !RecordExists)
        {
            await StoreSnapshotAsync(claim);
            return;
        }

        await GrainWrites.CommitOrReloadAsync(() => AppendEventsAsync(claim), ReadStateAsync, DeactivateOnIdle);
        _entries.Appended(LastCommittedEvents);
    }

    private async Task StoreSnapshotAsync(IReadOnlyList<IdempotencyClaim>? claims)
    {
        _entries.MarkSnapshot(State, _entriesThisTurn);
        _entriesThisTurn = 0;
        await GrainWrites.CommitOrReloadAsync(
            claims is null ? WriteStateAsync : () => WriteStateAsync(claims), ReadStateAsync, DeactivateOnIdle);
        _entries.Stored(LastCommittedEvents);
    }

    private void RaiseEntry(MoneyMoved entry)
    {
        RaiseEvent(entry);
        _entriesThisTurn++;
    }

    /// <summary>
    /// Applies the entries committed after the stored snapshot, read from the journal: on the first
    /// call of an activation, and again whenever a failed write reloaded the snapshot. Every turn
    /// starts with it, so decisions and stored snapshots see every entry.
    /// </summary>
    private Task ApplyEntriesSinceSnapshotAsync()
    {
        _entriesThisTurn = 0;
        return _entries.IsApplied
            ? Task.CompletedTask
            : _entries.RestoreAsync<MoneyMoved>(
                State, RecordExists,
                after => ReadEventsSinceAsync<MoneyMoved>(GrainId.Type, Key, after, _entries.MaxReadBack),
                ReadLastRaisedSeqAsync<MoneyMoved>, entry => WalletBook.Apply(State, Key, entry));
    }
}

using LoCoPi.Grains.Claims;
using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Wallet;

/// <summary>
/// A resident's wallet. Every payment, charge and refund — approved or declined — is one turn and
/// one durable write carrying the buckets, the ledger entry (or the decline) and the tenant-wide
/// claim on the request id with the answer: a crash leaves all of it or none, a retry's write fails
/// on the claim (undoing its turn) and is answered from it (so a decline stays a decline after a
/// top-up), and no other wallet can use the id. A card the wallet knows as suspended is refused
/// only after checking for a stored claim, so a retry of an earlier request gets its first answer. Grants that have reached their expiry date are emptied in the same write before money
/// is spent, so an expired grant is never spent even when no sweep has run.
/// </summary>
public sealed class WalletGrain : Grain<WalletState>, IWalletGrain
{
    public async Task<MoneyReply> PayAsync(PaymentCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (State.SuspendedCards.Contains(command.CardId))
        {
            return await RefuseSuspendedAsync(MoneyScopes.Payment, command.PaymentId, command.BodyHash);
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
            RaiseEvent(new MoneyMoved(entryId, MoneyKinds.Payment, Key, command.ShopId, lines, points, null, null, now));
        }

        return await CommitAnswerAsync(MoneyScopes.Payment, command.PaymentId, command.BodyHash, reply);
    }

    public async Task<MoneyReply> ChargeAsync(ChargeCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.AmountYen % WalletRules.ChargeUnitYen != 0)
        {
            // Decided by the body alone, so it needs no stored answer: the same body gets it again.
            return MoneyReply.Rejected(command.ChargeId, WalletErrors.ChargeUnit);
        }

        if (State.SuspendedCards.Contains(command.CardId))
        {
            return await RefuseSuspendedAsync(MoneyScopes.Charge, command.ChargeId, command.BodyHash);
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
            RaiseEvent(new MoneyMoved(entryId, MoneyKinds.Charge, Key, command.PlaceId, lines, 0, null, null, now));
        }

        return await CommitAnswerAsync(MoneyScopes.Charge, command.ChargeId, command.BodyHash, reply);
    }

    public async Task<MoneyReply> RefundAsync(RefundCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
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
            RaiseEvent(new MoneyMoved(entryId, MoneyKinds.Refund, Key, null, lines, 0, command.Actor, command.Reason, now));
        }

        return await CommitAnswerAsync(MoneyScopes.Refund, command.RefundId, command.BodyHash, reply);
    }

    public async Task<long> ApplyGrantAsync(GrantShare share)
    {
        ArgumentNullException.ThrowIfNull(share);
        if (State.Grants.Any(g => g.GrantId == share.GrantId))
        {
            return State.BalanceYen;
        }

        var now = TimeProvider.GetUtcNow();
        var lines = WalletBook.Grant(State, Key, share);
        RaiseEvent(new MoneyMoved(MoneyScopes.Grant + ":" + share.GrantId + ":" + Key, MoneyKinds.Grant, Key, null, lines, 0, null, share.Reason, now));
        ExpireDue(share.TimeZoneId, now);
        await WriteStateAsync();
        return State.BalanceYen;
    }

    public async Task<long> ExpireDueAsync(string timeZoneId)
    {
        var moved = ExpireDue(timeZoneId, TimeProvider.GetUtcNow());
        if (moved > 0)
        {
            await WriteStateAsync();
        }

        return moved;
    }

    public Task<WalletView> GetAsync() => Task.FromResult(new WalletView(
        Key, State.BalanceYen, State.PaidYen,
        [.. State.Grants.Select(g => new GrantBucketView(g.GrantId, g.AmountYen, g.ExpiresOn, g.Reason, g.SpentYen, g.ExpiredYen, g.RemainingYen))]));

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
        if (State.SuspendedCards.Add(cardId))
        {
            await WriteStateAsync();
        }
    }

    /// <summary>Raises one expiry entry per due bucket (not yet written); returns the yen moved.</summary>
    private long ExpireDue(string timeZoneId, DateTimeOffset now)
    {
        long moved = 0;
        foreach (var (grantId, lines) in WalletBook.ExpireDue(State, Key, WalletBook.LocalDate(now, timeZoneId)))
        {
            moved = checked(moved + lines[0].DebitYen);
            RaiseEvent(new MoneyMoved(
                MoneyKinds.Expiry + ":" + grantId + ":" + Key, MoneyKinds.Expiry, Key, null, lines, 0, null, null, now));
        }

        return moved;
    }

    /// <summary>
    /// The one write of a money request, and its answer. The claim makes the write itself the
    /// tenant-wide arbiter of the id: no separate claim write and no moment when a claim exists
    /// without its answer. When the id was claimed first, nothing of this turn is stored (the state
    /// is reloaded) and the stored claim answers.
    /// </summary>
    private async Task<MoneyReply> CommitAnswerAsync(string scope, string id, string bodyHash, MoneyReply reply)
    {
        IdempotencyClaim[] claim = [new(scope, id, Key, bodyHash, reply.ToClaimResult())];
        try
        {
            await WriteStateAsync(claim);
            return reply;
        }
        catch (IdempotencyClaimConflictException conflict) when (conflict.Existing is { } existing)
        {
            return MoneyAnswers.FromClaim(existing, id, bodyHash);
        }
    }

    private async Task<MoneyReply> RefuseSuspendedAsync(string scope, string id, string bodyHash)
        => await ReadClaimAsync(scope, id) is { } earlier
            ? MoneyAnswers.FromClaim(earlier, id, bodyHash)
            : MoneyReply.Rejected(id, DomainErrors.CardSuspended);
}

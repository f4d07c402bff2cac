using LoCoPi.Grains.EventSourcing;
using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Cards;
using LoCoPi.Grains.Interfaces.Readers;
using LoCoPi.Grains.Interfaces.Residents;
using LoCoPi.Grains.Interfaces.Touches;
using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Residents;

/// <summary>
/// A resident. Every touch is one turn and one durable write carrying its <see cref="TouchRecorded"/>
/// event and the tenant-wide claim on the touch id with the touch's result, so a crash leaves either
/// all of it or none, a retry (even after a crash) finds the claim and gets the original result from
/// it, and no other resident can apply the same touch id.
///
/// The event holds everything a touch changes (points, visit day, boarding), so the resident is
/// event-sourced for touches: the stored record is a snapshot, and a touch appends its event without
/// rewriting it (<see cref="Grain{TState}.AppendEventsAsync"/>). Every <see cref="SnapshotEvery"/>th
/// touch, and every other write, stores the snapshot again; a load applies the touches after it.
/// Rewriting the whole record with each touch cost 40 % of the WAL per touch, and the Silo the
/// serializing of the resident (docs/benchmarks.md, session 6). The state keeps no record per touch;
/// the recent touches are the resident's own events, read from the journal.
/// </summary>
public sealed class ResidentGrain : Grain<ResidentState>, IResidentGrain
{
    /// <summary>
    /// How long applied-touch records written before results moved into the claims are kept (no
    /// new ones are written): a retry of such a touch is answered from them until they age out.
    /// </summary>
    public static readonly TimeSpan AppliedTouchRetention = TimeSpan.FromDays(35);

    /// <summary>
    /// Payment awards applied in memory before the resident stores them on their own. A payment's
    /// points need no write of their own — its journal event is durable and a new activation reads
    /// those after <see cref="ResidentState.LastPaymentPointsSeq"/> back — but the number read back
    /// must stay small. Any write that stores the snapshot (every 32nd touch, say) stores them for free.
    /// </summary>
    public const int UnstoredPaymentAwardsLimit = 32;

    /// <summary>
    /// Touches per stored snapshot: one touch in this many rewrites the record, and a load reads at
    /// most this many touch events back.
    /// </summary>
    public const int SnapshotEvery = 32;

    private readonly SnapshotTail _touches = new(TouchRecorded.EventType, SnapshotEvery);

    private int _awardsSinceStored;

    public async Task<UpsertReply> DefineAsync(ResidentProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var created = !RecordExists;
        State.DisplayName = profile.DisplayName;
        State.BirthYear = profile.BirthYear;
        State.Attributes = profile.Attributes is null ? [] : new Dictionary<string, string>(profile.Attributes);
        RaiseEvent(new ResidentDefined(Key));
        await StoreSnapshotAsync();
        return UpsertReply.Done(created);
    }

    // Read-only (it may run beside other reads): it only reads what OnStateLoadedAsync restored.
    public Task<ResidentView?> GetAsync() => Task.FromResult(RecordExists
        ? new ResidentView(
            Key, State.DisplayName, State.BirthYear, State.PointsBalance, BalanceYen: 0,
            [.. State.Cards.Select(c => new ResidentCard(c.Key, c.Value)).OrderBy(c => c.CardId, StringComparer.Ordinal)])
        : null);

    public async Task<IReadOnlyList<ResidentTouch>> GetRecentTouchesAsync(int maxCount = ResidentTouch.MaxRecent)
    {
        if (!RecordExists || maxCount < 1)
        {
            return [];
        }

        var touches = await ReadRaisedEventsAsync<TouchRecorded>(Math.Min(maxCount, ResidentTouch.MaxRecent));
        return [.. touches.Select(t => new ResidentTouch(t.TouchId, t.PlaceId, t.Outcome, t.PointsAwarded, t.TouchedAt))];
    }

    public Task<string?> GetDisplayNameAsync() => Task.FromResult(RecordExists ? State.DisplayName : null);

    public async Task<bool> AttachCardAsync(string cardId)
    {
        ArgumentException.ThrowIfNullOrEmpty(cardId);
        if (!RecordExists)
        {
            return false;
        }

        if (!State.Cards.ContainsKey(cardId))
        {
            State.Cards[cardId] = CardStatuses.Active;
            await StoreSnapshotAsync();
        }

        return true;
    }

    public async Task SetCardStatusAsync(string cardId, string status)
    {
        ArgumentException.ThrowIfNullOrEmpty(cardId);
        ArgumentException.ThrowIfNullOrEmpty(status);
        if (!RecordExists || (State.Cards.TryGetValue(cardId, out var current) && current == status))
        {
            return;
        }

        State.Cards[cardId] = status;
        await StoreSnapshotAsync();
    }

    public async Task<TouchReply> RecordTouchAsync(TouchCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (State.AppliedTouches.TryGetValue(command.TouchId, out var applied))
        {
            return applied.BodyHash == command.BodyHash
                ? TouchReply.Success(applied.Result)
                : TouchReply.Rejected(DomainErrors.IdempotencyConflict);
        }

        var now = TimeProvider.GetUtcNow();
        var cardStatus = RecordExists ? State.Cards.GetValueOrDefault(command.CardId) : null;
        if (cardStatus != CardStatuses.Active)
        {
            // A retry of a touch applied before the card was suspended still gets its first answer.
            return await ReadClaimAsync(TouchReply.ClaimScope, command.TouchId) is { } claimed
                ? AnswerFromClaim(claimed, command)
                : TouchReply.Rejected(cardStatus is null ? DomainErrors.UnknownCard : DomainErrors.CardSuspended);
        }

        if (!ReaderModes.Touch.Contains(command.Mode))
        {
            return TouchReply.Rejected(DomainErrors.WrongMode);
        }

        var localDay = TouchRules.LocalDay(command.TouchedAt, command.TimeZoneId);
        var (outcome, points, firstToday) = TouchRules.Decide(State, command, localDay);
        var touched = new TouchRecorded(
            command.TouchId, command.CardId, Key, command.PlaceId, command.ReaderId, command.Mode,
            outcome, points, checked(State.PointsBalance + points), command.TouchedAt, firstToday, localDay);
        RaiseEvent(touched);
        if (outcome == TouchOutcomes.Alighted && State.LastBoarding is { } boarding)
        {
            RaiseEvent(new RideCompleted(Key, boarding.PlaceId, command.PlaceId, boarding.At, command.TouchedAt));
        }

        ApplyTouch(touched);
        var result = new TouchResult(command.TouchId, outcome, points, State.PointsBalance);
        var kept = State.AppliedTouches.Count > 0 ? PruneApplied(State.AppliedTouches, now) : State.AppliedTouches;
        var snapshotDue = kept != State.AppliedTouches || _touches.SnapshotDue;
        State.AppliedTouches = kept;
        // The claim makes the write itself the tenant-wide arbiter of the touch id: no separate claim
        // write (a second commit cycle) and no window in which a claim exists without its points.
        // A retry of this touch id makes its write fail on the claim (undoing this turn) and is
        // answered from the result stored with it.
        IdempotencyClaim[] claim = [new(
            TouchReply.ClaimScope, command.TouchId, Key, command.BodyHash, result.ToClaimResult(), ClaimRequestTime(command))];
        try
        {
            if (snapshotDue)
            {
                await StoreSnapshotAsync(claim, touchesInWrite: 1);
            }
            else
            {
                await AppendEventsAsync(claim);
            }
        }
        catch (IdempotencyClaimConflictException conflict) when (conflict.Existing is { } existing)
        {
            // Nothing of this turn was stored (and the state was reloaded): the first write decides.
            return AnswerFromClaim(existing, command);
        }

        return TouchReply.Success(result);
    }

    /// <summary>For claims stored without a result (before results moved into the claims).</summary>
    public Task<TouchReply> ReplayTouchAsync(string touchId, string bodyHash) => Task.FromResult(ReplayApplied(touchId, bodyHash));

    public async Task AwardPaymentPointsAsync(IReadOnlyList<PaymentPoints> awards)
    {
        ArgumentNullException.ThrowIfNull(awards);
        if (!RecordExists)
        {
            return;
        }

        foreach (var award in awards)
        {
            ApplyPaymentPoints(award.Seq, award.Points);
        }

        if (_awardsSinceStored >= UnstoredPaymentAwardsLimit)
        {
            await StoreSnapshotAsync();
        }
    }

    /// <summary>
    /// After every load (activation, or a failed write that reloaded the snapshot), in a turn nothing
    /// interleaves with: applies the touches committed after the stored snapshot and the points of
    /// payments after the last one stored, both read from the journal. Restoring here, once, and not
    /// lazily in the first call, is what keeps two concurrent read-only calls from both replaying the
    /// same touches onto the state (5 touches of 10 points read as 100 and stored as such).
    /// </summary>
    protected override async Task OnStateLoadedAsync()
    {
        _touches.Forget();
        _awardsSinceStored = 0;
        await _touches.RestoreAsync<TouchRecorded>(
            State, RecordExists,
            after => ReadEventsSinceAsync<TouchRecorded>(GrainId.Type, Key, after, _touches.MaxReadBack),
            ReadLastRaisedSeqAsync<TouchRecorded>, ApplyTouch);
        if (RecordExists)
        {
            await ReadBackPaymentPointsAsync();
        }
    }

    protected override void OnEventsCommitted(IReadOnlyList<CommittedEvent> committed) => _touches.Committed(committed);

    /// <summary>
    /// The first answer to a touch id already claimed: another body is a conflicting reuse; the same
    /// body gets the result stored with the claim, or, for a claim stored before results were, the
    /// one kept in this resident's state (a card never moves to another resident, so the same body
    /// cannot have been applied by someone else).
    /// </summary>
    private TouchReply AnswerFromClaim(IdempotencyClaim claim, TouchCommand command)
        => claim.BodyHash != command.BodyHash ? TouchReply.Rejected(DomainErrors.IdempotencyConflict)
            : TouchResult.FromClaimResult(command.TouchId, claim.Result) is { } stored ? TouchReply.Success(stored)
            : ReplayApplied(command.TouchId, command.BodyHash);

    private TouchReply ReplayApplied(string touchId, string bodyHash)
        => State.AppliedTouches.TryGetValue(touchId, out var applied) && applied.BodyHash == bodyHash
            ? TouchReply.Success(applied.Result)
            : TouchReply.Rejected(DomainErrors.IdempotencyConflict);

    /// <summary>
    /// The time the touch's claim is pruned by: a touch sent with its own time (<c>at</c>) can only be
    /// retried while that time is inside the upload window, so its claim may go once the pruner's
    /// retention has passed since it; a touch sent without one can be retried at any time and would
    /// be applied again once its claim went, so its claim has none and is kept for good.
    /// </summary>
    private static DateTimeOffset? ClaimRequestTime(TouchCommand command) => command.HasReaderTime ? command.TouchedAt : null;

    /// <summary>What a touch changes in the resident, the same when it is made and when it is read back.</summary>
    private void ApplyTouch(TouchRecorded touch)
    {
        if (touch.FirstVisitToday && touch.LocalDay is { } day)
        {
            TouchRules.RememberVisit(State, touch.PlaceId, day);
        }

        State.PointsBalance = checked(State.PointsBalance + touch.PointsAwarded);
        if (touch.Outcome == TouchOutcomes.Boarded)
        {
            State.LastBoarding = new Boarding(touch.PlaceId, touch.TouchedAt);
        }
        else if (touch.Outcome == TouchOutcomes.Alighted)
        {
            State.LastBoarding = null;
        }
    }

    /// <summary>Stores the whole state as the new snapshot, with this turn's events and <paramref name="claims"/>.</summary>
    private async Task StoreSnapshotAsync(IReadOnlyList<IdempotencyClaim>? claims = null, int touchesInWrite = 0)
    {
        _touches.MarkSnapshot(State, touchesInWrite);
        await (claims is null ? WriteStateAsync() : WriteStateAsync(claims));
        _touches.SnapshotStored();
        _awardsSinceStored = 0;
    }

    /// <summary>
    /// Applies the points of the resident's payments committed after the last one stored with the
    /// state, read from the wallet's journal events (after every load: see <see cref="OnStateLoadedAsync"/>).
    /// </summary>
    private async Task ReadBackPaymentPointsAsync()
    {
        // Charges, grants and refunds between the payments carry no points but are read too; between
        // two stores there are at most UnstoredPaymentAwardsLimit payments, and charges are bounded by
        // the balance cap, so thousands is far beyond any real resident.
        var payments = await ReadEventsSinceAsync<MoneyMoved>(
            WalletGrainInterfaces.Wallet, Key, State.LastPaymentPointsSeq, maxCount: 4096);
        foreach (var (seq, moved) in payments)
        {
            ApplyPaymentPoints(seq, moved.PointsAwarded);
        }
    }

    // De-duplicated by sequence number: a redelivery, or an award both read back and delivered, adds nothing.
    private void ApplyPaymentPoints(long seq, long points)
    {
        if (seq <= State.LastPaymentPointsSeq)
        {
            return;
        }

        State.PointsBalance = checked(State.PointsBalance + points);
        State.LastPaymentPointsSeq = seq;
        if (points > 0)
        {
            _awardsSinceStored++;
        }
    }

    private static Dictionary<string, AppliedTouch> PruneApplied(Dictionary<string, AppliedTouch> applied, DateTimeOffset now)
    {
        var cutoff = now - AppliedTouchRetention;
        if (applied.Values.All(a => a.AppliedAt >= cutoff))
        {
            return applied;
        }

        return applied.Where(a => a.Value.AppliedAt >= cutoff).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
    }
}

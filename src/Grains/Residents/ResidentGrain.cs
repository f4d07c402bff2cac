using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Cards;
using LoCoPi.Grains.Interfaces.Readers;
using LoCoPi.Grains.Interfaces.Residents;
using LoCoPi.Grains.Interfaces.Touches;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Residents;

/// <summary>
/// A resident. Every touch is one turn and one durable write carrying the points, the visit day,
/// its <see cref="TouchRecorded"/> event and the tenant-wide claim on the touch id with the touch's
/// result, so a crash leaves either all of it or none, a retry (even after a crash) finds the claim
/// and gets the original result from it, and no other resident can apply the same touch id. The
/// state keeps no record per touch — neither per touch id nor as history: it would grow with every
/// touch and be rewritten by each (a 50-entry history was ~6.5 KB of every resident's state). The
/// recent touches are the resident's own <see cref="TouchRecorded"/> events, read from the journal.
/// </summary>
public sealed class ResidentGrain : Grain<ResidentState>, IResidentGrain
{
    /// <summary>
    /// How long applied-touch records written before results moved into the claims are kept (no
    /// new ones are written): a retry of such a touch is answered from them until they age out.
    /// </summary>
    public static readonly TimeSpan AppliedTouchRetention = TimeSpan.FromDays(35);

    public async Task<UpsertReply> DefineAsync(ResidentProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var created = !RecordExists;
        State.DisplayName = profile.DisplayName;
        State.BirthYear = profile.BirthYear;
        State.Attributes = profile.Attributes is null ? [] : new Dictionary<string, string>(profile.Attributes);
        RaiseEvent(new ResidentDefined(Key));
        await GrainWrites.CommitOrReloadAsync(WriteStateAsync, ReadStateAsync, DeactivateOnIdle);
        return UpsertReply.Done(created);
    }

    public Task<ResidentView?> GetAsync()
    {
        if (!RecordExists)
        {
            return Task.FromResult<ResidentView?>(null);
        }

        var view = new ResidentView(
            Key, State.DisplayName, State.BirthYear, State.PointsBalance, BalanceYen: 0,
            [.. State.Cards.Select(c => new ResidentCard(c.Key, c.Value)).OrderBy(c => c.CardId, StringComparer.Ordinal)]);
        return Task.FromResult<ResidentView?>(view);
    }

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
            await GrainWrites.CommitOrReloadAsync(WriteStateAsync, ReadStateAsync, DeactivateOnIdle);
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
        await GrainWrites.CommitOrReloadAsync(WriteStateAsync, ReadStateAsync, DeactivateOnIdle);
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
        if (!RecordExists || !State.Cards.TryGetValue(command.CardId, out var cardStatus))
        {
            return TouchReply.Rejected(DomainErrors.UnknownCard);
        }

        if (cardStatus != CardStatuses.Active)
        {
            return TouchReply.Rejected(DomainErrors.CardSuspended);
        }

        if (!ReaderModes.Touch.Contains(command.Mode))
        {
            return TouchReply.Rejected(DomainErrors.WrongMode);
        }

        var localDay = TouchRules.LocalDay(command.TouchedAt, command.TimeZoneId);
        var (outcome, points, firstToday) = TouchRules.Decide(State, command, localDay);
        if (firstToday)
        {
            TouchRules.RememberVisit(State, command.PlaceId, localDay);
        }

        State.PointsBalance = checked(State.PointsBalance + points);
        PairRide(command, outcome);
        var result = new TouchResult(command.TouchId, outcome, points, State.PointsBalance);
        if (State.AppliedTouches.Count > 0)
        {
            State.AppliedTouches = PruneApplied(State.AppliedTouches, now);
        }

        RaiseEvent(new TouchRecorded(
            command.TouchId, command.CardId, Key, command.PlaceId, command.ReaderId, command.Mode,
            outcome, points, State.PointsBalance, command.TouchedAt, firstToday));
        // The claim makes the write itself the tenant-wide arbiter of the touch id: no separate claim
        // write (a second commit cycle) and no window in which a claim exists without its points.
        // A retry of this touch id makes its write fail on the claim (undoing this turn) and is
        // answered from the result stored with it.
        IdempotencyClaim[] claim = [new(TouchReply.ClaimScope, command.TouchId, Key, command.BodyHash, result.ToClaimResult())];
        await GrainWrites.CommitOrReloadAsync(() => WriteStateAsync(claim), ReadStateAsync, DeactivateOnIdle);
        return TouchReply.Success(result);
    }

    /// <summary>For claims stored without a result (before results moved into the claims).</summary>
    public Task<TouchReply> ReplayTouchAsync(string touchId, string bodyHash)
        => Task.FromResult(State.AppliedTouches.TryGetValue(touchId, out var applied) && applied.BodyHash == bodyHash
            ? TouchReply.Success(applied.Result)
            : TouchReply.Rejected(DomainErrors.IdempotencyConflict));

    public async Task AwardPaymentPointsAsync(IReadOnlyList<PaymentPoints> awards)
    {
        ArgumentNullException.ThrowIfNull(awards);
        var fresh = awards.Where(a => a.Seq > State.LastPaymentPointsSeq).ToList();
        if (fresh.Count == 0 || !RecordExists)
        {
            return;
        }

        foreach (var award in fresh)
        {
            State.PointsBalance = checked(State.PointsBalance + award.Points);
        }

        State.LastPaymentPointsSeq = fresh.Max(a => a.Seq);
        await GrainWrites.CommitOrReloadAsync(WriteStateAsync, ReadStateAsync, DeactivateOnIdle);
    }

    private void PairRide(TouchCommand command, string outcome)
    {
        if (outcome == TouchOutcomes.Boarded)
        {
            State.LastBoarding = new Boarding(command.PlaceId, command.TouchedAt);
        }
        else if (outcome == TouchOutcomes.Alighted && State.LastBoarding is { } boarding)
        {
            RaiseEvent(new RideCompleted(Key, boarding.PlaceId, command.PlaceId, boarding.At, command.TouchedAt));
            State.LastBoarding = null;
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

using LoCoPi.Grains.Interfaces.Touches;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Interfaces.Residents;

/// <summary>
/// A resident (key = resident id): profile, points, linked cards, visit days and the touch ids
/// already applied. A touch is applied with one durable write that carries its journal event, so
/// points and the <see cref="TouchRecorded"/> event exist together or not at all.
/// </summary>
public interface IResidentGrain : IGrain
{
    Task<UpsertReply> DefineAsync(ResidentProfile profile);

    /// <summary>The resident's summary, or null when the resident was never defined.</summary>
    Task<ResidentView?> GetAsync();

    /// <summary>
    /// The resident's latest touches, newest first, read from the committed journal: at most
    /// <paramref name="maxCount"/>, and never more than <see cref="ResidentTouch.MaxRecent"/>.
    /// </summary>
    Task<IReadOnlyList<ResidentTouch>> GetRecentTouchesAsync(int maxCount = ResidentTouch.MaxRecent);

    /// <summary>
    /// The display name alone (null when the resident was never defined): what an alert names, asked
    /// for every touch of a watched resident, without building the summary.
    /// </summary>
    Task<string?> GetDisplayNameAsync();

    /// <summary>Records that a card now belongs to this resident; false when the resident does not exist.</summary>
    Task<bool> AttachCardAsync(string cardId);

    /// <summary>Mirrors a card's status, so a touch racing a suspension is still refused here.</summary>
    Task SetCardStatusAsync(string cardId, string status);

    /// <summary>
    /// Applies a touch once; a retry with the same body gets the original result, also when the card
    /// was suspended since. The write claims the touch id tenant-wide: when another write claimed it
    /// first, nothing is applied and the answer is the stored one, or idempotency_conflict for another body.
    /// </summary>
    Task<TouchReply> RecordTouchAsync(TouchCommand command);

    /// <summary>
    /// The original answer to a touch this resident applied with the same body hash; otherwise
    /// (another body, or applied so long ago that it was forgotten) idempotency_conflict.
    /// </summary>
    Task<TouchReply> ReplayTouchAsync(string touchId, string bodyHash);

    /// <summary>
    /// Adds the points of committed payments, fed from the journal in sequence order; an award whose
    /// sequence number is at or below the last one applied is a redelivery and adds nothing. The
    /// resident stores them with its next write (or after enough of them): until then the payments'
    /// journal events are where they are kept, and a new activation reads them back from there.
    /// </summary>
    Task AwardPaymentPointsAsync(IReadOnlyList<PaymentPoints> awards);
}

/// <summary>Points a payment earned; <see cref="Seq"/> is its journal sequence number (the de-duplication key).</summary>
public sealed record PaymentPoints(long Seq, long Points);

/// <summary>The profile the admin maintains. Names are personal data: never logged.</summary>
public sealed record ResidentProfile(
    string? DisplayName, int? BirthYear, IReadOnlyDictionary<string, string>? Attributes);

/// <summary>A resident's summary as the API shows it.</summary>
public sealed record ResidentView(
    string ResidentId,
    string? DisplayName,
    int? BirthYear,
    long PointsBalance,
    long BalanceYen,
    IReadOnlyList<ResidentCard> Cards);

public sealed record ResidentCard(string CardId, string Status);

/// <summary>One entry of the resident's recent touch history.</summary>
public sealed record ResidentTouch(
    string TouchId, string PlaceId, string Outcome, long PointsAwarded, DateTimeOffset TouchedAt)
{
    /// <summary>How many recent touches the views show.</summary>
    public const int MaxRecent = 50;
}

/// <summary>Journal event: a resident was defined or their profile changed (ids only, no personal data).</summary>
public sealed record ResidentDefined(string ResidentId) : IJournalEvent
{
    public static string EventType => "resident.defined";
}

/// <summary>Hand-written proxy: one static <see cref="GrainMethod"/> per method, static lambdas.</summary>
public sealed class ResidentGrainReference(IGrainCallInvoker invoker, GrainId grainId)
    : GrainReference(invoker, grainId), IResidentGrain
{
    private static readonly GrainMethod Define = new(nameof(IResidentGrain), nameof(DefineAsync));
    private static readonly GrainMethod Get = new(nameof(IResidentGrain), nameof(GetAsync), readOnly: true);
    private static readonly GrainMethod GetRecentTouches = new(nameof(IResidentGrain), nameof(GetRecentTouchesAsync), readOnly: true);
    private static readonly GrainMethod GetDisplayName = new(nameof(IResidentGrain), nameof(GetDisplayNameAsync), readOnly: true);
    private static readonly GrainMethod AttachCard = new(nameof(IResidentGrain), nameof(AttachCardAsync));
    private static readonly GrainMethod SetCardStatus = new(nameof(IResidentGrain), nameof(SetCardStatusAsync));
    private static readonly GrainMethod RecordTouch = new(nameof(IResidentGrain), nameof(RecordTouchAsync));
    private static readonly GrainMethod ReplayTouch = new(nameof(IResidentGrain), nameof(ReplayTouchAsync), readOnly: true);
    private static readonly GrainMethod AwardPaymentPoints = new(nameof(IResidentGrain), nameof(AwardPaymentPointsAsync));

    public Task<UpsertReply> DefineAsync(ResidentProfile profile)
        => InvokeAsync<IResidentGrain, ResidentProfile, UpsertReply>(Define, profile, static (g, p) => g.DefineAsync(p));

    public Task<ResidentView?> GetAsync()
        => InvokeAsync<IResidentGrain, bool, ResidentView?>(Get, false, static (g, _) => g.GetAsync());

    public Task<IReadOnlyList<ResidentTouch>> GetRecentTouchesAsync(int maxCount = ResidentTouch.MaxRecent)
        => InvokeAsync<IResidentGrain, int, IReadOnlyList<ResidentTouch>>(
            GetRecentTouches, maxCount, static (g, n) => g.GetRecentTouchesAsync(n));

    public Task<string?> GetDisplayNameAsync()
        => InvokeAsync<IResidentGrain, bool, string?>(GetDisplayName, false, static (g, _) => g.GetDisplayNameAsync());

    public Task<bool> AttachCardAsync(string cardId)
        => InvokeAsync<IResidentGrain, string, bool>(AttachCard, cardId, static (g, c) => g.AttachCardAsync(c));

    public Task SetCardStatusAsync(string cardId, string status)
        => InvokeAsync<IResidentGrain, (string CardId, string Status)>(
            SetCardStatus, (cardId, status), static (g, a) => g.SetCardStatusAsync(a.CardId, a.Status));

    public Task<TouchReply> RecordTouchAsync(TouchCommand command)
        => InvokeAsync<IResidentGrain, TouchCommand, TouchReply>(RecordTouch, command, static (g, c) => g.RecordTouchAsync(c));

    public Task<TouchReply> ReplayTouchAsync(string touchId, string bodyHash)
        => InvokeAsync<IResidentGrain, (string TouchId, string BodyHash), TouchReply>(
            ReplayTouch, (touchId, bodyHash), static (g, a) => g.ReplayTouchAsync(a.TouchId, a.BodyHash));

    public Task AwardPaymentPointsAsync(IReadOnlyList<PaymentPoints> awards)
        => InvokeAsync<IResidentGrain, IReadOnlyList<PaymentPoints>>(
            AwardPaymentPoints, awards, static (g, a) => g.AwardPaymentPointsAsync(a));
}

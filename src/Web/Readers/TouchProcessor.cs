using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Cards;
using LoCoPi.Grains.Interfaces.Claims;
using LoCoPi.Grains.Interfaces.Places;
using LoCoPi.Grains.Interfaces.Readers;
using LoCoPi.Grains.Interfaces.Residents;
using LoCoPi.Grains.Interfaces.Tenants;
using LoCoPi.Grains.Interfaces.Touches;
using LoCoPi.Runtime;
using LoCoPi.Web.Errors;
using LoCoPi.Web.Validation;

namespace LoCoPi.Web.Readers;

/// <summary>The outcome of one touch: the result, or an error code (and the field for invalid_request).</summary>
public sealed record TouchAttempt(TouchResult? Result, string? ErrorCode, string? Field = null);

/// <summary>
/// Runs one touch through the grains. No lock is crossed: the reader, tenant, place and card are
/// read from memory, and a new touch costs one durable write — the resident's.
///
/// Idempotency: (1) the resident applies a touch in one write with the points, the journal event and
/// a tenant-wide claim on the touch id carrying the body hash and the result; the write commits only
/// if the claim is new, so two cards (two residents) cannot both apply one touch id, and a crash
/// leaves all of it or none. (2) A retry finds the claim taken (its write stores nothing). (3) When
/// the claim is taken, the stored claim decides, in the resident: another body hash is a conflict,
/// the same one is answered with the stored result (or, for claims stored before results were, from
/// the resident's applied-id record). (4) A card that is unknown or suspended is refused only after
/// checking for a stored claim (<see cref="IClaimedRequestsGrain"/>, or the resident when its mirror
/// of the card says so), so a retry gets its original answer even if the card was suspended since.
/// </summary>
public sealed class TouchProcessor(IGrainFactory grains, ITenantTimeZones timeZones, TimeProvider time)
{
    /// <summary>How far a reader's clock may run ahead of ours.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>How old an offline upload may be.</summary>
    public static readonly TimeSpan MaxUploadAge = TimeSpan.FromDays(7);

    public async Task<TouchAttempt> ProcessAsync(ReaderIdentity reader, TouchRequest request)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        if (InvalidField(request, now) is { } field)
        {
            return Invalid(field);
        }

        if (!ReaderModes.Touch.Contains(reader.Mode))
        {
            return new TouchAttempt(null, DomainErrors.WrongMode);
        }

        var tenantId = reader.TenantId;
        var bodyHash = HashBody(reader, request);
        var zoneTask = timeZones.GetTimeZoneIdAsync(tenantId);
        var placeTask = grains.GetGrain<IPlaceGrain>(tenantId, reader.PlaceId).GetAsync();
        var card = await grains.GetGrain<ICardGrain>(tenantId, request.CardId).GetAsync();
        if (card is null || card.Status != CardStatuses.Active)
        {
            var earlier = await grains.GetGrain<IClaimedRequestsGrain>(tenantId, TouchReply.ClaimScope)
                .FindTouchAnswerAsync(request.TouchId, bodyHash);
            return earlier is not null
                ? new TouchAttempt(earlier.Result, earlier.ErrorCode)
                : new TouchAttempt(null, card is null ? DomainErrors.UnknownCard : DomainErrors.CardSuspended);
        }

        var zone = await zoneTask;
        var place = await placeTask;
        var command = new TouchCommand(
            request.TouchId, bodyHash, request.CardId, reader.PlaceId, reader.ReaderId, reader.Mode,
            place?.PointsPerVisit ?? 0, zone, request.At ?? now, HasReaderTime: request.At is not null);
        var reply = await grains.GetGrain<IResidentGrain>(tenantId, card.ResidentId).RecordTouchAsync(command);
        return new TouchAttempt(reply.Result, reply.ErrorCode);
    }

    /// <summary>
    /// The first field of a touch that is not acceptable — an id outside the identifier rules, or an
    /// <c>at</c> in the future beyond the clock skew or older than the upload window — or null.
    /// </summary>
    public static string? InvalidField(TouchRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        return !Identifiers.IsValid(request.TouchId) ? "touchId"
            : !Identifiers.IsValid(request.CardId) ? "cardId"
            : request.At is { } at && (at > now + ClockSkew || at < now - MaxUploadAge) ? "at"
            : null;
    }

    /// <summary>
    /// What "the same body" means: the card, the time the reader claims, and the reader sending it.
    /// Hashing the parsed values (not raw bytes) keeps whitespace or field order from looking like a change.
    /// </summary>
    private static string HashBody(ReaderIdentity reader, TouchRequest request)
    {
        var at = request.At?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "-";
        var canonical = string.Join('\n', reader.ReaderId, request.CardId, at);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>An <c>at</c> outside the window gets a detail that states the 7-day rule.</summary>
    private static TouchAttempt Invalid(string field)
        => new(null, field == "at" ? ProblemCatalog.TouchTimeOutOfWindow : ProblemCatalog.InvalidRequest, field);
}

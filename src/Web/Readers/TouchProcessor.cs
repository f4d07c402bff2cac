using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Cards;
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
/// read from memory; the claim grain and the resident grain each do one durable write.
///
/// Idempotency, in order: (1) a stored claim for the touch id decides replay (same body hash) or
/// conflict (different hash) before anything else, so a retry gets its original answer even if the
/// card was suspended since; (2) otherwise the card is checked, and errors change nothing;
/// (3) the claim is written tenant-wide (first writer wins), so two cards cannot both apply one
/// touch id; (4) the resident applies it in one write with the points, the applied-id record (hash
/// and result) and the journal event — a crash between (3) and (4) is healed by the retry, which
/// finds the claim and lets the resident apply it once.
/// </summary>
public sealed class TouchProcessor(IGrainFactory grains, TimeProvider time)
{
    /// <summary>How far a reader's clock may run ahead of ours.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>How old an offline upload may be.</summary>
    public static readonly TimeSpan MaxUploadAge = TimeSpan.FromDays(7);

    public async Task<TouchAttempt> ProcessAsync(ReaderIdentity reader, TouchRequest request)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(request);
        if (!Identifiers.IsValid(request.TouchId))
        {
            return Invalid("touchId");
        }

        if (!Identifiers.IsValid(request.CardId))
        {
            return Invalid("cardId");
        }

        var now = time.GetUtcNow();
        if (request.At is { } at && (at > now + ClockSkew || at < now - MaxUploadAge))
        {
            return Invalid("at");
        }

        if (!ReaderModes.Touch.Contains(reader.Mode))
        {
            return new TouchAttempt(null, DomainErrors.WrongMode);
        }

        var tenantId = reader.TenantId;
        var bodyHash = HashBody(reader, request);
        var claimGrain = grains.GetGrain<ITouchClaimGrain>(tenantId, request.TouchId);
        var tenantTask = grains.GetGrain<ITenantGrain>(tenantId, tenantId).GetAsync();
        var placeTask = grains.GetGrain<IPlaceGrain>(tenantId, reader.PlaceId).GetAsync();
        var claim = await claimGrain.GetAsync();
        if (claim is not null && claim.BodyHash != bodyHash)
        {
            return new TouchAttempt(null, DomainErrors.IdempotencyConflict);
        }

        if (claim is null)
        {
            var card = await grains.GetGrain<ICardGrain>(tenantId, request.CardId).GetAsync();
            if (card is null)
            {
                return new TouchAttempt(null, DomainErrors.UnknownCard);
            }

            if (card.Status != CardStatuses.Active)
            {
                return new TouchAttempt(null, DomainErrors.CardSuspended);
            }

            claim = await claimGrain.ClaimAsync(new TouchClaim(bodyHash, request.CardId, card.ResidentId, now));
            if (claim.BodyHash != bodyHash)
            {
                return new TouchAttempt(null, DomainErrors.IdempotencyConflict);
            }
        }

        var tenant = await tenantTask;
        var place = await placeTask;
        var command = new TouchCommand(
            request.TouchId, bodyHash, request.CardId, reader.PlaceId, reader.ReaderId, reader.Mode,
            place?.PointsPerVisit ?? 0, tenant?.TimeZone ?? TenantDefinition.DefaultTimeZone,
            request.At ?? now, claim.ClaimedAt);
        var reply = await grains.GetGrain<IResidentGrain>(tenantId, claim.ResidentId).RecordTouchAsync(command);
        return new TouchAttempt(reply.Result, reply.ErrorCode);
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

    private static TouchAttempt Invalid(string field) => new(null, ProblemCatalog.InvalidRequest, field);
}

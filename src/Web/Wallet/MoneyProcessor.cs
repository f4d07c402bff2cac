using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Cards;
using LoCoPi.Grains.Interfaces.Claims;
using LoCoPi.Grains.Interfaces.Readers;
using LoCoPi.Grains.Interfaces.Tenants;
using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Runtime;
using LoCoPi.Web.Errors;
using LoCoPi.Web.Validation;

namespace LoCoPi.Web.Wallet;

/// <summary>The outcome of one money request: the wallet's answer (approved or declined), or an error before it.</summary>
public sealed record MoneyAttempt(MoneyReply? Reply, string? ErrorCode, string? Field = null)
{
    /// <summary>The code to answer with: the wallet's decline or the edge's error; null when approved.</summary>
    public string? Failure => ErrorCode ?? Reply?.ErrorCode;
}

/// <summary>
/// Runs payments and charges through the grains, like <c>TouchProcessor</c> runs touches: reader →
/// card → the resident's wallet, whose one write carries the new buckets, the stored answer, the
/// ledger entry and the tenant-wide claim on the id.
///
/// Idempotency: (1) the wallet's write carries the claim on the id with its answer, so a retry's
/// write fails on the claim (nothing of it is stored) and the stored claim decides, in the wallet:
/// another body hash is a conflict, the same one gets the stored answer; (2) an unknown or suspended
/// card — whether the card grain (then <see cref="IClaimedRequestsGrain"/> looks) or the wallet's
/// mirror of it says so — is refused only after checking for a stored claim, so a retry gets its
/// original answer even if the card was suspended since.
/// </summary>
public sealed class MoneyProcessor(IGrainFactory grains, ITenantTimeZones timeZones)
{
    public Task<MoneyAttempt> PayAsync(ReaderIdentity reader, PaymentRequest request)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(request);
        if (Validate(request.PaymentId, "paymentId", request.CardId, request.AmountYen) is { } invalid)
        {
            return Task.FromResult(invalid);
        }

        if (reader.Mode != ReaderModes.Pay)
        {
            return Task.FromResult(new MoneyAttempt(null, DomainErrors.WrongMode));
        }

        var hash = HashBody(reader.ReaderId, request.CardId, request.AmountYen);
        return RunAsync(reader.TenantId, MoneyScopes.Payment, request.PaymentId, request.CardId, hash, (wallet, zone) =>
            wallet.PayAsync(new PaymentCommand(request.PaymentId, hash, request.CardId, reader.PlaceId, reader.ReaderId, request.AmountYen, zone)));
    }

    public Task<MoneyAttempt> ChargeAsync(ReaderIdentity reader, ChargeRequest request)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(request);
        if (Validate(request.ChargeId, "chargeId", request.CardId, request.AmountYen) is { } invalid)
        {
            return Task.FromResult(invalid);
        }

        if (reader.Mode != ReaderModes.Charge)
        {
            return Task.FromResult(new MoneyAttempt(null, DomainErrors.WrongMode));
        }

        if (request.AmountYen % WalletRules.ChargeUnitYen != 0)
        {
            return Task.FromResult(new MoneyAttempt(null, WalletErrors.ChargeUnit));
        }

        var hash = HashBody(reader.ReaderId, request.CardId, request.AmountYen);
        return RunAsync(reader.TenantId, MoneyScopes.Charge, request.ChargeId, request.CardId, hash, (wallet, zone) =>
            wallet.ChargeAsync(new ChargeCommand(request.ChargeId, hash, request.CardId, reader.PlaceId, reader.ReaderId, request.AmountYen, zone)));
    }

    private async Task<MoneyAttempt> RunAsync(
        string tenantId, string scope, string id, string cardId, string hash, Func<IWalletGrain, string, Task<MoneyReply>> apply)
    {
        var zoneTask = timeZones.GetTimeZoneIdAsync(tenantId);
        var card = await grains.GetGrain<ICardGrain>(tenantId, cardId).GetAsync();
        if (card is null || card.Status != CardStatuses.Active)
        {
            var earlier = await grains.GetGrain<IClaimedRequestsGrain>(tenantId, scope).FindMoneyAnswerAsync(id, hash);
            return earlier is not null
                ? new MoneyAttempt(earlier, null)
                : new MoneyAttempt(null, card is null ? DomainErrors.UnknownCard : DomainErrors.CardSuspended);
        }

        var zone = await zoneTask;
        return new MoneyAttempt(await apply(grains.GetGrain<IWalletGrain>(tenantId, card.ResidentId), zone), null);
    }

    private static MoneyAttempt? Validate(string id, string idField, string cardId, long amountYen)
        => !Identifiers.IsValid(id) ? Invalid(idField)
            : !Identifiers.IsValid(cardId) ? Invalid("cardId")
            : !WalletRules.IsValidAmount(amountYen) ? Invalid("amountYen")
            : null;

    /// <summary>
    /// What "the same body" means: the reader sending it, the card and the amount. Hashing parsed
    /// values keeps whitespace or field order from looking like a change.
    /// </summary>
    internal static string HashBody(params string[] parts)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))));

    private static string HashBody(string readerId, string cardId, long amountYen)
        => HashBody(readerId, cardId, amountYen.ToString(CultureInfo.InvariantCulture));

    private static MoneyAttempt Invalid(string field) => new(null, ProblemCatalog.InvalidRequest, field);
}

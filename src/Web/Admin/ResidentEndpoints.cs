using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Residents;
using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Runtime;
using LoCoPi.Web.Errors;
using LoCoPi.Web.Json;
using LoCoPi.Web.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoCoPi.Web.Admin;

/// <summary><c>PUT/GET /api/v1/tenants/{t}/residents/{residentId}</c>.</summary>
public static class ResidentEndpoints
{
    public const int MinBirthYear = 1900;
    public const int MaxAttributes = 32;

    public static RouteGroupBuilder MapResidentEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapPut("/tenants/{tenantId}/residents/{residentId}", PutAsync)
            .Accepts<ResidentRequest>("application/json", EndpointContentTypes.Any).Produces<ResidentResponse>(200).Produces<ResidentResponse>(201);
        admin.MapGet("/tenants/{tenantId}/residents/{residentId}", GetAsync).Produces<ResidentResponse>(200);
        return admin;
    }

    private static async Task<IResult> PutAsync(
        string tenantId, string residentId, HttpContext context, IGrainFactory grains, TimeProvider time)
    {
        if (await TenantEndpoints.CheckTenantAsync(tenantId, residentId, "residentId", context, grains) is { } pathProblem)
        {
            return pathProblem;
        }

        var (body, problem) = await JsonBody.ReadAsync(context, LoCoPiJsonContext.Web.ResidentRequest);
        if (body is null)
        {
            return problem!;
        }

        var invalid = body.DisplayName is not null && !TextFields.IsValid(body.DisplayName) ? "displayName"
            : body.BirthYear is { } year && (year < MinBirthYear || year > time.GetUtcNow().Year) ? "birthYear"
            : body.Attributes is { } attributes && (attributes.Count > MaxAttributes
                || attributes.Any(a => !Identifiers.IsValid(a.Key) || !TextFields.IsValid(a.Value))) ? "attributes"
            : null;
        if (invalid is not null)
        {
            return Problems.Invalid(context, invalid);
        }

        var resident = grains.GetGrain<IResidentGrain>(tenantId, residentId);
        var reply = await resident.DefineAsync(new ResidentProfile(body.DisplayName, body.BirthYear, body.Attributes));
        var view = await resident.GetAsync();
        var recent = await resident.GetRecentTouchesAsync();
        return Results.Json(ToResponse(view!, recent), LoCoPiJsonContext.Web.ResidentResponse, statusCode: reply.Created ? 201 : 200);
    }

    private static async Task<IResult> GetAsync(string tenantId, string residentId, HttpContext context, IGrainFactory grains)
    {
        if (await TenantEndpoints.CheckTenantAsync(tenantId, residentId, "residentId", context, grains) is { } pathProblem)
        {
            return pathProblem;
        }

        var resident = grains.GetGrain<IResidentGrain>(tenantId, residentId);
        var view = await resident.GetAsync();
        if (view is null)
        {
            return Problems.Result(context, DomainErrors.UnknownResident);
        }

        // The balance lives in the wallet grain; the resident grain only knows points.
        var wallet = grains.GetGrain<IWalletGrain>(tenantId, residentId).GetAsync();
        var recent = await resident.GetRecentTouchesAsync();
        return Results.Json(ToResponse(view with { BalanceYen = (await wallet).BalanceYen }, recent), LoCoPiJsonContext.Web.ResidentResponse);
    }

    private static ResidentResponse ToResponse(ResidentView v, IReadOnlyList<ResidentTouch> recent) => new(
        v.ResidentId, v.DisplayName, v.BirthYear, v.PointsBalance, v.BalanceYen,
        [.. v.Cards.Select(c => new CardSummary(c.CardId, c.Status))],
        [.. recent.Select(t => new TouchSummary(t.TouchId, t.PlaceId, t.Outcome, t.PointsAwarded, t.TouchedAt))]);
}

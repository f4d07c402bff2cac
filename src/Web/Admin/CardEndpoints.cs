using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Cards;
using LoCoPi.Runtime;
using LoCoPi.Web.Errors;
using LoCoPi.Web.Json;
using LoCoPi.Web.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoCoPi.Web.Admin;

/// <summary>
/// <c>PUT /api/v1/tenants/{t}/cards/{cardId}</c> links a card's service ID to a resident;
/// <c>POST …/suspend</c> refuses it everywhere at once. A reissued card is a new link to the same
/// resident, so points stay with the resident.
/// </summary>
public static class CardEndpoints
{
    public static RouteGroupBuilder MapCardEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapPut("/tenants/{tenantId}/cards/{cardId}", PutAsync)
            .Accepts<CardRequest>("application/json", EndpointContentTypes.Any).Produces<CardResponse>(200).Produces<CardResponse>(201);
        admin.MapPost("/tenants/{tenantId}/cards/{cardId}/suspend", SuspendAsync)
            .Accepts<SuspendRequest>("application/json", EndpointContentTypes.Any).Produces<CardResponse>(200);
        admin.MapGet("/tenants/{tenantId}/cards/{cardId}", GetAsync).Produces<CardResponse>(200);
        return admin;
    }

    private static async Task<IResult> PutAsync(string tenantId, string cardId, HttpContext context, IGrainFactory grains)
    {
        if (await CheckAsync(tenantId, cardId, context, grains) is { } pathProblem)
        {
            return pathProblem;
        }

        var (body, problem) = await JsonBody.ReadAsync(context, LoCoPiJsonContext.Web.CardRequest);
        if (body is null)
        {
            return problem!;
        }

        if (!Identifiers.IsValid(body.ResidentId))
        {
            return Problems.Invalid(context, "residentId");
        }

        var card = grains.GetGrain<ICardGrain>(tenantId, cardId);
        var reply = await card.LinkAsync(body.ResidentId);
        if (reply.ErrorCode is { } code)
        {
            return Problems.Result(context, code);
        }

        var info = await card.GetAsync();
        return Results.Json(ToResponse(info!), LoCoPiJsonContext.Web.CardResponse, statusCode: reply.Created ? 201 : 200);
    }

    private static async Task<IResult> SuspendAsync(string tenantId, string cardId, HttpContext context, IGrainFactory grains)
    {
        if (await CheckAsync(tenantId, cardId, context, grains) is { } pathProblem)
        {
            return pathProblem;
        }

        var (body, problem) = await JsonBody.ReadAsync(context, LoCoPiJsonContext.Web.SuspendRequest);
        if (body is null)
        {
            return problem!;
        }

        if (!TextFields.IsValid(body.Reason))
        {
            return Problems.Invalid(context, "reason");
        }

        var info = await grains.GetGrain<ICardGrain>(tenantId, cardId).SuspendAsync(body.Reason);
        return info is null
            ? Problems.Result(context, DomainErrors.UnknownCard)
            : Results.Json(ToResponse(info), LoCoPiJsonContext.Web.CardResponse);
    }

    private static async Task<IResult> GetAsync(string tenantId, string cardId, HttpContext context, IGrainFactory grains)
    {
        if (await CheckAsync(tenantId, cardId, context, grains) is { } pathProblem)
        {
            return pathProblem;
        }

        var info = await grains.GetGrain<ICardGrain>(tenantId, cardId).GetAsync();
        return info is null
            ? Problems.Result(context, DomainErrors.UnknownCard)
            : Results.Json(ToResponse(info), LoCoPiJsonContext.Web.CardResponse);
    }

    private static async Task<IResult?> CheckAsync(string tenantId, string cardId, HttpContext context, IGrainFactory grains)
        => await TenantEndpoints.CheckTenantAsync(tenantId, context, grains)
            ?? (Identifiers.IsValid(cardId) ? null : Problems.Invalid(context, "cardId"));

    private static CardResponse ToResponse(CardInfo c) => new(c.CardId, c.ResidentId, c.Status, c.SuspendReason);
}

using System.Globalization;
using System.Security.Claims;
using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Residents;
using LoCoPi.Grains.Interfaces.Tenants;
using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Runtime;
using LoCoPi.Web.Admin;
using LoCoPi.Web.Errors;
using LoCoPi.Web.Json;
using LoCoPi.Web.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoCoPi.Web.Wallet;

/// <summary>
/// <c>POST /api/v1/tenants/{t}/grants</c> (the same amount to many residents, with an expiry date)
/// and <c>POST …/grants/expiry-sweep</c> (moves what is left of every due grant to expired).
/// </summary>
public static class GrantEndpoints
{
    public static RouteGroupBuilder MapGrantEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapPost("/tenants/{tenantId}/grants", GrantAsync)
            .Accepts<GrantRequest>("application/json", EndpointContentTypes.Any).Produces<GrantResponse>(200).ProducesProblem(409);
        admin.MapPost("/tenants/{tenantId}/grants/expiry-sweep", SweepAsync).Produces<ExpirySweepResponse>(200);
        return admin;
    }

    private static async Task<IResult> GrantAsync(string tenantId, HttpContext context, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await TenantEndpoints.CheckTenantAsync(tenantId, context, grains) is { } tenantProblem)
        {
            return tenantProblem;
        }

        var (body, problem) = await JsonBody.ReadAsync(context, WalletJsonContext.Web.GrantRequest);
        if (body is null)
        {
            return problem!;
        }

        if (Validate(body) is { } field)
        {
            return Problems.Invalid(context, field);
        }

        var residents = await Task.WhenAll(body.ResidentIds.Select(r => grains.GetGrain<IResidentGrain>(tenantId, r).GetAsync()));
        if (residents.Any(r => r is null))
        {
            return Problems.Result(context, DomainErrors.UnknownResident);
        }

        var zone = (await grains.GetGrain<ITenantGrain>(tenantId, tenantId).GetAsync())?.TimeZone ?? TenantDefinition.DefaultTimeZone;
        var hash = MoneyProcessor.HashBody(
            string.Join(',', body.ResidentIds), body.AmountYen.ToString(CultureInfo.InvariantCulture),
            body.ExpiresOn.ToString("O", CultureInfo.InvariantCulture), body.Reason);
        var order = new GrantOrder(body.GrantId, hash, body.ResidentIds, body.AmountYen, body.ExpiresOn, body.Reason, zone, RefundEndpoints.ActorOf(user));
        GrantReply reply;
        try
        {
            reply = await grains.GetGrain<IGrantGrain>(tenantId, body.GrantId).IssueAsync(order);
        }
        catch (IdempotencyClaimConflictException)
        {
            return Problems.Result(context, DomainErrors.IdempotencyConflict);
        }

        if (reply.ErrorCode is { } code)
        {
            return Problems.Result(context, code);
        }

        // Started from here, not from the grant: the sweep calls the grants, and a grant calling
        // the sweeper mid-issue could wait on a sweep that waits on that grant.
        await grains.GetGrain<IGrantExpirySweeperGrain>(tenantId, tenantId).EnsureScheduledAsync();
        return Results.Json(new GrantResponse(body.GrantId, reply.Granted), WalletJsonContext.Web.GrantResponse);
    }

    private static async Task<IResult> SweepAsync(string tenantId, HttpContext context, IGrainFactory grains)
    {
        if (await TenantEndpoints.CheckTenantAsync(tenantId, context, grains) is { } tenantProblem)
        {
            return tenantProblem;
        }

        var sweep = await grains.GetGrain<IGrantExpirySweeperGrain>(tenantId, tenantId).SweepAsync();
        return Results.Json(new ExpirySweepResponse(sweep.Today, sweep.Grants, sweep.ExpiredYen), WalletJsonContext.Web.ExpirySweepResponse);
    }

    private static string? Validate(GrantRequest body)
    {
        if (!Identifiers.IsValid(body.GrantId))
        {
            return "grantId";
        }

        if (body.ResidentIds.Count is 0 or > WalletRules.MaxGrantResidents || !body.ResidentIds.All(Identifiers.IsValid)
            || body.ResidentIds.Distinct(StringComparer.Ordinal).Count() != body.ResidentIds.Count)
        {
            return "residentIds";
        }

        if (!WalletRules.IsValidAmount(body.AmountYen))
        {
            return "amountYen";
        }

        if (body.ExpiresOn.Year is < 2000 or > 2200)
        {
            return "expiresOn";
        }

        return TextFields.IsValid(body.Reason) ? null : "reason";
    }
}

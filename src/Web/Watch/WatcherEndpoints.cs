using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Accounts;
using LoCoPi.Grains.Interfaces.Residents;
using LoCoPi.Grains.Interfaces.Watch;
using LoCoPi.Runtime;
using LoCoPi.Web.Accounts;
using LoCoPi.Web.Admin;
using LoCoPi.Web.Errors;
using LoCoPi.Web.Json;
using LoCoPi.Web.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoCoPi.Web.Watch;

/// <summary>
/// <c>PUT/DELETE /api/v1/tenants/{t}/residents/{r}/watchers/{accountId}</c> (admin): links a family
/// account to a resident with the consent recorded, or removes the link (alerts stop at once).
/// </summary>
public static class WatcherEndpoints
{
    private const string Route = "/tenants/{tenantId}/residents/{residentId}/watchers/{accountId}";

    public static RouteGroupBuilder MapWatcherEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapPut(Route, PutAsync).Accepts<WatcherRequest>("application/json", EndpointContentTypes.Any)
            .Produces<WatcherResponse>(200);
        admin.MapDelete(Route, DeleteAsync).Produces(204);
        return admin;
    }

    private static async Task<IResult> PutAsync(
        string tenantId, string residentId, string accountId, HttpContext context, IGrainFactory grains)
    {
        if (await CheckAsync(tenantId, residentId, accountId, context, grains) is { } problem)
        {
            return problem;
        }

        var (body, bodyProblem) = await JsonBody.ReadAsync(context, AccountsJsonContext.Web.WatcherRequest);
        if (body is null)
        {
            return bodyProblem!;
        }

        if (!TextFields.IsValid(body.ConsentBy))
        {
            return Problems.Invalid(context, "consentBy");
        }

        // The resident's side is what alerts follow; the account's side lists the people on the
        // family page. Both calls are idempotent, so a retry after a partial failure completes it.
        await grains.GetGrain<IWatchLinksGrain>(tenantId, residentId).LinkAsync(new WatchLink(accountId, body.ConsentBy, body.ConsentAt));
        await grains.GetGrain<IWatchInboxGrain>(tenantId, accountId).SetWatchedAsync(residentId, watched: true);
        return Results.Json(
            new WatcherResponse(residentId, accountId, body.ConsentBy, body.ConsentAt), AccountsJsonContext.Web.WatcherResponse);
    }

    private static async Task<IResult> DeleteAsync(
        string tenantId, string residentId, string accountId, HttpContext context, IGrainFactory grains)
    {
        if (await CheckAsync(tenantId, residentId, accountId, context, grains) is { } problem)
        {
            return problem;
        }

        // Unlink the resident's side first: from then on no alert is made for this account.
        await grains.GetGrain<IWatchLinksGrain>(tenantId, residentId).UnlinkAsync(accountId);
        await grains.GetGrain<IWatchInboxGrain>(tenantId, accountId).SetWatchedAsync(residentId, watched: false);
        return Results.NoContent();
    }

    private static async Task<IResult?> CheckAsync(
        string tenantId, string residentId, string accountId, HttpContext context, IGrainFactory grains)
    {
        if (await TenantEndpoints.CheckTenantAsync(tenantId, residentId, "residentId", context, grains) is { } pathProblem)
        {
            return pathProblem;
        }

        if (!Identifiers.IsValid(accountId))
        {
            return Problems.Invalid(context, "accountId");
        }

        if (await grains.GetGrain<IResidentGrain>(tenantId, residentId).GetAsync() is null)
        {
            return Problems.Result(context, DomainErrors.UnknownResident);
        }

        var account = await grains.GetGrain<IAccountGrain>(tenantId, accountId).GetAsync();
        return account is null ? Problems.Result(context, ProblemCatalog.UnknownAccount)
            : account.Role != AccountRoles.Family ? Problems.Invalid(context, "accountId")
            : null;
    }
}

using LoCoPi.Grains.Interfaces.Residents;
using LoCoPi.Grains.Interfaces.Watch;
using LoCoPi.Runtime;
using LoCoPi.Web.Accounts;
using LoCoPi.Web.Errors;
using LoCoPi.Web.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoCoPi.Web.Watch;

/// <summary>
/// The family's own data: <c>GET /api/v1/me/alerts[?after=seq]</c> (the inbox, newest first),
/// <c>GET /api/v1/me/watched</c> and <c>GET /api/v1/me/watched/{residentId}</c> (403 without a link).
/// Tenant and account come from the token only, so no one can ask for another family's data.
/// </summary>
public static class MeEndpoints
{
    public static RouteGroupBuilder MapMeEndpoints(this RouteGroupBuilder family)
    {
        family.MapGet("/me/alerts", GetAlertsAsync).Produces<IReadOnlyList<WatchAlert>>(200);
        family.MapGet("/me/watched", GetWatchedAsync).Produces<IReadOnlyList<WatchedResident>>(200);
        family.MapGet("/me/watched/{residentId}", GetWatchedResidentAsync).Produces<WatchedResidentDetail>(200);
        return family;
    }

    private static async Task<IResult> GetAlertsAsync(HttpContext context, IGrainFactory grains, long? after)
    {
        var me = FamilyIdentity.From(context.User);
        var alerts = await grains.GetGrain<IWatchInboxGrain>(me.TenantId, me.AccountId).GetAlertsAsync(after ?? 0);
        return Results.Json(alerts, AccountsJsonContext.Web.IReadOnlyListWatchAlert);
    }

    private static async Task<IResult> GetWatchedAsync(HttpContext context, IGrainFactory grains)
    {
        var me = FamilyIdentity.From(context.User);
        var residentIds = await grains.GetGrain<IWatchInboxGrain>(me.TenantId, me.AccountId).GetWatchedAsync();
        var views = await Task.WhenAll(residentIds.Select(r => grains.GetGrain<IResidentGrain>(me.TenantId, r).GetAsync()));
        IReadOnlyList<WatchedResident> watched = [.. residentIds.Zip(views, (id, v) => new WatchedResident(id, v?.DisplayName))];
        return Results.Json(watched, AccountsJsonContext.Web.IReadOnlyListWatchedResident);
    }

    private static async Task<IResult> GetWatchedResidentAsync(string residentId, HttpContext context, IGrainFactory grains)
    {
        if (!Identifiers.IsValid(residentId))
        {
            return Problems.Invalid(context, "residentId");
        }

        // The resident's own link list decides, the same one the alerts follow.
        var me = FamilyIdentity.From(context.User);
        var links = await grains.GetGrain<IWatchLinksGrain>(me.TenantId, residentId).GetLinksAsync();
        if (!links.Any(l => l.AccountId == me.AccountId))
        {
            return Problems.Result(context, ProblemCatalog.Forbidden);
        }

        var resident = grains.GetGrain<IResidentGrain>(me.TenantId, residentId);
        var view = resident.GetAsync();
        var recent = await resident.GetRecentTouchesAsync();
        var detail = new WatchedResidentDetail(residentId, (await view)?.DisplayName,
            [.. recent.Select(t => new WatchedTouch(t.PlaceId, t.Outcome, t.TouchedAt))]);
        return Results.Json(detail, AccountsJsonContext.Web.WatchedResidentDetail);
    }
}

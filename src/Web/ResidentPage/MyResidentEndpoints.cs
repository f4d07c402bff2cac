using System.Security.Claims;
using LoCoPi.Grains.Interfaces.Accounts;
using LoCoPi.Grains.Interfaces.Places;
using LoCoPi.Grains.Interfaces.Residents;
using LoCoPi.Grains.Interfaces.Tenants;
using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Runtime;
using LoCoPi.Web.Auth;
using LoCoPi.Web.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoCoPi.Web.ResidentPage;

/// <summary>
/// <c>GET /api/v1/me/resident</c> (resident accounts only): the resident's own page data. The tenant
/// and account come from the verified token and the resident from that account's stored link, never
/// from the URL, so no one can ask for another resident's (or another town's) data.
/// </summary>
public static class MyResidentEndpoints
{
    public static RouteGroupBuilder MapMyResidentEndpoints(this RouteGroupBuilder resident)
    {
        resident.MapGet("/me/resident", GetAsync).Produces<MyResidentResponse>(200);
        return resident;
    }

    private static async Task<IResult> GetAsync(HttpContext context, IGrainFactory grains, TimeProvider time)
    {
        // The Resident policy requires both claims, so they are present here.
        var tenantId = context.User.FindFirstValue(LoCoPiClaims.Tenant)!;
        var accountId = context.User.FindFirstValue(LoCoPiClaims.Account)!;
        var account = await grains.GetGrain<IAccountGrain>(tenantId, accountId).GetAsync();
        if (account?.ResidentId is not { } residentId)
        {
            return Problems.Result(context, ProblemCatalog.ResidentNotLinked);
        }

        var resident = grains.GetGrain<IResidentGrain>(tenantId, residentId);
        var wallet = grains.GetGrain<IWalletGrain>(tenantId, residentId);
        var viewTask = resident.GetAsync();
        var touchesTask = resident.GetRecentTouchesAsync();
        var walletTask = wallet.GetAsync();
        var movesTask = wallet.GetRecentMovesAsync();
        var tenantTask = grains.GetGrain<ITenantGrain>(tenantId, tenantId).GetAsync();
        if (await viewTask is not { } view)
        {
            return Problems.Result(context, ProblemCatalog.ResidentNotLinked);
        }

        var (touches, walletView, moves) = (await touchesTask, await walletTask, await movesTask);
        var zone = (await tenantTask)?.TimeZone ?? TenantDefinition.DefaultTimeZone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime);

        // A bucket is spendable until the day before its expiry date, the rule the wallet applies
        // before every payment; a due bucket the sweep has not emptied yet is not shown as money.
        MyGrant[] grants = [.. walletView.Grants
            .Where(g => g.RemainingYen > 0 && g.ExpiresOn > today)
            .OrderBy(g => g.ExpiresOn).ThenBy(g => g.GrantId, StringComparer.Ordinal)
            .Select(g => new MyGrant(g.GrantId, g.Reason, g.RemainingYen, g.ExpiresOn, g.ExpiresOn.AddDays(-1)))];

        var names = await PlaceNamesAsync(grains, tenantId,
            touches.Select(t => t.PlaceId).Concat(moves.Select(m => m.PlaceId).OfType<string>()));
        var response = new MyResidentResponse(
            residentId, view.DisplayName, view.PointsBalance,
            checked(walletView.PaidYen + grants.Sum(g => g.RemainingYen)), walletView.PaidYen, grants,
            [.. touches.Select(t => new MyTouch(t.TouchId, t.PlaceId, names.GetValueOrDefault(t.PlaceId), t.Outcome, t.PointsAwarded, t.TouchedAt))],
            [.. moves.Select(m => new MyMoney(m.EntryId, m.Kind, m.AmountYen, m.PlaceId,
                m.PlaceId is null ? null : names.GetValueOrDefault(m.PlaceId), m.At))]);
        return Results.Json(response, ResidentPageJsonContext.Web.MyResidentResponse);
    }

    /// <summary>The names of the places in the history, one place grain call per distinct place.</summary>
    private static async Task<Dictionary<string, string>> PlaceNamesAsync(IGrainFactory grains, string tenantId, IEnumerable<string> placeIds)
    {
        var ids = placeIds.Distinct(StringComparer.Ordinal).ToArray();
        var places = await Task.WhenAll(ids.Select(p => grains.GetGrain<IPlaceGrain>(tenantId, p).GetAsync()));
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var place in places.OfType<PlaceDefinition>())
        {
            names[place.PlaceId] = place.Name;
        }

        return names;
    }
}

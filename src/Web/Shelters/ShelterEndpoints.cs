using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Places;
using LoCoPi.Grains.Interfaces.Shelters;
using LoCoPi.Runtime;
using LoCoPi.Web.Admin;
using LoCoPi.Web.Errors;
using LoCoPi.Web.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoCoPi.Web.Shelters;

/// <summary>
/// Shelters (避難所): <c>GET /api/v1/tenants/{t}/shelters/{placeId}</c> (admin) shows who is inside
/// and since when, against the capacity of the place. The roster is the "shelter-rosters" journal
/// projection held in memory by its grain, so it reflects touches within about one delivery interval.
/// </summary>
public static class ShelterEndpoints
{
    public static RouteGroupBuilder MapShelterEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/tenants/{tenantId}/shelters/{placeId}", GetAsync)
            .WithName("GetShelter")
            .WithSummary("A shelter's occupancy against its capacity, and who is inside since when.")
            .Produces<ShelterResponse>(200);
        return admin;
    }

    private static async Task<IResult> GetAsync(string tenantId, string placeId, HttpContext context, IGrainFactory grains)
    {
        if (await TenantEndpoints.CheckTenantAsync(tenantId, placeId, "placeId", context, grains) is { } pathProblem)
        {
            return pathProblem;
        }

        var place = await grains.GetGrain<IPlaceGrain>(tenantId, placeId).GetAsync();
        if (place is null)
        {
            return Problems.Result(context, DomainErrors.UnknownPlace);
        }

        if (place.Kind != ShelterGrainInterfaces.ShelterKind)
        {
            return Problems.Result(context, ProblemCatalog.NotAShelter, placeId);
        }

        var evacuees = await grains.GetGrain<IShelterRosterGrain>(tenantId, placeId).GetEvacueesAsync();
        return Results.Json(
            new ShelterResponse(placeId, place.Capacity, evacuees.Count, [.. evacuees.Select(e => new EvacueeResponse(e.ResidentId, e.CheckedInAt))]),
            LoCoPiJsonContext.Web.ShelterResponse);
    }
}

using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.PlaceStats;
using LoCoPi.Grains.Interfaces.Places;
using LoCoPi.Runtime;
using LoCoPi.Web.Auth;
using LoCoPi.Web.Errors;
using LoCoPi.Web.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoCoPi.Web.Live;

/// <summary><c>GET /api/v1/tenants/{t}/places/{p}/stats</c>: a place's counters for today (admin).</summary>
internal static class PlaceStatsEndpoints
{
    public static IEndpointRouteBuilder MapPlaceStatsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/tenants/{tenantId}/places/{placeId}/stats", GetStatsAsync)
            .RequireAuthorization(LoCoPiPolicies.Admin)
            .WithName("GetPlaceStats")
            .WithSummary("Today's counters of a place: touches, visits, people inside, touches by hour.")
            .Produces<PlaceStatsView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> GetStatsAsync(
        string tenantId, string placeId, HttpContext context, IGrainFactory grainFactory)
    {
        if (!Identifiers.IsValidTenant(tenantId))
        {
            return Problems.Invalid(context, "tenantId");
        }

        if (!Identifiers.IsValid(placeId))
        {
            return Problems.Invalid(context, "placeId");
        }

        // A place with no touches yet has zero counters; a place that was never defined is a 404.
        if (await grainFactory.GetGrain<IPlaceGrain>(tenantId, placeId).GetAsync() is null)
        {
            return Problems.Result(context, DomainErrors.UnknownPlace, placeId);
        }

        var snapshot = await grainFactory.GetGrain<IPlaceStatsGrain>(tenantId, placeId).GetSnapshotAsync();
        return Results.Json(PlaceStatsView.From(tenantId, snapshot), LiveJsonContext.Default.PlaceStatsView);
    }
}

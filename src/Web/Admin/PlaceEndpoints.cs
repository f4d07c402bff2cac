using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Places;
using LoCoPi.Runtime;
using LoCoPi.Web.Errors;
using LoCoPi.Web.Json;
using LoCoPi.Web.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoCoPi.Web.Admin;

/// <summary><c>PUT/GET /api/v1/tenants/{t}/places/{placeId}</c>.</summary>
public static class PlaceEndpoints
{
    /// <summary>Upper bounds that catch typos (an extra zero) without limiting any real facility.</summary>
    public const long MaxPointsPerVisit = 10_000;
    public const int MaxCapacity = 1_000_000;

    public static RouteGroupBuilder MapPlaceEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapPut("/tenants/{tenantId}/places/{placeId}", PutAsync)
            .Accepts<PlaceRequest>("application/json", EndpointContentTypes.Any).Produces<PlaceResponse>(200).Produces<PlaceResponse>(201);
        admin.MapGet("/tenants/{tenantId}/places/{placeId}", GetAsync).Produces<PlaceResponse>(200);
        return admin;
    }

    private static async Task<IResult> PutAsync(string tenantId, string placeId, HttpContext context, IGrainFactory grains)
    {
        if (await TenantEndpoints.CheckTenantAsync(tenantId, placeId, "placeId", context, grains) is { } pathProblem)
        {
            return pathProblem;
        }

        var (body, problem) = await JsonBody.ReadAsync(context, LoCoPiJsonContext.Web.PlaceRequest);
        if (body is null)
        {
            return problem!;
        }

        var invalid = !TextFields.IsValid(body.Name) ? "name"
            : !PlaceKinds.All.Contains(body.Kind) ? "kind"
            : body.PointsPerVisit is < 0 or > MaxPointsPerVisit ? "pointsPerVisit"
            : body.Capacity is < 0 or > MaxCapacity ? "capacity"
            : body.Category is not null && !TextFields.IsValid(body.Category) ? "category"
            : null;
        if (invalid is not null)
        {
            return Problems.Invalid(context, invalid);
        }

        var definition = new PlaceDefinition(placeId, body.Name, body.Kind, body.PointsPerVisit ?? 0, body.Capacity, body.Category);
        var reply = await grains.GetGrain<IPlaceGrain>(tenantId, placeId).DefineAsync(definition);
        return Results.Json(ToResponse(definition), LoCoPiJsonContext.Web.PlaceResponse, statusCode: reply.Created ? 201 : 200);
    }

    private static async Task<IResult> GetAsync(string tenantId, string placeId, HttpContext context, IGrainFactory grains)
    {
        if (await TenantEndpoints.CheckTenantAsync(tenantId, placeId, "placeId", context, grains) is { } pathProblem)
        {
            return pathProblem;
        }

        var place = await grains.GetGrain<IPlaceGrain>(tenantId, placeId).GetAsync();
        return place is null
            ? Problems.Result(context, DomainErrors.UnknownPlace)
            : Results.Json(ToResponse(place), LoCoPiJsonContext.Web.PlaceResponse);
    }

    private static PlaceResponse ToResponse(PlaceDefinition d)
        => new(d.PlaceId, d.Name, d.Kind, d.PointsPerVisit, d.Capacity, d.Category);
}

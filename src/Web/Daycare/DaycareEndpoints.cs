using System.Security.Claims;
using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Daycare;
using LoCoPi.Grains.Interfaces.Places;
using LoCoPi.Grains.Interfaces.Residents;
using LoCoPi.Runtime;
using LoCoPi.Web.Accounts;
using LoCoPi.Web.Admin;
using LoCoPi.Web.Auth;
using LoCoPi.Web.Errors;
using LoCoPi.Web.Json;
using LoCoPi.Web.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoCoPi.Web.Daycare;

/// <summary>
/// Daycare (登降園): the admin enrols a child at a nursery with their guardian
/// (<c>PUT /api/v1/tenants/{t}/places/{placeId}/children/{childId}</c>); the guardian's card at the
/// nursery's check-in/check-out readers moves the child; staff of the tenant see who is present
/// (<c>GET /api/v1/staff/daycare/{placeId}</c>). Parents get the alerts through their watch links.
/// </summary>
public static class DaycareEndpoints
{
    public static RouteGroupBuilder MapEnrolmentEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapPut("/tenants/{tenantId}/places/{placeId}/children/{childId}", EnrolAsync)
            .Accepts<EnrolRequest>("application/json", EndpointContentTypes.Any).Produces(204);
        return admin;
    }

    public static RouteGroupBuilder MapStaffDaycareEndpoints(this RouteGroupBuilder staff)
    {
        staff.MapGet("/staff/daycare/{placeId}", GetPresenceAsync).Produces<DaycarePresence>(200);
        return staff;
    }

    private static async Task<IResult> EnrolAsync(
        string tenantId, string placeId, string childId, HttpContext context, IGrainFactory grains)
    {
        if (await TenantEndpoints.CheckTenantAsync(tenantId, context, grains) is { } tenantProblem)
        {
            return tenantProblem;
        }

        if (!Identifiers.IsValid(placeId) || !Identifiers.IsValid(childId))
        {
            return Problems.Invalid(context, Identifiers.IsValid(placeId) ? "childId" : "placeId");
        }

        var (body, problem) = await JsonBody.ReadAsync(context, AccountsJsonContext.Web.EnrolRequest);
        if (body is null)
        {
            return problem!;
        }

        if (!Identifiers.IsValid(body.GuardianId))
        {
            return Problems.Invalid(context, "guardianId");
        }

        var place = await grains.GetGrain<IPlaceGrain>(tenantId, placeId).GetAsync();
        if (place is null)
        {
            return Problems.Result(context, DomainErrors.UnknownPlace);
        }

        if (place.Kind != DaycarePlaces.Kind)
        {
            return Problems.Invalid(context, "placeId");
        }

        foreach (var residentId in new[] { childId, body.GuardianId })
        {
            if (await grains.GetGrain<IResidentGrain>(tenantId, residentId).GetAsync() is null)
            {
                return Problems.Result(context, DomainErrors.UnknownResident);
            }
        }

        await grains.GetGrain<IDaycareGrain>(tenantId, placeId).EnrolAsync(childId, body.GuardianId);
        return Results.NoContent();
    }

    private static async Task<IResult> GetPresenceAsync(string placeId, HttpContext context, IGrainFactory grains)
    {
        if (!Identifiers.IsValid(placeId))
        {
            return Problems.Invalid(context, "placeId");
        }

        // The tenant comes from the staff member's token only.
        var tenantId = context.User.FindFirstValue(LoCoPiClaims.Tenant)!;
        if ((await grains.GetGrain<IPlaceGrain>(tenantId, placeId).GetAsync())?.Kind != DaycarePlaces.Kind)
        {
            return Problems.Result(context, DomainErrors.UnknownPlace);
        }

        var present = await grains.GetGrain<IDaycareGrain>(tenantId, placeId).GetPresentAsync();
        var views = await Task.WhenAll(present.Select(p => grains.GetGrain<IResidentGrain>(tenantId, p.ChildId).GetAsync()));
        return Results.Json(
            new DaycarePresence(placeId, [.. present.Zip(views, (p, v) => new DaycareChild(p.ChildId, v?.DisplayName, p.Since))]),
            AccountsJsonContext.Web.DaycarePresence);
    }
}

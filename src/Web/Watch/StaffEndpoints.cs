using LoCoPi.Grains.Interfaces.Watch;
using LoCoPi.Runtime;
using LoCoPi.Web.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoCoPi.Web.Watch;

/// <summary>
/// <c>GET /api/v1/staff/inactivity</c> (staff): the watched residents of the staff member's town not
/// seen for the inactivity period, the longest quiet first, with when and where they last touched.
/// The tenant comes from the token only, so staff of one town never see another's residents.
/// </summary>
public static class StaffEndpoints
{
    public static RouteGroupBuilder MapStaffInactivityEndpoints(this RouteGroupBuilder staff)
    {
        staff.MapGet("/staff/inactivity", GetInactiveAsync).Produces<IReadOnlyList<InactiveResident>>(200);
        return staff;
    }

    private static async Task<IResult> GetInactiveAsync(HttpContext context, IGrainFactory grains)
    {
        var me = FamilyIdentity.From(context.User);
        var inactive = await grains.GetGrain<IStaffInactivityGrain>(me.TenantId, IStaffInactivityGrain.TownKey).GetInactiveAsync();
        return Results.Json(inactive, AccountsJsonContext.Web.IReadOnlyListInactiveResident);
    }
}

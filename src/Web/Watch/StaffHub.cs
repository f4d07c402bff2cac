using LoCoPi.Grains.Interfaces.Watch;
using LoCoPi.Runtime;
using LoCoPi.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace LoCoPi.Web.Watch;

/// <summary>
/// <c>/hubs/staff</c> (staff login token, or the pages' session cookie): each connection joins its
/// tenant's staff group and receives <see cref="InactiveMethod"/> when a watched resident has not been
/// seen for the inactivity period, and <see cref="SeenMethod"/> when they touch again. Family and
/// other roles are refused by the policy; the tenant comes from the token only.
/// </summary>
[Authorize(Policy = LoCoPiPolicies.Staff)]
public sealed class StaffHub(IGrainFactory grainFactory) : Hub
{
    /// <summary>The client method a new <see cref="InactiveResident"/> is pushed to.</summary>
    public const string InactiveMethod = "inactive";

    /// <summary>The client method a <see cref="ResidentSeen"/> (off the list again) is pushed to.</summary>
    public const string SeenMethod = "seen";

    public static string TownGroup(string tenantId) => "staff:" + tenantId;

    public override async Task OnConnectedAsync()
    {
        var me = FamilyIdentity.From(Context.User!);
        await Groups.AddToGroupAsync(Context.ConnectionId, TownGroup(me.TenantId), Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }

    /// <summary>
    /// The current list, the longest quiet first. Called after joining the group (at start and on
    /// every reconnect), so a change pushed meanwhile may also be in it: entries carry their seq.
    /// </summary>
    [HubMethodName("inactivity")]
    public Task<IReadOnlyList<InactiveResident>> GetInactiveAsync()
    {
        var me = FamilyIdentity.From(Context.User!);
        return grainFactory.GetGrain<IStaffInactivityGrain>(me.TenantId, IStaffInactivityGrain.TownKey).GetInactiveAsync();
    }
}

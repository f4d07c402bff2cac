using LoCoPi.Grains.Interfaces.Watch;
using LoCoPi.Runtime;
using LoCoPi.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace LoCoPi.Web.Watch;

/// <summary>
/// <c>/hubs/watch</c> (family login token, or the pages' session cookie): each connection joins its
/// account's group on connect and receives <see cref="AlertMethod"/> for every new alert. A page
/// that reconnects calls <see cref="ResumeAsync"/> with the last seq it saw and gets what it missed.
/// </summary>
[Authorize(Policy = LoCoPiPolicies.Family)]
public sealed class WatchHub(IGrainFactory grainFactory) : Hub
{
    /// <summary>The client method each alert is pushed to.</summary>
    public const string AlertMethod = "alert";

    public override async Task OnConnectedAsync()
    {
        var me = FamilyIdentity.From(Context.User!);
        await Groups.AddToGroupAsync(Context.ConnectionId, me.Group, Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }

    /// <summary>
    /// Alerts stored after <paramref name="lastSeq"/>, oldest first. The group is joined before this
    /// can be called, so an alert committed meanwhile may arrive both ways: clients keep one per seq.
    /// </summary>
    [HubMethodName("resume")]
    public async Task<IReadOnlyList<WatchAlert>> ResumeAsync(long lastSeq)
    {
        var me = FamilyIdentity.From(Context.User!);
        var newestFirst = await grainFactory.GetGrain<IWatchInboxGrain>(me.TenantId, me.AccountId).GetAlertsAsync(lastSeq);
        return [.. newestFirst.Reverse()];
    }
}

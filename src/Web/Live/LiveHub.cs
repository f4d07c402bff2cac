using LoCoPi.Grains.Interfaces.Places;
using LoCoPi.Grains.Interfaces.Platform;
using LoCoPi.Grains.Interfaces.PlaceStats;
using LoCoPi.Runtime;
using LoCoPi.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace LoCoPi.Web.Live;

/// <summary>
/// <c>/hubs/live</c>: live figures for the town's admin dashboard (admin token; browsers and
/// WebSocket clients pass it as the <c>access_token</c> query parameter). Clients join a tenant
/// or one place and then receive <see cref="LiveMessages.PlaceStats"/> messages.
/// </summary>
[Authorize(Policy = LoCoPiPolicies.Admin)]
public sealed class LiveHub(IGrainFactory grainFactory) : Hub
{
    /// <summary>
    /// Joins the tenant's group and answers with every place's counters. The group is joined first,
    /// so an update committed meanwhile is pushed too; the client keeps whichever has the larger seq.
    /// </summary>
    [HubMethodName(LiveMessages.JoinTenant)]
    public async Task<LiveTenantView> JoinTenantAsync(string tenantId)
    {
        LiveIdentifiers.EnsureTenant(tenantId);
        await Groups.AddToGroupAsync(Context.ConnectionId, LiveMessages.TenantGroup(tenantId), Context.ConnectionAborted);
        var placeIds = await grainFactory
            .GetGrain<IPlaceStatsDirectoryGrain>(tenantId, IPlaceStatsDirectoryGrain.Key).GetPlacesAsync();
        var snapshots = await Task.WhenAll(placeIds.Select(placeId =>
            grainFactory.GetGrain<IPlaceStatsGrain>(tenantId, placeId).GetSnapshotAsync()));
        return new LiveTenantView(tenantId, [.. snapshots.Select(s => PlaceStatsView.From(tenantId, s))]);
    }

    /// <summary>
    /// Names, kinds and capacities of the given places (undefined ones are left out), so the
    /// dashboard titles its cards with names; asked once per place, not with every push.
    /// </summary>
    [HubMethodName(LiveMessages.PlaceInfo)]
    public async Task<IReadOnlyList<LivePlaceInfo>> GetPlaceInfoAsync(string tenantId, IReadOnlyList<string> placeIds)
    {
        LiveIdentifiers.EnsureTenant(tenantId);
        ArgumentNullException.ThrowIfNull(placeIds);
        if (placeIds.Count > LivePlaceInfo.MaxPlacesPerCall)
        {
            throw new HubException($"一度に問い合わせられる施設は {LivePlaceInfo.MaxPlacesPerCall} 件までです (at most {LivePlaceInfo.MaxPlacesPerCall} places per call).");
        }

        foreach (var placeId in placeIds)
        {
            LiveIdentifiers.EnsurePlace(placeId);
        }

        var definitions = await Task.WhenAll(placeIds.Distinct(StringComparer.Ordinal)
            .Select(placeId => grainFactory.GetGrain<IPlaceGrain>(tenantId, placeId).GetAsync()));
        return [.. definitions.OfType<PlaceDefinition>().Select(LivePlaceInfo.From)];
    }

    /// <summary>Every tenant the operator runs, for the dashboard's tenant picker.</summary>
    [HubMethodName(LiveMessages.Tenants)]
    public Task<IReadOnlyList<string>> GetTenantsAsync()
        => grainFactory.GetGrain<IOperatorGrain>(IOperatorGrain.SystemTenant, IOperatorGrain.Key).GetTenantsAsync();

    /// <summary>Joins one place's group and answers with its counters.</summary>
    [HubMethodName(LiveMessages.JoinPlace)]
    public async Task<PlaceStatsView> JoinPlaceAsync(string tenantId, string placeId)
    {
        LiveIdentifiers.EnsureTenant(tenantId);
        LiveIdentifiers.EnsurePlace(placeId);
        await Groups.AddToGroupAsync(
            Context.ConnectionId, LiveMessages.PlaceGroup(tenantId, placeId), Context.ConnectionAborted);
        var snapshot = await grainFactory.GetGrain<IPlaceStatsGrain>(tenantId, placeId).GetSnapshotAsync();
        return PlaceStatsView.From(tenantId, snapshot);
    }

    /// <summary>Receives <see cref="LiveMessages.RuntimeStats"/> every second from now on.</summary>
    [HubMethodName(LiveMessages.JoinRuntime)]
    public Task JoinRuntimeAsync()
        => Groups.AddToGroupAsync(Context.ConnectionId, LiveMessages.RuntimeGroup, Context.ConnectionAborted);

    [HubMethodName(LiveMessages.LeaveRuntime)]
    public Task LeaveRuntimeAsync()
        => Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveMessages.RuntimeGroup, Context.ConnectionAborted);

    [HubMethodName(LiveMessages.LeaveTenant)]
    public Task LeaveTenantAsync(string tenantId)
        => Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveMessages.TenantGroup(tenantId ?? ""), Context.ConnectionAborted);

    [HubMethodName(LiveMessages.LeavePlace)]
    public Task LeavePlaceAsync(string tenantId, string placeId)
        => Groups.RemoveFromGroupAsync(
            Context.ConnectionId, LiveMessages.PlaceGroup(tenantId ?? "", placeId ?? ""), Context.ConnectionAborted);
}

/// <summary>The answer to <c>joinTenant</c>: every place of the tenant that has counters.</summary>
public sealed record LiveTenantView(string TenantId, IReadOnlyList<PlaceStatsView> Places);

using LoCoPi.Grains.Interfaces.Watch;
using LoCoPi.Web.Accounts;
using LoCoPi.Web.Auth;
using LoCoPi.Web.Daycare;
using LoCoPi.Web.Watch;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers and maps accounts, login, watch links, the family's endpoints, <c>/hubs/watch</c> and the family page.</summary>
public static class WatchEdgeExtensions
{
    /// <summary>The hub's path, as published in API.md.</summary>
    public const string WatchHubPath = "/hubs/watch";

    public static IServiceCollection AddWatchEdge(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingleton<AccountPasswords>();
        services.AddSingleton<WatchAlertNotifier>();
        services.AddSingleton<IWatchAlertListener>(sp => sp.GetRequiredService<WatchAlertNotifier>());
        services.AddHostedService(sp => sp.GetRequiredService<WatchAlertNotifier>());
        return services;
    }

    public static IEndpointRouteBuilder MapWatchEdge(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1");
        api.MapGroup("").RequireAuthorization(LoCoPiPolicies.Admin)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404)
            .MapAccountEndpoints().MapWatcherEndpoints().MapEnrolmentEndpoints();
        api.MapGroup("").RequireAuthorization(LoCoPiPolicies.Family)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403)
            .MapMeEndpoints();
        api.MapGroup("").RequireAuthorization(LoCoPiPolicies.Staff)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404)
            .MapStaffDaycareEndpoints();
        endpoints.MapLoginEndpoints();
        endpoints.MapHub<WatchHub>(WatchHubPath);
        endpoints.MapFamilyPage();
        return endpoints;
    }
}

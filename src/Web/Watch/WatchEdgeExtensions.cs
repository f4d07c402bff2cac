using LoCoPi.Grains.Interfaces.Accounts;
using LoCoPi.Grains.Interfaces.Watch;
using LoCoPi.Web.Accounts;
using LoCoPi.Web.Auth;
using LoCoPi.Web.Daycare;
using LoCoPi.Web.Live;
using LoCoPi.Web.Watch;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers and maps accounts, login, watch links, the family's endpoints, <c>/hubs/watch</c> and the family page,
/// and the staff's inactivity list, <c>/hubs/staff</c> and the staff page.</summary>
public static class WatchEdgeExtensions
{
    /// <summary>The hub's path, as published in API.md.</summary>
    public const string WatchHubPath = "/hubs/watch";

    /// <summary>The town staff's hub: inactivity notices of the staff member's tenant.</summary>
    public const string StaffHubPath = "/hubs/staff";

    public static IServiceCollection AddWatchEdge(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingleton<AccountPasswords>();
        services.AddSingleton<IPasswordVerifier>(sp => sp.GetRequiredService<AccountPasswords>());
        services.AddSingleton<WatchAlertNotifier>();
        services.AddSingleton<IWatchAlertListener>(sp => sp.GetRequiredService<WatchAlertNotifier>());
        services.AddHostedService(sp => sp.GetRequiredService<WatchAlertNotifier>());
        services.AddSingleton<StaffInactivityNotifier>();
        services.AddSingleton<IStaffInactivityListener>(sp => sp.GetRequiredService<StaffInactivityNotifier>());
        services.AddHostedService(sp => sp.GetRequiredService<StaffInactivityNotifier>());
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
            .MapStaffDaycareEndpoints().MapStaffInactivityEndpoints();
        endpoints.MapLoginEndpoints();
        // An open connection ends when its login token expires; reconnecting then needs a new login.
        endpoints.MapHub<WatchHub>(WatchHubPath, o => o.CloseOnAuthenticationExpiration = true);
        endpoints.MapHub<StaffHub>(StaffHubPath, o => o.CloseOnAuthenticationExpiration = true);
        // The family page and the town staff's watch-over page log in with the API and then read
        // their data and hubs with the session cookie.
        endpoints.MapEmbeddedPage("/family", "family.html");
        endpoints.MapEmbeddedPage("/staff", "staff.html");
        return endpoints;
    }
}

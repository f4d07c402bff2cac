using LoCoPi.Web.Auth;
using LoCoPi.Web.Live;
using LoCoPi.Web.ResidentPage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Maps the resident's own data (<c>GET /api/v1/me/resident</c>) and their page (<c>/me</c>, マイページ).</summary>
public static class ResidentPageEdgeExtensions
{
    public static IEndpointRouteBuilder MapResidentPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/v1").RequireAuthorization(LoCoPiPolicies.Resident)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404)
            .MapMyResidentEndpoints();
        // The page logs in with the API (the login sets the session cookie) and then reads with it.
        endpoints.MapEmbeddedPage("/me", "resident.html");
        return endpoints;
    }
}

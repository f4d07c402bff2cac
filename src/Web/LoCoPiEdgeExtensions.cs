using LoCoPi.Grains.Interfaces.Tenants;
using LoCoPi.Web.Admin;
using LoCoPi.Web.Auth;
using LoCoPi.Web.Errors;
using LoCoPi.Web.Health;
using LoCoPi.Web.Json;
using LoCoPi.Web.RateLimiting;
using LoCoPi.Web.Readers;
using LoCoPi.Web.Validation;
using LoCoPi.Web.Shelters;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LoCoPi.Web;

/// <summary>The edge API: services and endpoints. The Silo calls these two methods; nothing else.</summary>
public static class LoCoPiEdgeExtensions
{
    public static IServiceCollection AddLoCoPiEdge(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, LoCoPiJsonContext.Default));
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = JsonBody.MaxTransportBytes);
        services.AddLoCoPiAuth();
        services.AddLoCoPiRateLimiting();
        services.AddSingleton<Readiness>();
        services.AddHostedService<TenantCatalogLoader>();
        services.AddSingleton<TouchProcessor>();
        services.AddHostedService<TouchClaimPruner>();
        services.AddOpenApi("v1");
        return services;
    }

    public static WebApplication MapLoCoPiEdge(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseLoCoPiExceptionProblems();
        app.UseLoCoPiStatusCodeProblems();
        app.UseIndividualNumberRefusal();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseKnownTenants();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapHealthEndpoints();
        var api = app.MapGroup("/api/v1");
        api.MapGroup("").RequireAuthorization(LoCoPiPolicies.Admin)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404)
            .MapTenantEndpoints().MapPlaceEndpoints().MapReaderEndpoints().MapResidentEndpoints().MapCardEndpoints()
            .MapShelterEndpoints();
        api.MapGroup("").RequireAuthorization(LoCoPiPolicies.Reader)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .MapTouchEndpoints();
        return app;
    }
}

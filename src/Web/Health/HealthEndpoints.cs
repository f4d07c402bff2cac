using LoCoPi.Grains.Interfaces.Platform;
using LoCoPi.Runtime;
using LoCoPi.Web.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoCoPi.Web.Health;

/// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: storage answers and tenants are loaded.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Json(new HealthResponse("alive"), LoCoPiJsonContext.Web.HealthResponse))
            .AllowAnonymous();
        app.MapGet("/readyz", ReadyAsync).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> ReadyAsync(IGrainStorage storage, Readiness readiness, CancellationToken cancellationToken)
    {
        if (!readiness.TenantsLoaded)
        {
            return Results.Json(new HealthResponse("loading"), LoCoPiJsonContext.Web.HealthResponse, statusCode: 503);
        }

        try
        {
            // A real read: proves the database file or server is reachable now, not just at start-up.
            var key = new GrainStateKey(IOperatorGrain.SystemTenant, "readyz", "probe", "state");
            await storage.ReadStateAsync(key, cancellationToken);
        }
#pragma warning disable CA1031 // Any storage failure means "not ready"; the probe must answer, not throw.
        catch (Exception)
        {
            return Results.Json(new HealthResponse("storage unreachable"), LoCoPiJsonContext.Web.HealthResponse, statusCode: 503);
        }
#pragma warning restore CA1031

        return Results.Json(new HealthResponse("ready"), LoCoPiJsonContext.Web.HealthResponse);
    }
}

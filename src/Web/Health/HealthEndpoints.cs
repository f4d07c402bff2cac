using LoCoPi.Grains.Interfaces.Platform;
using LoCoPi.Runtime;
using LoCoPi.Web.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoCoPi.Web.Health;

/// <summary>
/// <c>/healthz</c>: the process answers. <c>/readyz</c>: storage answers, tenants are loaded and no
/// journal consumer is stuck (a stuck one keeps retrying; until it catches up its projections are stale).
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Json(new HealthResponse("alive"), LoCoPiJsonContext.Web.HealthResponse))
            .AllowAnonymous();
        app.MapGet("/readyz", ReadyAsync).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> ReadyAsync(
        IGrainStorage storage, Readiness readiness, IJournalDeliveryHealth journal, CancellationToken cancellationToken)
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

        if (journal.GetStuckDeliveries() is { Count: > 0 } stuck)
        {
            var consumers = stuck
                .Select(s => new StuckConsumerResponse(s.Consumer, s.Tenant, Math.Round(s.StuckFor.TotalSeconds, 1), s.Failures, s.LastError))
                .ToList();
            return Results.Json(new StuckConsumersResponse("consumers stuck", consumers), LoCoPiJsonContext.Web.StuckConsumersResponse, statusCode: 503);
        }

        return Results.Json(new HealthResponse("ready"), LoCoPiJsonContext.Web.HealthResponse);
    }
}

using LoCoPi.Runtime;
using LoCoPi.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoCoPi.Web.Live;

/// <summary>
/// <c>GET /api/v1/runtime/stats</c> (operator): the node's runtime statistics — the same figures
/// <c>/hubs/live</c> pushes every second as <c>runtimeStats</c>, for scripts and monitoring.
/// </summary>
internal static class RuntimeStatsEndpoints
{
    public static IEndpointRouteBuilder MapRuntimeStatsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/runtime/stats", (GrainRuntime runtime)
                => Results.Json(RuntimeStatsView.From(runtime.GetStatistics()), LiveJsonContext.Default.RuntimeStatsView))
            .RequireAuthorization(LoCoPiPolicies.Admin)
            .WithName("GetRuntimeStats")
            .WithSummary("Activations per grain type, calls/s, latency percentiles and errors per grain method, queue lengths, storage latency.")
            .Produces<RuntimeStatsView>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return endpoints;
    }
}

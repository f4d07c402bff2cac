using LoCoPi.Web.Auth;
using LoCoPi.Web.Errors;
using LoCoPi.Web.Json;
using LoCoPi.Web.Readers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LoCoPi.Web.Benchmarking;

/// <summary>
/// <c>POST /api/v1/benchmark/empty-touch</c>: the HTTP ceiling the load generator measures durable
/// touches against. It pays what a touch pays at the edge (reader authentication through the
/// reader policy, body parsing, the same validation, a JSON answer) and nothing behind it: no
/// touch grain, no storage. Mapped only when <c>Benchmark:EmptyEndpoint</c> is true
/// (<c>Benchmark__EmptyEndpoint=true</c>), so a production node never exposes it.
/// </summary>
public static class EmptyTouchEndpoint
{
    public const string EnabledKey = "Benchmark:EmptyEndpoint";

    public static IEndpointRouteBuilder MapBenchmarkEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ServiceProvider.GetRequiredService<IConfiguration>().GetValue<bool>(EnabledKey))
        {
            app.MapPost("/api/v1/benchmark/empty-touch", EmptyTouchAsync)
                .RequireAuthorization(LoCoPiPolicies.Reader)
                .ExcludeFromDescription();
            app.MapEmptyPayment();
            app.MapFloorTouch();
        }

        return app;
    }

    private static async Task<IResult> EmptyTouchAsync(HttpContext context, TimeProvider time)
    {
        var (request, problem) = await JsonBody.ReadAsync(context, LoCoPiJsonContext.Default.TouchRequest);
        if (request is null)
        {
            return problem!;
        }

        var now = time.GetUtcNow();
        var invalidField = TouchProcessor.InvalidField(request, now);
        return invalidField is null
            ? Results.Json(new TouchResponse(request.TouchId, "empty", 0, 0, string.Empty), LoCoPiJsonContext.Default.TouchResponse)
            : Problems.Invalid(context, invalidField);
    }
}

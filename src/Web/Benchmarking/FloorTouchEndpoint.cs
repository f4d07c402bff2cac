using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Json;
using LoCoPi.Runtime;
using LoCoPi.Web.Auth;
using LoCoPi.Web.Errors;
using LoCoPi.Web.Json;
using LoCoPi.Web.Readers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoCoPi.Web.Benchmarking;

/// <summary>
/// <c>POST /api/v1/benchmark/floor-touch</c>: the cheapest durable touch this storage allows, so the
/// load report can show how much of the gap between a durable touch and the empty endpoint any
/// design on this machine must pay. It does what the empty touch does at the edge, then one
/// group-committed write of what every touch must store: its journal event and the tenant-wide
/// claim on its touch id (with a result), version-checked against a tiny per-reader record that it
/// does not rewrite (a kept-state write, as a resident's touch is), answered only when durable.
/// It leaves out the card, tenant and place lookups, the rules and the grain, so its rate is an
/// upper bound, not a design.
/// Mapped with the empty endpoints, only when <c>Benchmark__EmptyEndpoint=true</c>.
/// </summary>
public static class FloorTouchEndpoint
{
    private const string GrainType = "benchmark-floor";
    private const string EventType = "benchmark.floor-touch";
    private const string ClaimScope = "benchmark-floor";

    // As long as a real touch's: a SHA-256 in hex, and a result like "visit 10 120".
    private const string FloorBodyHash = "0000000000000000000000000000000000000000000000000000000000000000";
    private const string FloorResult = "visit 10 120";

    // The version each reader's record was last written at: one reader has one touch in flight
    // (closed loop), so no two writes of one record race; a stale version (e.g. two Silos on one
    // database) is answered by rereading it.
    private static readonly ConcurrentDictionary<string, long> Versions = new(StringComparer.Ordinal);

    public static IEndpointRouteBuilder MapFloorTouch(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/benchmark/floor-touch", FloorTouchAsync)
            .RequireAuthorization(LoCoPiPolicies.Reader)
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> FloorTouchAsync(
        HttpContext context, ClaimsPrincipal user, IGrainStorage storage, TimeProvider time)
    {
        var (request, problem) = await JsonBody.ReadAsync(context, LoCoPiJsonContext.Default.TouchRequest);
        if (request is null)
        {
            return problem!;
        }

        var now = time.GetUtcNow();
        var invalidField = TouchProcessor.InvalidField(request, now);
        if (invalidField is not null)
        {
            return Problems.Invalid(context, invalidField);
        }

        var tenant = user.FindFirstValue(LoCoPiClaims.Tenant)!;
        var reader = user.FindFirstValue(LoCoPiClaims.Reader)!;
        var key = new GrainStateKey(tenant, GrainType, reader, "state");
        var payload = JsonSerializer.SerializeToUtf8Bytes(request, LoCoPiJsonContext.Default.TouchRequest);
        var touched = new PendingEvent(EventType, GrainType, reader, payload, now);
        var claim = new IdempotencyClaim(ClaimScope, request.TouchId, reader, FloorBodyHash, FloorResult);
        try
        {
            await WriteAsync(storage, key, touched, claim, context.RequestAborted);
        }
        catch (IdempotencyClaimConflictException)
        {
            // A retry: its first attempt is durable, and a floor touch always answers the same.
        }

        return Results.Json(new TouchResponse(request.TouchId, "floor", 0, 0, string.Empty), LoCoPiJsonContext.Default.TouchResponse);
    }

    private static async Task WriteAsync(
        IGrainStorage storage, GrainStateKey key, PendingEvent touched, IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        var cacheKey = $"{key.Tenant}/{key.GrainKey}";
        for (var attempt = 0; ; attempt++)
        {
            long? expected = Versions.TryGetValue(cacheKey, out var known) ? known : null;
            try
            {
                // The record is written once; from then on each touch only checks it.
                var written = await storage.WriteStateAsync(
                    new GrainStateWrite(key, BitConverter.GetBytes(0L), expected, [touched], [claim], KeepsState: expected is not null),
                    cancellationToken);
                Versions[cacheKey] = written.Version;
                return;
            }
            catch (InconsistentStateException) when (attempt < 3)
            {
                var stored = await storage.ReadStateAsync(key, cancellationToken);
                if (stored is null)
                {
                    Versions.TryRemove(cacheKey, out _);
                }
                else
                {
                    Versions[cacheKey] = stored.Version;
                }
            }
        }
    }
}

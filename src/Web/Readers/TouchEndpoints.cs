using System.Security.Claims;
using System.Text.Json;
using LoCoPi.Grains.Interfaces.Readers;
using LoCoPi.Web.Auth;
using LoCoPi.Web.Errors;
using LoCoPi.Web.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoCoPi.Web.Readers;

/// <summary><c>POST /api/v1/touches</c> and <c>/touches/batch</c>; tenant, place and mode come from the reader token.</summary>
public static class TouchEndpoints
{
    public const int MaxBatchSize = 1000;

    /// <summary>Concurrent groups in one batch: enough to overlap group commits, not enough to starve other readers.</summary>
    private const int BatchParallelism = 16;

    public static RouteGroupBuilder MapTouchEndpoints(this RouteGroupBuilder readers)
    {
        readers.MapPost("/touches", TouchAsync)
            .Accepts<TouchRequest>("application/json", EndpointContentTypes.Any).Produces<TouchResponse>(200);
        readers.MapPost("/touches/batch", BatchAsync)
            .Accepts<TouchBatchRequest>("application/json", EndpointContentTypes.Any).Produces<TouchBatchResponse>(200);
        return readers;
    }

    private static async Task<IResult> TouchAsync(HttpContext context, ClaimsPrincipal user, TouchProcessor processor)
    {
        var (body, problem) = await JsonBody.ReadAsync(context, LoCoPiJsonContext.Web.TouchRequest);
        if (body is null)
        {
            return problem!;
        }

        var attempt = await processor.ProcessAsync(ReaderOf(user), body);
        var english = Problems.PrefersEnglish(context.Request);
        if (attempt.Result is { } result)
        {
            return Results.Json(new TouchResponse(result.TouchId, result.Outcome, result.PointsAwarded,
                result.PointsBalance, TouchMessages.For(result, english)), LoCoPiJsonContext.Web.TouchResponse);
        }

        return Problems.Result(context, attempt.ErrorCode!, attempt.Field);
    }

    private static async Task<IResult> BatchAsync(HttpContext context, ClaimsPrincipal user, TouchProcessor processor)
    {
        var (body, problem) = await JsonBody.ReadAsync(context, LoCoPiJsonContext.Web.TouchBatchRequest);
        if (body is null)
        {
            return problem!;
        }

        if (body.Touches.Count > MaxBatchSize)
        {
            return Problems.Invalid(context, "touches (max 1000)");
        }

        var reader = ReaderOf(user);
        var english = Problems.PrefersEnglish(context.Request);
        var items = body.Touches.Select(e => JsonBody.Parse(e, LoCoPiJsonContext.Web.TouchRequest)).ToArray();
        var results = new JsonElement[items.Length];

        async ValueTask RunAsync(int index)
        {
            var (request, errorCode, badField) = items[index];
            var attempt = request is null
                ? new TouchAttempt(null, errorCode, badField)
                : await processor.ProcessAsync(reader, request);
            results[index] = attempt.Result is { } r
                ? JsonSerializer.SerializeToElement(
                    new TouchResponse(r.TouchId, r.Outcome, r.PointsAwarded, r.PointsBalance, TouchMessages.For(r, english)),
                    LoCoPiJsonContext.Web.TouchResponse)
                : JsonSerializer.SerializeToElement(
                    ProblemCatalog.Create(attempt.ErrorCode!, english, attempt.Field), LoCoPiJsonContext.Web.ApiProblem);
        }

        await Parallel.ForEachAsync(TouchBatchPlan.Groups(items.Select(i => i.Value).ToArray()),
            new ParallelOptions { MaxDegreeOfParallelism = BatchParallelism, CancellationToken = context.RequestAborted },
            async (group, _) =>
            {
                foreach (var index in group)
                {
                    await RunAsync(index);
                }
            });
        return Results.Json(new TouchBatchResponse(results), LoCoPiJsonContext.Web.TouchBatchResponse);
    }

    private static ReaderIdentity ReaderOf(ClaimsPrincipal user) => new(
        user.FindFirstValue(LoCoPiClaims.Tenant)!, user.FindFirstValue(LoCoPiClaims.Reader)!,
        user.FindFirstValue(LoCoPiClaims.Place)!, user.FindFirstValue(LoCoPiClaims.Mode)!);
}

using LoCoPi.Grains.Interfaces.Readers;
using LoCoPi.Runtime;
using LoCoPi.Web.Auth;
using LoCoPi.Web.Errors;
using LoCoPi.Web.Json;
using LoCoPi.Web.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoCoPi.Web.Admin;

/// <summary><c>PUT /api/v1/tenants/{t}/readers/{readerId}</c>: registers a reader and issues a new token.</summary>
public static class ReaderEndpoints
{
    public static RouteGroupBuilder MapReaderEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapPut("/tenants/{tenantId}/readers/{readerId}", PutAsync)
            .Accepts<ReaderRequest>("application/json", EndpointContentTypes.Any).Produces<ReaderResponse>(201);
        return admin;
    }

    private static async Task<IResult> PutAsync(string tenantId, string readerId, HttpContext context, IGrainFactory grains)
    {
        if (await TenantEndpoints.CheckTenantAsync(tenantId, readerId, "readerId", context, grains) is { } pathProblem)
        {
            return pathProblem;
        }

        var (body, problem) = await JsonBody.ReadAsync(context, LoCoPiJsonContext.Web.ReaderRequest);
        if (body is null)
        {
            return problem!;
        }

        if (!Identifiers.IsValid(body.PlaceId))
        {
            return Problems.Invalid(context, "placeId");
        }

        if (!ReaderModes.All.Contains(body.Mode))
        {
            return Problems.Invalid(context, "mode");
        }

        // A new token on every PUT: re-registering is how a lost or leaked token is revoked.
        var token = ReaderTokens.Create(tenantId, readerId);
        var reply = await grains.GetGrain<IReaderGrain>(tenantId, readerId)
            .RegisterAsync(new ReaderRegistration(body.PlaceId, body.Mode, TokenHashing.Hash(token)));
        if (reply.ErrorCode is { } code)
        {
            return Problems.Result(context, code);
        }

        return Results.Json(new ReaderResponse(readerId, token, body.PlaceId, body.Mode),
            LoCoPiJsonContext.Web.ReaderResponse, statusCode: 201);
    }
}

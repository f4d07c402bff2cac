using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Tenants;
using LoCoPi.Runtime;
using LoCoPi.Web.Errors;
using LoCoPi.Web.Json;
using LoCoPi.Web.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoCoPi.Web.Admin;

/// <summary><c>PUT/GET /api/v1/tenants/{tenantId}</c>.</summary>
public static class TenantEndpoints
{
    public static RouteGroupBuilder MapTenantEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapPut("/tenants/{tenantId}", PutAsync).WithMetadata(new DefinesTenant())
            .Accepts<TenantRequest>("application/json", EndpointContentTypes.Any).Produces<TenantResponse>(200).Produces<TenantResponse>(201);
        admin.MapGet("/tenants/{tenantId}", GetAsync).Produces<TenantResponse>(200);
        return admin;
    }

    private static async Task<IResult> PutAsync(string tenantId, HttpContext context, IGrainFactory grains)
    {
        if (!Identifiers.IsValidTenant(tenantId))
        {
            return Problems.Invalid(context, "tenantId");
        }

        var (body, problem) = await JsonBody.ReadAsync(context, LoCoPiJsonContext.Web.TenantRequest);
        if (body is null)
        {
            return problem!;
        }

        if (!TextFields.IsValid(body.Name))
        {
            return Problems.Invalid(context, "name");
        }

        var timeZone = body.TimeZone ?? TenantDefinition.DefaultTimeZone;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            return Problems.Invalid(context, "timeZone");
        }

        var definition = new TenantDefinition(tenantId, body.Name, timeZone);
        var reply = await grains.GetGrain<ITenantGrain>(tenantId, tenantId).DefineAsync(definition);
        var response = new TenantResponse(tenantId, definition.Name, definition.TimeZone);
        return Results.Json(response, LoCoPiJsonContext.Web.TenantResponse, statusCode: reply.Created ? 201 : 200);
    }

    private static async Task<IResult> GetAsync(string tenantId, HttpContext context, IGrainFactory grains)
    {
        if (!Identifiers.IsValidTenant(tenantId))
        {
            return Problems.Invalid(context, "tenantId");
        }

        var tenant = await grains.GetGrain<ITenantGrain>(tenantId, tenantId).GetAsync();
        return tenant is null
            ? Problems.Result(context, DomainErrors.UnknownTenant)
            : Results.Json(new TenantResponse(tenant.TenantId, tenant.Name, tenant.TimeZone), LoCoPiJsonContext.Web.TenantResponse);
    }

    /// <summary>
    /// Null when the tenant exists and <paramref name="id"/> is a valid identifier; otherwise the
    /// problem to return: the tenant's first (400 or 404), then 400 naming <paramref name="idField"/>.
    /// </summary>
    internal static async Task<IResult?> CheckTenantAsync(
        string tenantId, string id, string idField, HttpContext context, IGrainFactory grains)
        => await CheckTenantAsync(tenantId, context, grains)
            ?? (Identifiers.IsValid(id) ? null : Problems.Invalid(context, idField));

    /// <summary>Null when the tenant exists; otherwise the problem to return (400 or 404).</summary>
    internal static async Task<IResult?> CheckTenantAsync(string tenantId, HttpContext context, IGrainFactory grains)
    {
        if (!Identifiers.IsValidTenant(tenantId))
        {
            return Problems.Invalid(context, "tenantId");
        }

        return await grains.GetGrain<ITenantGrain>(tenantId, tenantId).GetAsync() is null
            ? Problems.Result(context, DomainErrors.UnknownTenant)
            : null;
    }
}

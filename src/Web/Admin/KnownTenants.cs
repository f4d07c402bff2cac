using LoCoPi.Runtime;
using LoCoPi.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LoCoPi.Web.Admin;

/// <summary>
/// API.md: an unknown tenant in a path is 404 <c>unknown_tenant</c> on every endpoint. Checked once
/// here, after authorization, for every route with a <c>{tenantId}</c>; before this, endpoints that
/// looked up the place first answered <c>unknown_place</c> for a tenant that does not exist.
/// </summary>
public static class KnownTenants
{
    private const string TenantIdName = "tenantId";

    public static IApplicationBuilder UseKnownTenants(this IApplicationBuilder app)
        => app.Use(async (context, next) =>
        {
            if (context.GetEndpoint() is { } endpoint && endpoint.Metadata.GetMetadata<DefinesTenant>() is null
                && context.Request.RouteValues.TryGetValue(TenantIdName, out var value) && value is string tenantId
                && !IsBoundToAnotherTenant(context, tenantId)
                && await TenantEndpoints.CheckTenantAsync(tenantId, context, context.RequestServices.GetRequiredService<IGrainFactory>())
                    is { } problem)
            {
                await problem.ExecuteAsync(context);
                return;
            }

            await next(context);
        });

    /// <summary>
    /// A token of one tenant asking about another gets the endpoint's own refusal (403), the same
    /// whether that tenant exists or not.
    /// </summary>
    private static bool IsBoundToAnotherTenant(HttpContext context, string tenantId)
        => context.User.FindFirst(LoCoPiClaims.Tenant) is { } claim && claim.Value != tenantId;
}

/// <summary>Endpoint metadata for <see cref="KnownTenants"/>: the endpoint creates the tenant, so an unknown one is expected.</summary>
public sealed class DefinesTenant;

using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace LoCoPi.Web.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>Bearer authentication, the admin token bootstrap and the role policies.</summary>
    public static IServiceCollection AddLoCoPiAuth(this IServiceCollection services)
    {
        services.AddSingleton<AdminTokenStore>();
        services.AddHostedService<AdminTokenBootstrapper>();
        services.AddAuthentication(LoCoPiClaims.Scheme)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(LoCoPiClaims.Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(LoCoPiPolicies.Admin, p => p.RequireClaim(LoCoPiClaims.Role, LoCoPiRoles.Admin))
            .AddPolicy(LoCoPiPolicies.Reader, p => p.RequireClaim(LoCoPiClaims.Role, LoCoPiRoles.Reader)
                .RequireClaim(LoCoPiClaims.Tenant).RequireClaim(LoCoPiClaims.Place).RequireClaim(LoCoPiClaims.Mode))
            .AddPolicy(LoCoPiPolicies.Family, p => p.RequireClaim(LoCoPiClaims.Role, LoCoPiRoles.Family)
                .RequireClaim(LoCoPiClaims.Tenant).RequireClaim(LoCoPiClaims.Account))
            .AddPolicy(LoCoPiPolicies.Resident, p => p.RequireClaim(LoCoPiClaims.Role, LoCoPiRoles.Resident)
                .RequireClaim(LoCoPiClaims.Tenant).RequireClaim(LoCoPiClaims.Account))
            .AddPolicy(LoCoPiPolicies.Staff, p => p.RequireClaim(LoCoPiClaims.Role, LoCoPiRoles.Staff)
                .RequireClaim(LoCoPiClaims.Tenant).RequireClaim(LoCoPiClaims.Account))
            .AddPolicy(LoCoPiPolicies.MerchantOrAdmin, p => p.RequireAssertion(c =>
                c.User.HasClaim(LoCoPiClaims.Role, LoCoPiRoles.Admin)
                || (c.User.HasClaim(LoCoPiClaims.Role, LoCoPiRoles.Merchant)
                    && c.User.HasClaim(x => x.Type == LoCoPiClaims.Tenant) && c.User.HasClaim(x => x.Type == LoCoPiClaims.Account))));
        return services;
    }
}

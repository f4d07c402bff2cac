using LoCoPi.Grains.Interfaces.Accounts;
using LoCoPi.Runtime;
using LoCoPi.Web.Auth;
using LoCoPi.Web.Errors;
using LoCoPi.Web.Json;
using LoCoPi.Web.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoCoPi.Web.Accounts;

/// <summary>
/// <c>POST /api/v1/login</c>: checks the password and issues a token bound to the tenant, account and
/// role. Every failure (unknown tenant, unknown account, wrong password) is the same 401, so the
/// answer never tells which part was wrong.
/// </summary>
public static class LoginEndpoints
{
    /// <summary>How long the pages' cookie lives; the token itself lasts until the account is replaced.</summary>
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(30);

    public static IEndpointRouteBuilder MapLoginEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/login", LoginAsync).AllowAnonymous()
            .Accepts<LoginRequest>("application/json", EndpointContentTypes.Any)
            .Produces<LoginResponse>(200).ProducesProblem(400).ProducesProblem(401);
        return endpoints;
    }

    private static async Task<IResult> LoginAsync(
        HttpContext context, IGrainFactory grains, AccountPasswords passwords, TimeProvider time)
    {
        var (body, problem) = await JsonBody.ReadAsync(context, AccountsJsonContext.Web.LoginRequest);
        if (body is null)
        {
            return problem!;
        }

        if (!Identifiers.IsValidTenant(body.TenantId) || !Identifiers.IsValid(body.AccountId)
            || body.Password.Length > AccountPasswords.MaxLength)
        {
            passwords.Verify(null, body.Password);
            return Problems.Result(context, ProblemCatalog.LoginFailed);
        }

        var account = grains.GetGrain<IAccountGrain>(body.TenantId, body.AccountId);
        var stored = await account.GetAsync();
        if (!passwords.Verify(stored?.PasswordHash, body.Password) || stored is null)
        {
            return Problems.Result(context, ProblemCatalog.LoginFailed);
        }

        var token = AccountTokens.Create(body.TenantId, body.AccountId);
        await account.AddTokenAsync(TokenHashing.Hash(token));
        context.Response.Cookies.Append(BearerAuthenticationHandler.SessionCookie, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            Expires = time.GetUtcNow() + CookieLifetime,
        });
        return Results.Json(
            new LoginResponse(token, body.TenantId, body.AccountId, stored.Role, stored.DisplayName),
            AccountsJsonContext.Web.LoginResponse);
    }
}

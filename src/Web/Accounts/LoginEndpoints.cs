using System.Globalization;
using LoCoPi.Grains.Interfaces.Accounts;
using LoCoPi.Runtime;
using LoCoPi.Web.Auth;
using LoCoPi.Web.Errors;
using LoCoPi.Web.Json;
using LoCoPi.Web.RateLimiting;
using LoCoPi.Web.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace LoCoPi.Web.Accounts;

/// <summary>
/// <c>POST /api/v1/login</c>: checks the password and issues a token bound to the tenant, account and
/// role, valid for <see cref="TokenLifetimeKey"/>. Every failure (unknown tenant, unknown account,
/// wrong password) is the same 401, so the answer never tells which part was wrong. After
/// <see cref="LoginThrottling.MaxFailures"/> wrong passwords the account answers 429 without checking
/// the password until <see cref="LoginThrottling.Window"/> after the last one — and so does an id
/// that is no account, so the lock does not tell either. The account grain decides all of it in one
/// call (<see cref="IAccountGrain.LoginAsync"/>); besides, each client address may try only so many
/// logins a minute (<see cref="RateLimitSettings"/>).
/// </summary>
public static class LoginEndpoints
{
    /// <summary>Configuration key of the account tokens' lifetime (a TimeSpan, e.g. <c>30.00:00:00</c>).</summary>
    public const string TokenLifetimeKey = "Auth:AccountTokenLifetime";

    /// <summary>Default lifetime of an account token and of the pages' cookie carrying it.</summary>
    public static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromDays(30);

    public static IEndpointRouteBuilder MapLoginEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/login", LoginAsync).AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.Login)
            .Accepts<LoginRequest>("application/json", EndpointContentTypes.Any)
            .Produces<LoginResponse>(200).ProducesProblem(400).ProducesProblem(401).ProducesProblem(429);
        return endpoints;
    }

    /// <summary>The configured token lifetime; a missing, zero or negative value means the default.</summary>
    public static TimeSpan TokenLifetime(IConfiguration configuration)
        => configuration.GetValue(TokenLifetimeKey, DefaultTokenLifetime) is var lifetime && lifetime > TimeSpan.Zero
            ? lifetime
            : DefaultTokenLifetime;

    private static async Task<IResult> LoginAsync(
        HttpContext context, IGrainFactory grains, AccountPasswords passwords, IConfiguration configuration, TimeProvider time)
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

        // The token is made before the password is checked so that the account grain can store it in
        // the same turn; when the login fails it is simply dropped.
        var lifetime = TokenLifetime(configuration);
        var token = AccountTokens.Create(body.TenantId, body.AccountId);
        var outcome = await grains.GetGrain<IAccountGrain>(body.TenantId, body.AccountId)
            .LoginAsync(new LoginAttempt(body.Password, new NewAccountToken(TokenHashing.Hash(token), lifetime)));
        if (outcome.Result == LoginResult.Locked)
        {
            return TooManyAttempts(context, outcome.LockedUntil!.Value - time.GetUtcNow());
        }

        if (outcome.Result != LoginResult.LoggedIn)
        {
            return Problems.Result(context, ProblemCatalog.LoginFailed);
        }

        context.Response.Cookies.Append(BearerAuthenticationHandler.SessionCookie, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            Expires = time.GetUtcNow() + lifetime,
        });
        return Results.Json(
            new LoginResponse(token, body.TenantId, body.AccountId, outcome.Role!, outcome.DisplayName!),
            AccountsJsonContext.Web.LoginResponse);
    }

    /// <summary>429 with <c>Retry-After</c> in whole seconds (rounded up) and the wait in minutes in the detail.</summary>
    private static IResult TooManyAttempts(HttpContext context, TimeSpan wait)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var minutes = (seconds + 59) / 60;
        return Problems.Result(context, ProblemCatalog.TooManyAttempts, minutes.ToString(CultureInfo.InvariantCulture));
    }
}

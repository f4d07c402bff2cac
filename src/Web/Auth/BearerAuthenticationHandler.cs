using System.Security.Claims;
using System.Text.Encodings.Web;
using LoCoPi.Grains.Interfaces.Accounts;
using LoCoPi.Grains.Interfaces.Readers;
using LoCoPi.Runtime;
using LoCoPi.Web.Errors;
using LoCoPi.Web.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoCoPi.Web.Auth;

/// <summary>
/// <c>Authorization: Bearer</c> for every role; on <c>/hubs/*</c> also <c>?access_token=</c>, because
/// browsers cannot set headers on WebSocket requests. Reader tokens are checked by their reader
/// grain, login tokens by their account grain, the admin token against the in-memory hash. Pages
/// send the login token as the HttpOnly cookie <see cref="SessionCookie"/>; it is accepted only on
/// reads and on <c>/hubs/*</c>, so a cross-site form cannot change anything with it. Failures answer
/// in problem+json. Wrong tokens and 401s are counted per client (<see cref="FailedAuthLimiter"/>):
/// a client over that limit is answered 429 and its tokens are not even looked up.
/// </summary>
public sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IGrainFactory grains,
    AdminTokenStore adminTokens,
    FailedAuthLimiter failedAuth,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    /// <summary>The pages' session cookie, set by <c>POST /api/v1/login</c>.</summary>
    public const string SessionCookie = "locopi_session";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        // The admin token is checked in memory, so a flood of wrong tokens from its address cannot lock
        // the operator out. Not for reader and login tokens (told by their prefix): hashing every
        // reader's token for this compare cost a touch more than the compare could ever save.
        if (!ReaderTokens.HasPrefix(token) && !AccountTokens.HasPrefix(token) && adminTokens.Matches(token))
        {
            return Success(new Claim(LoCoPiClaims.Role, LoCoPiRoles.Admin));
        }

        if (failedAuth.TryRejectEarly(Context))
        {
            return AuthenticateResult.Fail("Too many failed authentications from this client.");
        }

        var result = await ResolveAsync(token);
        if (!result.Succeeded)
        {
            failedAuth.RecordFailure(Context);
        }

        return result;
    }

    /// <summary>A reader or login token, looked up by the grain it names.</summary>
    private async Task<AuthenticateResult> ResolveAsync(string token)
    {
        if (ReaderTokens.TryParse(token, out var tenantId, out var readerId))
        {
            var identity = await grains.GetGrain<IReaderGrain>(tenantId, readerId)
                .AuthenticateAsync(TokenHashing.Hash(token));
            return identity is null ? AuthenticateResult.Fail("Unknown or replaced reader token.") : Success(
                new Claim(LoCoPiClaims.Role, LoCoPiRoles.Reader),
                new Claim(LoCoPiClaims.Tenant, identity.TenantId),
                new Claim(LoCoPiClaims.Reader, identity.ReaderId),
                new Claim(LoCoPiClaims.Place, identity.PlaceId),
                new Claim(LoCoPiClaims.Mode, identity.Mode));
        }

        if (AccountTokens.TryParse(token, out var accountTenant, out var accountId))
        {
            var session = await grains.GetGrain<IAccountGrain>(accountTenant, accountId).AuthenticateAsync(TokenHashing.Hash(token));
            if (session is null)
            {
                return AuthenticateResult.Fail("Unknown, revoked or expired login token.");
            }

            // The ticket's expiry closes a hub connection when the token expires (the hubs set
            // CloseOnAuthenticationExpiration), which compares it with the system clock: pass the
            // time left by our clock, so a moved test clock cannot close or keep a connection.
            var expires = TimeProvider.System.GetUtcNow() + (session.ExpiresAt - time.GetUtcNow());
            return Success(new AuthenticationProperties { ExpiresUtc = expires },
                new Claim(LoCoPiClaims.Role, session.Role),
                new Claim(LoCoPiClaims.Tenant, accountTenant),
                new Claim(LoCoPiClaims.Account, accountId));
        }

        // An admin token that happens to carry a reader or login prefix (LOCOPI_ADMIN_TOKEN is the operator's choice).
        return adminTokens.Matches(token) ? Success(new Claim(LoCoPiClaims.Role, LoCoPiRoles.Admin)) : AuthenticateResult.Fail("Unknown token.");
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
        => failedAuth.RefuseChallenge(Context) is { } wait
            ? TooManyRequests.WriteAsync(Context, wait)
            : Problems.WriteAsync(Context, ProblemCatalog.Unauthorized);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
        => Problems.WriteAsync(Context, ProblemCatalog.Forbidden);

    private AuthenticateResult Success(params Claim[] claims) => Success(new AuthenticationProperties(), claims);

    private AuthenticateResult Success(AuthenticationProperties properties, params Claim[] claims)
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, ClaimTypes.Name, LoCoPiClaims.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, properties, Scheme.Name));
    }

    private static string? ReadToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = header["Bearer ".Length..].Trim();
            return token.Length == 0 ? null : token;
        }

        if (request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase)
            && request.Query["access_token"].ToString() is { Length: > 0 } queryToken)
        {
            return queryToken;
        }

        var readsOnly = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            || request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase);
        return readsOnly && request.Cookies[SessionCookie] is { Length: > 0 } cookie ? cookie : null;
    }
}

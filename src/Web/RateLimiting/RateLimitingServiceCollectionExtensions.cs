using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LoCoPi.Web.RateLimiting;

/// <summary>Names of the endpoint rate-limiting policies.</summary>
public static class RateLimitPolicies
{
    /// <summary><c>POST /api/v1/login</c>, per client address (<see cref="RateLimitSettings.Login"/>).</summary>
    public const string Login = "login";
}

public static class RateLimitingServiceCollectionExtensions
{
    /// <summary>
    /// ASP.NET Core rate limiting for the login policy, and the <see cref="FailedAuthLimiter"/> the
    /// bearer handler consults. Call <c>UseRateLimiter</c> after authorization.
    /// </summary>
    public static IServiceCollection AddLoCoPiRateLimiting(this IServiceCollection services)
    {
        services.AddSingleton(sp => RateLimitSettings.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<FailedAuthLimiter>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<RateLimitSettings>((options, settings) =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (rejected, _) => new ValueTask(TooManyRequests.WriteAsync(rejected.HttpContext,
                rejected.Lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var wait)
                    ? wait : settings.Login.Window / settings.Login.PermitLimit));
            options.AddPolicy(RateLimitPolicies.Login, context => System.Threading.RateLimiting.RateLimitPartition
                .GetTokenBucketLimiter(ClientPartition.Of(context), _ => settings.Login.ToTokenBucket()));
        });
        return services;
    }
}

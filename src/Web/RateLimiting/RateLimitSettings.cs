using System.Threading.RateLimiting;
using Microsoft.Extensions.Configuration;

namespace LoCoPi.Web.RateLimiting;

/// <summary>
/// Per-client-address limits (configuration section <c>RateLimits</c>): <c>Login</c> bounds the
/// password checks (each costs tens of milliseconds of CPU) one address can ask for;
/// <c>FailedAuth</c> bounds the requests with a missing or wrong token (each wrong token costs a grain
/// call and a storage read). Defaults: 120 logins and 100 failures a minute, far beyond a household
/// or a town office behind one address, and beyond what the test suites send (a login class sends
/// about 100 at once); an address over a limit gets 429
/// <c>too_many_requests</c> with <c>Retry-After</c>. Authenticated traffic is never counted.
/// </summary>
public sealed record RateLimitSettings(RateLimit Login, RateLimit FailedAuth)
{
    public const string Section = "RateLimits";

    public static RateLimit DefaultLogin { get; } = new(120, TimeSpan.FromMinutes(1));

    public static RateLimit DefaultFailedAuth { get; } = new(100, TimeSpan.FromMinutes(1));

    /// <summary>
    /// Reads <c>RateLimits:Login:PermitLimit</c>, <c>RateLimits:Login:Window</c> (a TimeSpan),
    /// <c>RateLimits:FailedAuth:PermitLimit</c> and <c>RateLimits:FailedAuth:Window</c>; missing or
    /// non-positive values mean the defaults.
    /// </summary>
    public static RateLimitSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new(Read(configuration.GetSection(Section + ":Login"), DefaultLogin),
            Read(configuration.GetSection(Section + ":FailedAuth"), DefaultFailedAuth));
    }

    private static RateLimit Read(IConfigurationSection section, RateLimit fallback)
    {
        var permits = section.GetValue(nameof(RateLimit.PermitLimit), fallback.PermitLimit);
        var window = section.GetValue(nameof(RateLimit.Window), fallback.Window);
        return new(permits > 0 ? permits : fallback.PermitLimit, window > TimeSpan.Zero ? window : fallback.Window);
    }
}

/// <summary>
/// At most <see cref="PermitLimit"/> requests at once, refilled evenly over <see cref="Window"/>: a
/// token bucket, so a burst up to the limit passes and a steady client is never cut off at a
/// window's edge.
/// </summary>
public sealed record RateLimit(int PermitLimit, TimeSpan Window)
{
    // The partitioned limiter refills its buckets on a 100 ms heartbeat: a shorter period gains nothing.
    private static readonly TimeSpan MinPeriod = TimeSpan.FromMilliseconds(100);

    public TokenBucketRateLimiterOptions ToTokenBucket()
    {
        var period = Window / PermitLimit;
        var perPeriod = 1;
        if (period < MinPeriod)
        {
            perPeriod = (int)Math.Ceiling(PermitLimit * (MinPeriod / Window));
            period = MinPeriod;
        }

        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = PermitLimit,
            TokensPerPeriod = perPeriod,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}

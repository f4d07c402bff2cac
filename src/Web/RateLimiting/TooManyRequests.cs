using System.Globalization;
using LoCoPi.Web.Errors;
using Microsoft.AspNetCore.Http;

namespace LoCoPi.Web.RateLimiting;

/// <summary>The answer to a client over a rate limit: 429 <c>too_many_requests</c> with <c>Retry-After</c> in whole seconds.</summary>
public static class TooManyRequests
{
    public static Task WriteAsync(HttpContext context, TimeSpan wait)
    {
        ArgumentNullException.ThrowIfNull(context);
        var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.RetryAfter = seconds;
        return Problems.WriteAsync(context, ProblemCatalog.TooManyRequests, seconds);
    }
}

using LoCoPi.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoCoPi.Web.Errors;

/// <summary>
/// The last line: an exception that escapes an endpoint still answers problem+json. Bad input never
/// gets here (bodies are parsed by <see cref="Json.JsonBody"/>); overload is 503 so readers retry.
/// </summary>
public static partial class ExceptionProblems
{
    public static IApplicationBuilder UseLoCoPiExceptionProblems(this IApplicationBuilder app)
        => app.UseExceptionHandler(handler => handler.Run(WriteAsync));

    private static Task WriteAsync(HttpContext context)
    {
        var feature = context.Features.Get<IExceptionHandlerFeature>();
        var error = feature?.Error;
        switch (error)
        {
            case BadHttpRequestException bad:
                return Problems.WriteAsync(context, ProblemCatalog.InvalidRequest, FieldNames.Body, bad.StatusCode);
            case GrainOverloadedException or GrainCallTimeoutException:
                return Problems.WriteAsync(context, ProblemCatalog.Overloaded);
            default:
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("LoCoPi.Web");
                LogUnhandled(logger, context.Request.Method, RouteOf(feature), error);
                return Problems.WriteAsync(context, ProblemCatalog.InternalError);
        }
    }

    /// <summary>
    /// The route template (<c>/api/v1/tenants/{tenantId}/cards/{cardId}</c>), not the path: a path
    /// holds whatever the client sent, and a log must never hold an individual number.
    /// </summary>
    private static string RouteOf(IExceptionHandlerFeature? feature)
        => (feature?.Endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";

    [LoggerMessage(LogLevel.Error, "Unhandled error on {Method} {Route}.")]
    private static partial void LogUnhandled(ILogger logger, string method, string route, Exception? exception);
}

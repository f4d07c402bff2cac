using LoCoPi.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
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
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        switch (error)
        {
            case BadHttpRequestException bad:
                return Problems.WriteAsync(context, ProblemCatalog.InvalidRequest, "body", bad.StatusCode);
            case GrainOverloadedException or GrainCallTimeoutException:
                return Problems.WriteAsync(context, ProblemCatalog.Overloaded);
            default:
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("LoCoPi.Web");
                LogUnhandled(logger, context.Request.Path, error);
                return Problems.WriteAsync(context, ProblemCatalog.InternalError);
        }
    }

    [LoggerMessage(LogLevel.Error, "Unhandled error on {Path}.")]
    private static partial void LogUnhandled(ILogger logger, PathString path, Exception? exception);
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LoCoPi.Web.Errors;

/// <summary>
/// Bodies for the answers the framework gives without an endpoint's help — no route (404), a method
/// the path does not take (405, with the Allow header routing sets), a content type a route refuses
/// (415) — so every error, not only our own, is problem+json with a code a client can switch on.
/// </summary>
public static class StatusCodeProblems
{
    public static IApplicationBuilder UseLoCoPiStatusCodeProblems(this IApplicationBuilder app)
        => app.UseStatusCodePages(context =>
        {
            var http = context.HttpContext;
            if (http.Response.HasStarted)
            {
                return Task.CompletedTask;
            }

            var status = http.Response.StatusCode;
            var code = CodeFor(status);
            return Problems.WriteAsync(http, code, statusOverride: code == ProblemCatalog.InvalidRequest ? status : null);
        });

    /// <summary>The catalog code for a bare status; anything without its own code is an invalid request.</summary>
    public static string CodeFor(int status) => status switch
    {
        StatusCodes.Status404NotFound => ProblemCatalog.NotFound,
        StatusCodes.Status405MethodNotAllowed => ProblemCatalog.MethodNotAllowed,
        StatusCodes.Status415UnsupportedMediaType => ProblemCatalog.UnsupportedMediaType,
        _ => ProblemCatalog.InvalidRequest,
    };
}

using LoCoPi.Web.Json;
using Microsoft.AspNetCore.Http;

namespace LoCoPi.Web.Errors;

/// <summary>Writes problems as <c>application/problem+json</c> in the language the client asked for.</summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    public static IResult Result(HttpContext context, string code, string? subject = null, int? statusOverride = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = ProblemCatalog.Create(code, PrefersEnglish(context.Request), subject, statusOverride);
        return Microsoft.AspNetCore.Http.Results.Json(problem, LoCoPiJsonContext.Web.ApiProblem, ContentType, problem.Status);
    }

    public static IResult Invalid(HttpContext context, string field) => Result(context, ProblemCatalog.InvalidRequest, field);

    public static Task WriteAsync(HttpContext context, string code, string? subject = null, int? statusOverride = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = ProblemCatalog.Create(code, PrefersEnglish(context.Request), subject, statusOverride);
        context.Response.StatusCode = problem.Status;
        return context.Response.WriteAsJsonAsync(problem, LoCoPiJsonContext.Web.ApiProblem, ContentType);
    }

    /// <summary>Japanese unless the client's most preferred language is English.</summary>
    public static bool PrefersEnglish(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var preferred = request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Quality is null or > 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .FirstOrDefault();
        return preferred is not null && preferred.Value.Value is { } tag
            && tag.StartsWith("en", StringComparison.OrdinalIgnoreCase);
    }
}

using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace LoCoPi.Web.Live;

/// <summary>
/// Serves the live dashboard (<c>/dashboard</c>), the other pages (<see cref="MapEmbeddedPage"/>)
/// and their assets (<c>/assets/…</c>) from resources embedded in this assembly. The pages are
/// public: a token is typed into them or a login sets the session cookie, and only the hubs and the
/// API check it.
/// </summary>
internal static class DashboardEndpoints
{
    private static readonly EmbeddedFileProvider Files = new(typeof(DashboardEndpoints).Assembly, "LoCoPi.Web.wwwroot");
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapEmbeddedPage("/dashboard", "dashboard.html");

        endpoints.MapGet("/assets/{**path}", (string path, HttpResponse response) =>
        {
            var file = Files.GetFileInfo(path);
            if (!file.Exists || !ContentTypes.TryGetContentType(path, out var contentType))
            {
                return Results.NotFound();
            }

            response.Headers[HeaderNames.CacheControl] = "no-cache";
            return Results.Stream(file.CreateReadStream(), contentType + (contentType.StartsWith("text/", StringComparison.Ordinal)
                || contentType.EndsWith("javascript", StringComparison.Ordinal) ? "; charset=utf-8" : ""));
        }).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>Serves the embedded HTML page <paramref name="file"/> at <paramref name="path"/>, in the reader's language.</summary>
    internal static IEndpointRouteBuilder MapEmbeddedPage(this IEndpointRouteBuilder endpoints, string path, string file)
    {
        var html = new Lazy<string>(() => ReadText(file));
        endpoints.MapGet(path, (HttpRequest request) =>
            Results.Content(html.Value.Replace("{{lang}}", PageLanguage(request), StringComparison.Ordinal),
                "text/html; charset=utf-8")).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>Japanese unless English is asked for by <c>?lang=en</c> or the browser's first language.</summary>
    internal static string PageLanguage(HttpRequest request)
    {
        var asked = request.Query["lang"].ToString();
        if (asked.Length > 0)
        {
            return asked.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "ja";
        }

        var first = request.Headers.AcceptLanguage.ToString().Split(',', 2)[0].Trim();
        return first.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "ja";
    }

    private static string ReadText(string name)
    {
        using var stream = Files.GetFileInfo(name).CreateReadStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

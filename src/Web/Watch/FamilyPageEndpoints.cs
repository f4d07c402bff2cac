using System.Text;
using LoCoPi.Web.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.FileProviders;

namespace LoCoPi.Web.Watch;

/// <summary>
/// Serves the family page (<c>/family</c>) from the embedded resources; its script and style come
/// from <c>/assets/…</c> like the dashboard's. The page is public: it logs in with the API and
/// every piece of data is behind the session cookie.
/// </summary>
internal static class FamilyPageEndpoints
{
    private static readonly Lazy<string> FamilyHtml = new(() =>
    {
        var files = new EmbeddedFileProvider(typeof(FamilyPageEndpoints).Assembly, "LoCoPi.Web.wwwroot");
        using var stream = files.GetFileInfo("family.html").CreateReadStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    public static IEndpointRouteBuilder MapFamilyPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/family", (HttpRequest request) =>
            Results.Content(FamilyHtml.Value.Replace("{{lang}}", DashboardEndpoints.PageLanguage(request), StringComparison.Ordinal),
                "text/html; charset=utf-8")).ExcludeFromDescription();
        return endpoints;
    }
}

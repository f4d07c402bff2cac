using System.Text;
using LoCoPi.Web.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.FileProviders;

namespace LoCoPi.Web.Watch;

/// <summary>
/// Serves the town staff's watch-over page (<c>/staff</c>) from the embedded resources, like the
/// family page: public HTML that logs in with the API and then reads the list and
/// <c>/hubs/staff</c> with the session cookie.
/// </summary>
internal static class StaffPageEndpoints
{
    private static readonly Lazy<string> StaffHtml = new(() =>
    {
        var files = new EmbeddedFileProvider(typeof(StaffPageEndpoints).Assembly, "LoCoPi.Web.wwwroot");
        using var stream = files.GetFileInfo("staff.html").CreateReadStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    public static IEndpointRouteBuilder MapStaffPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/staff", (HttpRequest request) =>
            Results.Content(StaffHtml.Value.Replace("{{lang}}", DashboardEndpoints.PageLanguage(request), StringComparison.Ordinal),
                "text/html; charset=utf-8")).ExcludeFromDescription();
        return endpoints;
    }
}

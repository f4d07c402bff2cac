using System.Net;
using System.Net.Http.Headers;
using System.Text;
using LoCoPi.Web.Admin;
using LoCoPi.Web.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LoCoPi.Web.Tests.Api;

/// <summary>API.md "Other errors": the answers every endpoint shares, each a problem a person can act on.</summary>
public abstract partial class EdgeApiSuite
{
    [Fact]
    public async Task Every_endpoint_under_a_tenant_answers_404_unknown_tenant_for_a_tenant_that_does_not_exist()
    {
        var unknown = "t-none-" + Guid.NewGuid().ToString("N")[..8];
        var routes = Silo.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Any(p => p.Name == "tenantId") && e.Metadata.GetMetadata<DefinesTenant>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Endpoint: e)))
            .ToList();
        Assert.True(routes.Count >= 20, $"only {routes.Count} tenant routes found");

        var wrong = new List<string>();
        foreach (var (method, endpoint) in routes)
        {
            var path = "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "tenantId" } => unknown,
                _ => "x1",
            }))));
            var response = await Silo.AdminClient().SendAsync(new HttpMethod(method), path, method is "GET" or "DELETE" ? null : "{}");
            if (response.Status != HttpStatusCode.NotFound || (string?)response.Body?["code"] != "unknown_tenant")
            {
                wrong.Add($"{method} {endpoint.RoutePattern.RawText}: {(int)response.Status} {Http.Json(response.Body)}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Fact]
    public async Task A_method_the_path_does_not_take_is_405_method_not_allowed_with_the_methods_it_does()
    {
        var town = await TownAsync();
        await town.PlaceAsync("library");
        using var request = new HttpRequestMessage(HttpMethod.Delete, town.Path("places/library"));
        using var response = await town.Admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("PUT", response.Content.Headers.Allow);
        Assert.Contains("GET", response.Content.Headers.Allow);
        (await town.Admin.SendAsync(HttpMethod.Delete, town.Path("places/library"))).AssertProblem(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        var english = await Silo.AdminClient("en").SendAsync(HttpMethod.Delete, town.Path("places/library"));
        Assert.Contains("method", (string?)english.AssertProblem(HttpStatusCode.MethodNotAllowed, "method_not_allowed")["detail"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await town.Admin.GetJsonAsync(town.Path("places/library"))).Status);
    }

    [Fact]
    public async Task A_form_encoded_body_is_415_and_renames_nothing()
    {
        var town = await TownAsync();
        await town.PlaceAsync("library");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "改名", ["kind"] = "facility" });

        var response = await SendContentAsync(town.Admin, HttpMethod.Put, town.Path("places/library"), form);

        response.AssertProblem(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        Assert.Equal("施設 library", (string?)(await town.Admin.GetJsonAsync(town.Path("places/library"))).Body!["name"]);
    }

    [Fact]
    public async Task A_JSON_body_sent_as_another_type_is_415_after_authentication_and_changes_nothing()
    {
        ResetClock();
        var town = await TownAsync();
        await town.PlaceAsync("library");
        await town.ResidentAsync("r1", "c1");
        var reader = await town.ReaderAsync("rd1", "library");
        using var anonymousBody = new StringContent("{\"touchId\": \"t1\", \"cardId\": \"c1\"}", Encoding.UTF8, "text/plain");
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendContentAsync(Silo.Client(), HttpMethod.Post, "/api/v1/touches", anonymousBody)).Status);

        using var plain = new StringContent("{\"touchId\": \"t1\", \"cardId\": \"c1\"}", Encoding.UTF8, "text/plain");
        var response = await SendContentAsync(reader, HttpMethod.Post, "/api/v1/touches", plain);

        var problem = response.AssertProblem(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        Assert.Contains("application/json", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(0, await town.PointsAsync("r1"));
        using var json = new StringContent("{\"touchId\": \"t1\", \"cardId\": \"c1\"}", Encoding.UTF8);
        json.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
        Assert.Equal(HttpStatusCode.OK, (await SendContentAsync(reader, HttpMethod.Post, "/api/v1/touches", json)).Status);
    }

    [Fact]
    public async Task A_missing_or_wrong_field_is_named_in_Japanese_terms_and_in_English_on_request()
    {
        ResetClock();
        var town = await TownAsync();
        await town.PlaceAsync("library");
        var reader = await town.ReaderAsync("rd1", "library");
        var english = await town.ReaderAsync("rd2", "library", language: "en");

        var missing = (await reader.SendAsync(HttpMethod.Post, "/api/v1/touches", "{\"cardId\": \"c1\"}"))
            .AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal("タッチID（touchId）がありません。この項目を入れて送り直してください。", (string?)missing["detail"]);
        var missingInEnglish = (await english.SendAsync(HttpMethod.Post, "/api/v1/touches", "{\"cardId\": \"c1\"}"))
            .AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Contains("no touchId", (string?)missingInEnglish["detail"], StringComparison.Ordinal);

        var wrongType = (await town.Admin.SendAsync(HttpMethod.Put, town.Path("places/p1"), "{\"name\": \"x\", \"kind\": \"facility\", \"pointsPerVisit\": \"10\"}"))
            .AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
        Assert.StartsWith("来訪ポイント（pointsPerVisit）が正しくありません", (string?)wrongType["detail"], StringComparison.Ordinal);

        var notJson = (await town.Admin.SendAsync(HttpMethod.Put, town.Path("places/p1"), "not json"))
            .AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
        Assert.StartsWith("本文が正しくありません", (string?)notJson["detail"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-8 * 24 * 60)]
    [InlineData(60)]
    public async Task A_touch_time_outside_its_window_is_told_the_7_day_rule(int minutesFromNow)
    {
        ResetClock();
        var town = await TownAsync();
        await town.PlaceAsync("library");
        await town.ResidentAsync("r1", "c1");
        var at = Silo.Clock.GetUtcNow().AddMinutes(minutesFromNow);
        var body = new { touchId = "t1", cardId = "c1", at };

        var japanese = (await (await town.ReaderAsync("rd1", "library")).PostJsonAsync("/api/v1/touches", body))
            .AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
        var english = (await (await town.ReaderAsync("rd2", "library", language: "en")).PostJsonAsync("/api/v1/touches", body))
            .AssertProblem(HttpStatusCode.BadRequest, "invalid_request");

        Assert.Contains("7日以内", (string?)japanese["detail"], StringComparison.Ordinal);
        Assert.Contains("within the last 7 days", (string?)english["detail"], StringComparison.Ordinal);
        Assert.Equal(0, await town.PointsAsync("r1"));
    }

    private static async Task<(HttpStatusCode Status, System.Text.Json.Nodes.JsonNode? Body, string? ContentType)> SendContentAsync(
        HttpClient client, HttpMethod method, string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : System.Text.Json.Nodes.JsonNode.Parse(text), response.Content.Headers.ContentType?.MediaType);
    }
}
